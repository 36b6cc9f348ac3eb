/**
 * What the API and the catalogue-update workflow (目录更新, art. 9, 37)
 * exchange. After an institutional reform, each affected department updates
 * its catalogue within 15 working days of the effective date; missing it
 * brings a rectification order, and missing that a public criticism and the
 * suspension of IT-project applications until the LG office lifts it.
 */
import type { Actor } from '../roles';

export const CATALOGUE_UPDATE_WORKFLOW = 'catalogueUpdate';
export const CATALOGUE_UPDATE_PROCESS = 'catalogue_update';
export const CATALOGUE_CHANGED_SIGNAL = 'catalogueChanged';

export const CATALOGUE_UPDATE_STEPS = {
  update: 'update',
  rectificationOrder: 'rectification_order',
  rectification: 'rectification',
  liftSuspension: 'lift_suspension',
} as const;

export const OBLIGATION_STATUSES = ['open', 'overdue', 'rectification', 'suspended', 'met'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export const SANCTION_KINDS = ['criticism', 'suspension'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export function obligationId(reformId: string, department: string): string {
  return `${reformId}.${department}`;
}

export function obligationWorkflowId(reformId: string, department: string): string {
  return `catalogue-update-${reformId}-${department}`;
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
