/**
 * What the API and the correction workflow (数据纠错, art. 24) exchange: its
 * input, steps and statuses. A consumer reports an error in shared data; the
 * provider verifies and replies within the policy's period; the consumer accepts
 * the reply or contests it, which opens a dispute.
 */
import type { Actor } from '../../domain/roles';
import type { PolicyVersion } from '../../domain/policy/policy-document';

/** The process's one name: workflow type, workflow-id prefix, GovshareProcess and the API's processType. */
export const CORRECTION_PROCESS = 'correction';
/** How people call the process (dashboards, the Temporal UI's summary). */
export const CORRECTION_LABEL = { zh: '数据纠错', en: 'Correction' } as const;
/** The prefix of a correction's id, e.g. CR-20261124-7K3M9Q. */
export const CORRECTION_ID_PREFIX = 'CR';
/** The workflow type of corrections started before the process had one name; they keep running under it. */
export const LEGACY_CORRECTION_WORKFLOW = 'correctionFeedback';

export const CORRECTION_STEPS = {
  providerReply: 'provider_reply',
  consumerReview: 'consumer_review',
} as const;

export const CORRECTION_STATUSES = [
  'provider_reply',
  'consumer_review',
  'accepted',
  'disputed',
  'resolved',
  'upheld',
] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export function correctionWorkflowId(correctionId: string): string {
  return `${CORRECTION_PROCESS}-${correctionId}`;
}

export interface CorrectionInput {
  correctionId: string;
  resourceCode: string;
  resourceName: string;
  provider: string;
  consumer: string;
  filedBy: Actor;
  filedAt: string;
  late: boolean;
  /**
   * The policy version in force at `filedAt`, the one the API judged the filing's lateness by,
   * handed over with the start. Cases started without it load it themselves.
   */
  policy?: PolicyVersion;
}

/** What a move records about the correction besides its status: the provider's reply. */
export interface CorrectionFacts {
  reply?: { decision: string; text: string | null };
}
