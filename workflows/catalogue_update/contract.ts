/**
 * What the API and the catalogue-update workflow (目录更新, art. 9, 37)
 * exchange. After an institutional reform, each affected department updates
 * its catalogue within the policy's period after the effective date; missing it
 * brings a rectification order, and missing that a public criticism and the
 * suspension of IT-project applications until the LG office lifts it.
 */
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../domain/roles';

/** The process's one name: workflow type, workflow-id prefix, GovshareProcess and the API's processType. */
export const CATALOGUE_UPDATE_PROCESS = 'catalogue_update';
/** How people call the process (dashboards, the Temporal UI's summary). */
export const CATALOGUE_UPDATE_LABEL = { zh: '目录更新', en: 'Catalogue update' } as const;
/** The prefix of a reform (each obligation adds its department)'s id, e.g. RF-20261124-7K3M9Q. */
export const CATALOGUE_UPDATE_ID_PREFIX = 'RF';
/** The workflow type of obligations started before the process had one name; they keep running under it. */
export const LEGACY_CATALOGUE_UPDATE_WORKFLOW = 'catalogueUpdate';

export const CATALOGUE_UPDATE_STEPS = {
  update: 'update',
  rectificationOrder: 'rectification_order',
  rectification: 'rectification',
  /** Art. 37: the LG office decides criticism and suspension once the set period has passed. */
  sanctionDecision: 'sanction_decision',
  liftSuspension: 'lift_suspension',
} as const;

export const OBLIGATION_STATUSES = [
  'open',
  'overdue',
  'rectification',
  'sanction_pending',
  'suspended',
  'met',
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** A referral asks the competent bodies to discipline those responsible (art. 37, 情节严重的); it is not lifted. */
export const SANCTION_KINDS = ['criticism', 'suspension', 'referral'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export function obligationId(reformId: string, department: string): string {
  return `${reformId}.${department}`;
}

/** An obligation's workflow id, from its own id: e.g. catalogue_update-RF-20261124-7K3M9Q.civil-affairs. */
export function obligationWorkflowId(obligationId: string): string {
  return `${CATALOGUE_UPDATE_PROCESS}-${obligationId}`;
}

export interface CatalogueUpdateInput {
  reformId: string;
  reformTitle: string;
  obligationId: string;
  department: string;
  /** The start of the effective date, local time: the deadline counts working days after that day. */
  effectiveFrom: string;
  registeredAt: string;
}

export interface CatalogueChange {
  resourceCode: string;
  by: Actor;
  at: string;
}

/** The department changed one of its resources in the catalogue: the obligation may be met by it. */
export const catalogueChanged = defineSignal<[CatalogueChange]>('catalogueChanged');

/**
 * What sets an obligation off (art. 9: "法律法规作出修订或行政管理职能发生变化"): the LG office
 * registers institutional reforms across departments; a department may register its own change
 * of statutory duties or a revision of the law that governs its data.
 */
export const REFORM_TRIGGERS = ['institutional_reform', 'duty_adjustment', 'law_revision'] as const;
export type ReformTrigger = (typeof REFORM_TRIGGERS)[number];

/**
 * What becomes of each resource the obligation lists: kept as it is, updated (a published change
 * since the effective date), transferred to the department that takes over the duty, or retired.
 */
export const RESOURCE_DECISIONS = ['keep', 'updated', 'transfer', 'retire'] as const;
/** What a steward decides by saying so: `updated` is recorded only by publishing the change. */
export const STEWARD_DECISIONS = ['keep', 'transfer', 'retire'] as const;
export type ResourceDecision = (typeof RESOURCE_DECISIONS)[number];

export interface ResourceDecisionInput {
  actor: Actor;
  resourceCode: string;
  decision: ResourceDecision;
  /** The department that takes the resource over: only for `transfer`. */
  successor?: string;
  reason: string;
}

/** One resource of the obligation and what was decided on it (null while undecided). */
export interface ObligationResource {
  code: string;
  decision: ResourceDecision | null;
}

/**
 * The department's data steward decides on one of the resources the obligation lists; refused with a
 * `TaskRefusal` (already decided, not listed, the obligation met). The answer is every listed resource.
 */
export const decideResource = defineUpdate<ObligationResource[], [ResourceDecisionInput]>('decideResource');

/**
 * The obligation transferred a resource to the department that takes over its duty (art. 9). Sent
 * to the workflows of the resource's open requests and active grants, and to its freshness case:
 * the successor is their provider from now on (it reviews, may revoke, keeps the data fresh).
 */
export const resourceTransferred =
  defineSignal<[{ successor: string; reason: string }]>('resourceTransferred');
/**
 * The obligation retired a resource (art. 9). Sent to the same workflows: an open request is closed
 * with the reason, an active grant ends with notice, the freshness case stops watching.
 */
export const resourceRetired = defineSignal<[{ actor: Actor; reason: string }]>('resourceRetired');

/** What a move records about the obligation besides its status: how and when it was met. */
export interface ObligationFacts {
  met?: { how: string; note: string | null; at: string };
}
