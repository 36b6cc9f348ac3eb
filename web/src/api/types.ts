/** The API's shapes the app reads (see /api/openapi.json for the full contract). */
export type Text = { zh: string; en: string };
export interface DepartmentRef {
  code: string;
  name: string;
  nameEn: string;
}
export interface User {
  username: string;
  displayName: string;
  department: DepartmentRef;
  roles: string[];
}
export interface Resource {
  code: string;
  name: string;
  summary: string;
  providerDepartment: DepartmentRef;
  category: 'basic' | 'thematic' | 'departmental';
  items: { name: string; kind: 'base' | 'business' }[];
  shareType: 'unconditional' | 'conditional' | 'not_shared';
  conditions: { id: string; question: string }[];
  legalBasis: string | null;
  statutoryRecipients: DepartmentRef[];
  mode: 'api' | 'verification' | 'file';
  updateCycle: string;
  openToPublic: boolean;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface Candidate {
  role: string;
  department: string | null;
}
export interface CurrentTask {
  id: string;
  step: string;
  stepName: Text;
  holders: Candidate[];
  claimedBy: string | null;
  deadline: string;
  provisional: boolean;
  article: number;
  articleLabel: string;
  limit: Text;
  breached: boolean;
  escalationLevel: number;
}
export interface DeadlineEntry {
  step: string;
  stepName: Text;
  taskId: string;
  deadline: string;
  provisional: boolean;
  article: number;
  articleLabel: string;
  limit: Text;
  breached: boolean;
  status: 'open' | 'done' | 'cancelled';
}
export interface TimelineEntry {
  at: string;
  step: string | null;
  action: string;
  actor: string | null;
  actorDepartment: string | null;
  decision: string | null;
  reason: string | null;
}
export interface Grant {
  id: string;
  status: 'active' | 'expired' | 'revoked';
  items: string[];
  usageFrom: string;
  usageTo: string;
  mode: string;
}
export interface RequestSummary {
  id: string;
  resourceCode: string;
  resourceName: string;
  shareType: Resource['shareType'];
  status: string;
  currentStep: string | null;
  consumerDepartment: DepartmentRef;
  providerDepartment: DepartmentRef;
  requestedBy: string;
  submittedAt: string;
  currentTask: CurrentTask | null;
}
export interface RequestDetail extends RequestSummary {
  items: string[];
  purpose: string;
  basis: string;
  answers: Record<string, string>;
  usageFrom: string;
  usageTo: string;
  decisionReason: string | null;
  currentTask: CurrentTask | null;
  deadlines: DeadlineEntry[];
  timeline: TimelineEntry[];
  grant: Grant | null;
  dispute: { id: string; status: string } | null;
}
export interface Task {
  id: string;
  processType: string;
  processName: Text;
  caseId: string;
  step: string;
  stepName: Text;
  department: string | null;
  role: string;
  candidates: Candidate[];
  status: 'open' | 'done' | 'cancelled';
  claimedBy: string | null;
  startedAt: string;
  deadline: string;
  provisional: boolean;
  article: number;
  articleLabel: string;
  limit: Text;
  breached: boolean;
  overdue: boolean;
  escalationLevel: number;
  decisions: string[];
  reasonRequired: string[];
  decision: string | null;
  reason: string | null;
  completedBy: string | null;
  completedAt: string | null;
}
export interface CaseProgress {
  currentTask: CurrentTask | null;
  deadlines: DeadlineEntry[];
  timeline: TimelineEntry[];
}
export interface Correction extends CaseProgress {
  id: string;
  resourceCode: string;
  resourceName: string;
  grantId: string | null;
  consumerDepartment: string;
  providerDepartment: string;
  filedBy: string;
  discoveredAt: string;
  filedAt: string;
  filingDeadline: string;
  late: boolean;
  items: string[];
  description: string;
  evidence: string;
  status: string;
  reply: { decision: string; text: string } | null;
  dispute: { id: string; status: string } | null;
}
export interface Dispute extends CaseProgress {
  id: string;
  subjectType: 'request' | 'correction';
  subjectId: string;
  providerDepartment: string;
  consumerDepartment: string;
  openedBy: string;
  claim: string;
  status: string;
  proposal: { by: string; department: string; text: string } | null;
  outcome: { stage: string; decision: string; text: string; by: string } | null;
}
export interface Obligation {
  id: string;
  department: string;
  status: string;
  metHow: string | null;
  metNote: string | null;
  currentTasks: CurrentTask[];
  deadlines: DeadlineEntry[];
  timeline: TimelineEntry[];
  sanctions: { id: string; kind: string; reason: string; at: string; liftedAt: string | null }[];
}
export interface Reform {
  id: string;
  title: string;
  effectiveDate: string;
  description: string;
  registeredBy: string;
  registeredAt: string;
  obligations: Obligation[];
}
