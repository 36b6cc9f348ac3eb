/** The platform's own workflows, besides the processes': the bundle exports exactly these and the registry's. */
import { LOG_CHECKPOINT_WORKFLOW } from './audit/contract';
import { ROLLUP_CHECK_WORKFLOW } from './rollups/contract';
import { SECURITY_AGREEMENT_WORKFLOW } from './security/contract';

export const PLATFORM_WORKFLOWS = [
  LOG_CHECKPOINT_WORKFLOW,
  ROLLUP_CHECK_WORKFLOW,
  SECURITY_AGREEMENT_WORKFLOW,
] as const;
