/**
 * What the API and the sharing-request workflow exchange: the workflow's
 * input, its steps and statuses, the updates that withdraw a request or revoke
 * a grant, and the failure types their validators answer with.
 */
import type { Actor } from '../roles';
import type { ShareType, SharingMode } from '../catalogue/resource';

export const SHARING_REQUEST_WORKFLOW = 'sharingRequest';
export const SHARING_REQUEST_PROCESS = 'sharing_request';
export const WITHDRAW_REQUEST_UPDATE = 'withdrawRequest';
export const REVOKE_GRANT_UPDATE = 'revokeGrant';

/** The human steps, named as in the policy document and the BPMN diagram. */
export const SHARING_STEPS = {
  providerReview: 'provider_review',
  platformReview: 'platform_review',
} as const;

export const REQUEST_STATUSES = [
  'submitted',
  'provider_review',
  'platform_review',
  'granted',
  'denied',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const GRANT_STATUSES = ['active', 'expired', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** Failure types of the withdraw and revoke validators (the API maps them to HTTP). */
export const CaseRefusal = {
  Forbidden: 'CaseForbidden', // 403
  Closed: 'CaseClosed', // 409
  Invalid: 'CaseInvalid', // 422
} as const;

export function sharingWorkflowId(requestId: string): string {
  return `sharing-request-${requestId}`;
}

/** The catalogue entry as it stood when the request was made; the workflow keeps this copy. */
export interface ResourceSnapshot {
  code: string;
  name: string;
  shareType: ShareType;
  providerDepartment: string;
  legalBasis: string | null;
  statutoryRecipients: string[];
  mode: SharingMode;
}

export interface SharingRequestInput {
  requestId: string;
  resource: ResourceSnapshot;
  consumerDepartment: string;
  requester: Actor;
  items: string[];
  purpose: string;
  usageFrom: string;
  usageTo: string;
  /** When the grant ends by itself: the end of `usageTo` in Asia/Shanghai. */
  usageEndsAt: string;
  submittedAt: string;
}

export interface WithdrawInput {
  actor: Actor;
  reason?: string;
}

export interface RevokeInput {
  actor: Actor;
  reason: string;
}

export interface SharingRequestResult {
  status: RequestStatus;
  grant: GrantStatus | null;
}
