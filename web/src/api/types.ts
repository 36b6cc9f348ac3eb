/**
 * The API's shapes the app reads: each one the API's own schema, generated
 * from /api/openapi.json into schema.d.ts (`npm run api-types`), so a change
 * on the server that the app does not follow fails the app's type check.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Text = Schemas['LocalizedText'];
export type DepartmentRef = Schemas['DepartmentRef'];
export type User = Schemas['User'];
export type Resource = Schemas['Resource'];
export type ResourceVersionList = Schemas['ResourceVersionList'];
export type OpenDataGaps = Schemas['OpenDataGaps'];
export type CatalogueImportResult = Schemas['CatalogueImportResult'];
export type CatalogueDraft = Schemas['CatalogueDraft'];
export type CatalogueDraftList = Schemas['CatalogueDraftList'];
export type CatalogueCompleteness = Schemas['CatalogueCompleteness'];
export type Candidate = Schemas['Candidate'];
export type CurrentTask = Schemas['CurrentTask'];
export type DeadlineEntry = Schemas['DeadlineEntry'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type Grant = Schemas['Grant'];
export type RequestSummary = Schemas['RequestSummary'];
export type RequestDetail = Schemas['RequestDetail'];
export type Task = Schemas['Task'];
export type DecidedTask = Schemas['DecidedTask'];
export type InboxTask = Schemas['InboxTask'];
export type Notice = Schemas['Notice'];
export type Attachment = Schemas['Attachment'];
export type AttachmentList = Schemas['AttachmentList'];
export type Delegation = Schemas['Delegation'];
export type DelegationList = Schemas['DelegationList'];
export type NoticeList = Schemas['NoticeList'];
export type CompleteManyResult = Schemas['CompleteManyResult'];
export type TaskDetail = Schemas['TaskDetail'];
export type Correction = Schemas['Correction'];
export type Dispute = Schemas['Dispute'];
export type Reform = Schemas['Reform'];
export type Obligation = Reform['obligations'][number];
export type ProcessInfo = Schemas['ProcessList']['items'][number];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditVerification = Schemas['AuditVerification'];
export type DepartmentSecurity = Schemas['DepartmentSecurity'];
export type SecurityIncident = Schemas['SecurityIncident'];
export type CorrectionSummary = Schemas['CorrectionSummary'];
export type DisputeSummary = Schemas['DisputeSummary'];
export type ReformSummary = Schemas['ReformSummary'];

/** A page of a listing, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What every case shows of its progress: the open task, each deadline, the timeline. */
export type CaseProgress = Pick<Correction, 'currentTask' | 'deadlines' | 'timeline'>;

export type Department = Schemas['Department'];
export type DirectoryUser = Schemas['DirectoryUser'];
export type DirectoryUsers = Schemas['DirectoryUsers'];
export type DirectoryImportResult = Schemas['DirectoryImportResult'];
