/**
 * Every code the API returns where a person reads a word (a status, a step, a
 * decision, a role, a cycle, a kind) has a Chinese and an English name in the
 * web app, so no page shows `monthly` or `active` to an official.
 */
import { codeNames } from '../../web/src/i18n/messages';
import { ROLES } from '../../domain/roles';
import {
  CATEGORIES,
  PLATFORM_CLASSIFICATIONS,
  SHARE_TYPES,
  SHARING_MODES,
  UPDATE_CYCLES,
} from '../../domain/catalogue/resource';
import { GRANT_STATUSES, REQUEST_STATUSES } from '../../workflows/sharing_request/contract';
import { DISPUTE_STATUSES, DISPUTE_SUBJECTS } from '../../workflows/dispute/contract';
import { CORRECTION_STATUSES } from '../../workflows/correction/contract';
import {
  OBLIGATION_STATUSES,
  REFORM_TRIGGERS,
  RESOURCE_DECISIONS,
  SANCTION_KINDS,
} from '../../workflows/catalogue_update/contract';
import { INCIDENT_SEVERITIES, SECURITY_INCIDENT_STATUSES } from '../../workflows/security_incident/contract';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../../workflows/security/contract';
import { CATALOGUE_ENTRY_STATUSES } from '../../workflows/catalogue_entry/contract';
import { RESOURCE_FRESHNESS_STATUSES } from '../../workflows/resource_freshness/contract';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';

const policy = loadPolicyFile(DEFAULT_POLICY_FILE);
const steps = Object.values(policy.processes).flatMap((p) => Object.entries(p.steps));

const codes: Record<string, readonly string[]> = {
  roles: ROLES,
  categories: CATEGORIES,
  classifications: PLATFORM_CLASSIFICATIONS,
  shareTypes: SHARE_TYPES,
  modes: SHARING_MODES,
  updateCycles: UPDATE_CYCLES,
  requestStatuses: REQUEST_STATUSES,
  grantStatuses: GRANT_STATUSES,
  disputeStatuses: DISPUTE_STATUSES,
  disputeSubjects: DISPUTE_SUBJECTS,
  correctionStatuses: CORRECTION_STATUSES,
  obligationStatuses: OBLIGATION_STATUSES,
  sanctionKinds: SANCTION_KINDS,
  incidentStatuses: SECURITY_INCIDENT_STATUSES,
  severities: INCIDENT_SEVERITIES,
  agreementKinds: AGREEMENT_KINDS,
  agreementStatuses: AGREEMENT_STATUSES,
  draftStatuses: CATALOGUE_ENTRY_STATUSES,
  freshnessStatuses: RESOURCE_FRESHNESS_STATUSES,
  reformTriggers: REFORM_TRIGGERS,
  resourceDecisions: RESOURCE_DECISIONS,
  steps: steps.map(([step]) => step),
  decisions: steps.flatMap(([, s]) => s.decisions),
};

it.each(Object.entries(codes))('every one of the %s has a Chinese and an English name', (_, list) => {
  const unnamed = list.filter((code) => !codeNames[code]?.zh || !codeNames[code]?.en);
  expect(unnamed).toEqual([]);
});
