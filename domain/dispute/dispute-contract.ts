/**
 * What the API and the dispute workflow (异议协调, art. 21, 25) exchange. A
 * dispute escalates from negotiation between the two departments to
 * coordination by the leading group's office to a binding ruling by the
 * leading group; each stage has its policy deadline and moves on when it passes.
 */
import type { Actor } from '../roles';
import type { ResourceSnapshot } from '../sharing/sharing-contract';

export const DISPUTE_WORKFLOW = 'disputeCase';
export const DISPUTE_PROCESS = 'dispute';

export const DISPUTE_STEPS = {
  negotiation: 'negotiation',
  coordination: 'coordination',
  ruling: 'ruling',
} as const;

export const DISPUTE_STATUSES = ['negotiation', 'coordination', 'ruling', 'resolved', 'ruled'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const DISPUTE_SUBJECTS = ['request', 'correction'] as const;
export type DisputeSubject = (typeof DISPUTE_SUBJECTS)[number];

/** One dispute per subject: its id and workflow id follow from the subject's. */
export function disputeIdOf(subjectId: string): string {
  return `DS-${subjectId}`;
}

export function disputeWorkflowId(subjectId: string): string {
  return `dispute-${subjectId}`;
}

/** What a ruling for the consumer grants, when the subject is a denied request. */
export interface GrantTerms {
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
