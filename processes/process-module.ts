/**
 * What a process declares once, for every layer to iterate: its one name, its
 * read model, its workflow, its activities, its API and its diagram.
 * A new process is a folder in each layer plus one line in `index.ts`.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../api/http/deps';
import type { CaseColumns } from '../db/case-repository';
import type { CaseSummarySpec } from '../db/case-summaries';
import type { Db } from '../db/connection';

export interface ProcessModule {
  /**
   * The process's one name: its Temporal workflow type, the prefix of its
   * workflow ids, its GovshareProcess value, the API's `processType`, its key
   * in the policy document and its folder in every layer.
   */
  name: string;
  label: { zh: string; en: string };
  /** The prefix of its case ids, e.g. SR in SR-20261124-7K3M9Q. */
  caseIdPrefix: string;
  /** Its read-model table: a row per case, moved from status to status by the workflow. */
  table: string;
  /** The columns of its table that the facts of a move set (its repository's mapping). */
  caseColumns: (facts: never) => CaseColumns;
  /** Where its read model keeps what an inbox row says of a case: who asked, about what, since when. */
  summary: CaseSummarySpec;
  /** The statuses a case shows in the API and in GovshareStatus. */
  statuses: readonly string[];
  /** Its human steps, named as in the policy document and the BPMN diagram. */
  steps: Readonly<Record<string, string>>;
  /** Workflow types of cases started before the process had one name; the worker keeps running them. */
  legacyWorkflowTypes: readonly string[];
  /** Its activities, bound to the database (the worker registers them beside the shared ones). */
  activities?: (db: Db) => Record<string, (input: never) => Promise<unknown>>;
  /** Its endpoints, declared with `addRoute`. */
  routes: (router: Router, registry: OpenAPIRegistry, deps: ApiDeps) => void;
  /** Its BPMN diagram (workflows/<name>/diagram.bpmn) and what the diagram test holds it to. */
  diagram: {
    /** Policy steps that are deadlines but not tasks (e.g. the consumer's filing window). */
    policyOnly: readonly string[];
    /** Stages that end at their deadline (an interrupting timer). */
    interrupting: readonly string[];
    /** Updates and signals, and the user tasks each is attached to (empty: caught elsewhere). */
    messages: Readonly<Record<string, readonly string[]>>;
    /** End events the workflow records. */
    outcomes: readonly string[];
  };
}
