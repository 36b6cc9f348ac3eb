/**
 * The migrations, listed in order. A code-defined migration source runs the
 * same way under tsx, jest and compiled JavaScript, on MySQL/MariaDB and SQLite.
 * A process's own migrations are in migrations/<process>/; their names, not
 * their folders, are what the database records as applied.
 */
import type { Knex } from 'knex';
import * as directory from './20261124_001_directory';
import * as calendar from './20261124_002_calendar';
import * as policy from './20261124_003_policy';
import * as tasks from './20261124_004_tasks';
import * as catalogue from './20261124_005_catalogue';
import * as sharing from './sharing_request/20261124_006_sharing';
import * as logs from './20261124_007_logs';
import * as cases from './20261124_008_cases';
import * as inboxDashboardIndexes from './20261125_009_inbox_dashboard_indexes';
import * as slaRollups from './20261125_010_sla_rollups';
import * as correctionIdempotency from './correction/20261125_011_correction_idempotency';
import * as logChain from './20261125_012_log_chain';
import * as logArchives from './20261125_013_log_archives';
import * as securityRegisters from './security/20261125_014_security_registers';
import * as securityIncidents from './security_incident/20261125_015_security_incidents';
import * as resourceClassification from './20261203_016_resource_classification';
import * as requestQuestions from './sharing_request/20261203_017_request_questions';
import * as taskSetPeriod from './20261203_018_task_set_period';
import * as grantParts from './sharing_request/20261203_019_grant_parts';
import * as exchangeRefusals from './sharing_request/20261203_020_exchange_refusals';
import * as finerDurationBuckets from './20261203_021_finer_duration_buckets';
import * as doneByIndex from './20261203_022_done_by_index';
import * as noticeReads from './20261203_023_notice_reads';
import * as noticeDelivery from './20261203_024_notice_delivery';
import * as userEmail from './20261203_025_user_email';
import * as delegations from './20261203_026_delegations';
import * as attachments from './20261203_027_attachments';
import * as breachesByStep from './20261203_028_breaches_by_step';
import * as directoryAdministration from './20261203_029_directory_administration';
import * as resourceVersions from './20261204_030_resource_versions';
import * as requestResourceVersion from './sharing_request/20261204_031_request_resource_version';
import * as resourceDomains from './20261204_032_resource_domains';
import * as resourceContributors from './20261204_033_resource_contributors';
import * as nationalCatalogueMetadata from './20261204_034_national_catalogue_metadata';
import * as catalogueDrafts from './catalogue_entry/20261204_035_catalogue_drafts';
import * as resourceFreshness from './resource_freshness/20261204_036_resource_freshness';
import * as obligationResources from './catalogue_update/20261204_037_obligation_resources';
import * as openTaskGroups from './20261206_038_open_task_groups';
import * as requestPolicyKey from './sharing_request/20261207_039_request_policy_key';

type Migration = {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
  /** `transaction: false` for a migration that cannot run in one (SQLite table copies). */
  config?: { transaction?: boolean };
};

const MIGRATIONS: [string, Migration][] = [
  ['20261124_001_directory', directory],
  ['20261124_002_calendar', calendar],
  ['20261124_003_policy', policy],
  ['20261124_004_tasks', tasks],
  ['20261124_005_catalogue', catalogue],
  ['20261124_006_sharing', sharing],
  ['20261124_007_logs', logs],
  ['20261124_008_cases', cases],
  ['20261125_009_inbox_dashboard_indexes', inboxDashboardIndexes],
  ['20261125_010_sla_rollups', slaRollups],
  ['20261125_011_correction_idempotency', correctionIdempotency],
  ['20261125_012_log_chain', logChain],
  ['20261125_013_log_archives', logArchives],
  ['20261125_014_security_registers', securityRegisters],
  ['20261125_015_security_incidents', securityIncidents],
  ['20261203_016_resource_classification', resourceClassification],
  ['20261203_017_request_questions', requestQuestions],
  ['20261203_018_task_set_period', taskSetPeriod],
  ['20261203_019_grant_parts', grantParts],
  ['20261203_020_exchange_refusals', exchangeRefusals],
  ['20261203_021_finer_duration_buckets', finerDurationBuckets],
  ['20261203_022_done_by_index', doneByIndex],
  ['20261203_023_notice_reads', noticeReads],
  ['20261203_024_notice_delivery', noticeDelivery],
  ['20261203_025_user_email', userEmail],
  ['20261203_026_delegations', delegations],
  ['20261203_027_attachments', attachments],
  ['20261203_028_breaches_by_step', breachesByStep],
  ['20261203_029_directory_administration', directoryAdministration],
  ['20261204_030_resource_versions', resourceVersions],
  ['20261204_031_request_resource_version', requestResourceVersion],
  ['20261204_032_resource_domains', resourceDomains],
  ['20261204_033_resource_contributors', resourceContributors],
  ['20261204_034_national_catalogue_metadata', nationalCatalogueMetadata],
  ['20261204_035_catalogue_drafts', catalogueDrafts],
  ['20261204_036_resource_freshness', resourceFreshness],
  ['20261204_037_obligation_resources', obligationResources],
  ['20261206_038_open_task_groups', openTaskGroups],
  ['20261207_039_request_policy_key', requestPolicyKey],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource });
}

export async function migrateRollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource }, true);
}
