/**
 * This process's own activities as its workflow code calls them, with the shared timeout and retry
 * policy; a write held for the case's next one is made first (../cases/held-writes.ts).
 */
import type { createCatalogueEntryActivities } from '../../activities/catalogue_entry/activities';
import { ownActivities } from '../cases/activities-proxy';

export const own = ownActivities<ReturnType<typeof createCatalogueEntryActivities>>();
