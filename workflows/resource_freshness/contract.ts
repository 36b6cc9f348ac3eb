/**
 * What the API and the data-freshness workflow (数据更新时效, art. 20) exchange.
 * Each published entry with an update cycle has one: it waits until the
 * entry's data is due again by its cycle (the policy's period), and when the
 * provider has not reported an update by then, its data steward gets a task
 * with a deadline that escalates to the LG office. Reporting the update ends
 * the task; so does the steward's `no_change` with a reason.
 */
import { defineSignal } from '@temporalio/workflow';
import type { UpdateCycle } from '../../domain/catalogue/resource';
import type { Actor } from '../../domain/roles';

/** The process's one name: workflow type, workflow-id prefix, GovshareProcess and the API's processType. */
export const RESOURCE_FRESHNESS_PROCESS = 'resource_freshness';
export const RESOURCE_FRESHNESS_LABEL = { zh: '数据更新时效', en: 'Data freshness' } as const;
/** The prefix of a freshness case's id: DF- and the entry's code, e.g. DF-GA-RK-001. */
export const RESOURCE_FRESHNESS_ID_PREFIX = 'DF';

export const RESOURCE_FRESHNESS_STEPS = { refresh: 'data_refresh' } as const;

export const RESOURCE_FRESHNESS_STATUSES = ['fresh', 'stale'] as const;
export type FreshnessStatus = (typeof RESOURCE_FRESHNESS_STATUSES)[number];

/** An entry has one freshness case, named by its code. */
export function freshnessCaseId(resourceCode: string): string {
  return `${RESOURCE_FRESHNESS_ID_PREFIX}-${resourceCode}`;
}

export function freshnessWorkflowId(resourceCode: string): string {
  return `${RESOURCE_FRESHNESS_PROCESS}-${freshnessCaseId(resourceCode)}`;
}

export interface FreshnessInput {
  resourceCode: string;
  resourceName: string;
  provider: string;
  cycle: UpdateCycle;
  /** When its data was last updated, or since when it is watched if never. */
  lastUpdatedAt: string;
  /** Carried over `continueAsNew`: the tasks and events the case recorded before. */
  tasksOpened?: number;
  eventsRecorded?: number;
}

export interface DataUpdate {
  /** When the data was updated (not after now). */
  at: string;
  by: Actor;
}

/** The provider updated the entry's data (art. 20): its clock starts again, and an open task ends. */
export const dataUpdated = defineSignal<[DataUpdate]>('dataUpdated');
/** A new version of the entry declares another update cycle. */
export const cycleChanged = defineSignal<[{ cycle: UpdateCycle }]>('cycleChanged');

/** What a move records besides the status: since when the data is overdue. */
export interface FreshnessFacts {
  staleSince?: string | null;
}
