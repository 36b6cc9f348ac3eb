/**
 * The `patched()` markers of changes to workflow code, one place for all of
 * them, so a reader sees which changes running cases may still be replaying.
 * A marker stays until no case started before its change can still run.
 */

/**
 * Each process has one name (workflow type, id prefix, GovshareProcess);
 * GovshareStatus takes only the API's statuses. Cases started before keep the
 * old child workflow type and id of their disputes and the `granted_<end>` status.
 */
export const ONE_NAME_PER_PROCESS = 'one-name-per-process';
