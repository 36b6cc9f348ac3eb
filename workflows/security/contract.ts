/**
 * A security and confidentiality agreement with a technical service unit
 * (art. 30) lives as a workflow of durable timers: its department is reminded
 * before it expires (when, the policy says), and it expires at the end of its
 * last day. A renewal is a new agreement.
 */
export const SECURITY_AGREEMENT_WORKFLOW = 'security_agreement';
export const AGREEMENT_ID_PREFIX = 'SA';

export const AGREEMENT_KINDS = ['security', 'confidentiality'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = ['in_force', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export function agreementWorkflowId(agreementId: string): string {
  return `${SECURITY_AGREEMENT_WORKFLOW}-${agreementId}`;
}

export interface AgreementTerms {
  agreementId: string;
  department: string;
  serviceUnit: string;
  expiresOn: string;
  /** When the department is reminded (ISO instant), computed from the policy when it was recorded. */
  remindAt: string;
  /** The end of `expiresOn` in Asia/Shanghai (ISO instant). */
  endsAt: string;
}
