/**
 * What the API and the dispute workflow (异议协调, art. 21, 25) exchange. A
 * dispute escalates from negotiation between the two departments to
 * coordination by the leading group's office to a binding ruling by the
 * leading group; each stage has its policy deadline and moves on when it passes.
 */
import type { Actor } from '../../domain/roles';
import type { ResourceSnapshot } from '../sharing_request/contract';

/** The process's one name: workflow type, workflow-id prefix, GovshareProcess and the API's processType. */
export const DISPUTE_PROCESS = 'dispute';
/** How people call the process (dashboards, the Temporal UI's summary). */
export const DISPUTE_LABEL = { zh: '异议协调', en: 'Dispute' } as const;
/** The prefix of a dispute's id, followed by its subject's: e.g. DS-SR-20261124-7K3M9Q. */
export const DISPUTE_ID_PREFIX = 'DS';
/** The workflow type of disputes started before the process had one name; they keep running under it. */
export const LEGACY_DISPUTE_WORKFLOW = 'disputeCase';

export const DISPUTE_STEPS = {
  negotiation: 'negotiation',
  coordination: 'coordination',
  ruling: 'ruling',
} as const;

export const DISPUTE_STATUSES = ['negotiation', 'coordination', 'ruling', 'resolved', 'ruled'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/**
 * A denied request, a contested correction reply, a revoked grant, or an exchange, recorded or
 * refused (art. 25: any disagreement on sharing and use).
 */
export const DISPUTE_SUBJECTS = ['request', 'correction', 'grant', 'exchange'] as const;
export type DisputeSubject = (typeof DISPUTE_SUBJECTS)[number];

/**
 * A dispute's id and workflow id follow from its subject, so a subject is not
 * disputed twice at once; a correction reopened by a ruling may be disputed
 * again, in a later round.
 */
export function disputeIdOf(subjectId: string, round = 1): string {
  return round === 1 ? `${DISPUTE_ID_PREFIX}-${subjectId}` : `${DISPUTE_ID_PREFIX}-${subjectId}-${round}`;
}

/** A dispute's workflow id, from its own id: e.g. dispute-DS-SR-20261124-7K3M9Q. */
export function disputeWorkflowId(disputeId: string): string {
  return `${DISPUTE_PROCESS}-${disputeId}`;
}

/** The workflow id disputes had before the process had one name (from the subject's id); running ones keep it. */
export function legacyDisputeWorkflowId(subjectId: string, round = 1): string {
  return `dispute-${disputeIdOf(subjectId, round).slice(3)}`;
}

/** What a ruling for the consumer grants: a denied request's terms, or a revoked grant's again. */
export interface GrantTerms {
  /** 'ruled' when the grant reinstates a revoked one (its own id); a denied request's grant is its 'main'. */
  part?: 'main' | 'ruled';
  requestId: string;
  resource: ResourceSnapshot;
  items: string[];
  purpose: string;
  usageFrom: string;
  usageTo: string;
  usageEndsAt: string;
}

export interface DisputeInput {
  disputeId: string;
  subjectType: DisputeSubject;
  subjectId: string;
  provider: string;
  consumer: string;
  openedBy: Actor;
  claim: string;
  openedAt: string;
  grantTerms?: GrantTerms;
}

export interface DisputeOutcome {
  stage: string;
  decision: string;
  text: string;
  by: string;
}

export interface DisputeResult {
  status: DisputeStatus;
  outcome: DisputeOutcome | null;
}

/** What a move records about the dispute besides its status: the standing proposal, or the outcome. */
export interface DisputeFacts {
  proposal?: { by: string; department: string; text: string };
  outcome?: DisputeOutcome;
}
