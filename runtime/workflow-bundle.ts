/**
 * How a worker bundles govshare's workflows. With the SDK's reusable V8 context, each workflow
 * evaluates the bundle's modules for itself, so every cached case held its own luxon, zod and
 * parsed policy schemas: about 1.5 MB a case. The pure modules below are evaluated once per
 * worker instead and shared by every workflow (`bundlerOptions.preloadModules`). A module belongs
 * here only if it keeps no state of a case at module scope and calls no workflow API when
 * loaded: the date library, the schema library, and the domain modules the workflows import
 * (test/runtime/workflow-bundle.test.ts holds the list to what the workflows import).
 */
import type { WorkerOptions } from '@temporalio/worker';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/** The pure domain modules that workflow code imports, shared by every workflow of a worker. */
export const SHARED_DOMAIN_MODULES = [
  '../domain/catalogue/freshness',
  '../domain/catalogue/resource',
  '../domain/policy/articles',
  '../domain/policy/duration',
  '../domain/policy/policy-document',
  '../domain/policy/set-period',
  '../domain/roles',
  '../domain/search-attributes',
  '../domain/sla/schedule',
  '../domain/text/visible',
];

export const WORKFLOW_BUNDLER_OPTIONS: NonNullable<WorkerOptions['bundlerOptions']> = {
  preloadModules: ['luxon', 'zod', ...SHARED_DOMAIN_MODULES.map((m) => require.resolve(m))],
};
