/** This process's own activities as its workflow code calls them, with the shared timeout and retry policy. */
import { proxyActivities } from '@temporalio/workflow';
import type { createCatalogueEntryActivities } from '../../activities/catalogue_entry/activities';
import { ACTIVITY_OPTIONS } from '../cases/activities-proxy';

export const own = proxyActivities<ReturnType<typeof createCatalogueEntryActivities>>(ACTIVITY_OPTIONS);
