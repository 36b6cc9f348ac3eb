/**
 * This process's own activities as its workflow code calls them, with the shared timeout and retry
 * policy; a write held for the case's next one is made first (../cases/held-writes.ts).
 */
import type { createSharingActivities } from '../../activities/sharing_request/activities';
import { ownActivities } from '../cases/activities-proxy';

export const own = ownActivities<ReturnType<typeof createSharingActivities>>();
