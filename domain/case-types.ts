/** The kinds of case govshare runs, one Temporal workflow type each; named as in the policy document. */
export const CASE_TYPES = ['sharing_request', 'correction', 'dispute', 'catalogue_update'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
