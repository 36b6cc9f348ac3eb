/**
 * What the API and the correction workflow (数据纠错, art. 24) exchange: its
 * input, steps and statuses. A consumer reports an error in shared data; the
 * provider verifies and replies within 5 working days; the consumer accepts
 * the reply or contests it, which opens a dispute.
 */
import type { Actor } from '../roles';

export const CORRECTION_WORKFLOW = 'correctionFeedback';
export const CORRECTION_PROCESS = 'correction';

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
  return `correction-${correctionId}`;
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
}
