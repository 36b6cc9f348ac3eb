/**
 * What the API and the sharing-request workflow exchange: the workflow's
 * input, its steps and statuses, the updates that withdraw a request or revoke
 * a grant, and the failure types their validators answer with.
 */
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/roles';
import type { ShareType, SharingMode } from '../../domain/catalogue/resource';
import type { PolicyVersion } from '../../domain/policy/policy-document';

/** The process's one name: workflow type, workflow-id prefix, GovshareProcess and the API's processType. */
export const SHARING_REQUEST_PROCESS = 'sharing_request';
/** How people call the process (dashboards, the Temporal UI's summary). */
export const SHARING_REQUEST_LABEL = { zh: '共享申请', en: 'Sharing request' } as const;
/** The prefix of a request's id, e.g. SR-20261124-7K3M9Q. */
export const SHARING_REQUEST_ID_PREFIX = 'SR';
/** The workflow type of requests started before the process had one name; they keep running under it. */
export const LEGACY_SHARING_REQUEST_WORKFLOW = 'sharingRequest';

/** The human steps, named as in the policy document and the BPMN diagram. */
export const SHARING_STEPS = {
  providerReview: 'provider_review',
  /** A statutory recipient's request (art. 21): the provider supplies it or says the cited law does not apply. */
  statutoryReview: 'statutory_review',
  platformReview: 'platform_review',
} as const;

export const REQUEST_STATUSES = [
  'submitted',
  'provider_review',
  'statutory_review',
  'platform_review',
  'granted',
  'denied',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** A request is open (awaiting a decision) in these statuses. */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = [
  'submitted',
  'provider_review',
  'statutory_review',
  'platform_review',
];

export const GRANT_STATUSES = ['active', 'expired', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** Failure types of the withdraw and revoke validators (the API maps them to HTTP). */
export const CaseRefusal = {
  Forbidden: 'CaseForbidden', // 403
  Closed: 'CaseClosed', // 409
  Invalid: 'CaseInvalid', // 422
} as const;

/** A request's workflow id: the process's name and the request's id, e.g. sharing_request-SR-20261124-7K3M9Q. */
export function sharingWorkflowId(requestId: string): string {
  return `${SHARING_REQUEST_PROCESS}-${requestId}`;
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
  /** A basic resource's base items (art. 19: shared unconditionally); absent for other resources and older cases. */
  baseItems?: string[];
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
  /**
   * The policy version in force at `submittedAt`, the one the API checked the request against,
   * handed over with the start so routing needs no read of its own. Cases started without it
   * (before it was handed over) load it themselves, as they did then.
   */
  policy?: PolicyVersion;
}

export interface WithdrawInput {
  actor: Actor;
  reason?: string;
}

export interface RevokeInput {
  actor: Actor;
  reason: string;
  /** Which of the request's grants (its base items' grant, art. 19); its main grant when absent. */
  grantId?: string;
}

export interface SharingRequestResult {
  status: RequestStatus;
  grant: GrantStatus | null;
}

/** The requester withdraws the request before a decision; refused with a `CaseRefusal`. */
export const withdrawRequest = defineUpdate<SharingRequestResult, [WithdrawInput]>('withdrawRequest');
/** The provider or the platform authority revokes the grant with a reason; refused with a `CaseRefusal`. */
export const revokeGrant = defineUpdate<GrantStatus, [RevokeInput]>('revokeGrant');

/** What a move records about the request besides its status: the reason of its decision (null when granted). */
export interface SharingRequestFacts {
  decisionReason?: string | null;
}
