/**
 * The registry: every process govshare runs, one line each. The worker, the
 * API, the diagram route, the dashboard, the read model and the tests iterate
 * this list; nothing else names the processes. See docs/architecture.md,
 * "Adding a process".
 */
import { catalogueEntryProcess } from './catalogue_entry';
import { catalogueUpdateProcess } from './catalogue_update';
import { resourceFreshnessProcess } from './resource_freshness';
import { correctionProcess } from './correction';
import { disputeProcess } from './dispute';
import type { ProcessModule } from './process-module';
import { securityIncidentProcess } from './security_incident';
import { sharingRequestProcess } from './sharing_request';

export type { ProcessModule };

export const PROCESSES: readonly ProcessModule[] = [
  sharingRequestProcess,
  correctionProcess,
  disputeProcess,
  catalogueUpdateProcess,
  securityIncidentProcess,
  catalogueEntryProcess,
  resourceFreshnessProcess,
];

export const PROCESS_NAMES = PROCESSES.map((p) => p.name) as [string, ...string[]];

export function processNamed(name: string): ProcessModule | undefined {
  return PROCESSES.find((p) => p.name === name);
}
