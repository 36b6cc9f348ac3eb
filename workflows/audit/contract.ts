/**
 * The daily signing of the logs' heads (art. 32): a Temporal Schedule starts
 * this workflow, which signs a checkpoint of the audit and exchange logs.
 */
export const LOG_CHECKPOINT_WORKFLOW = 'log_checkpoints';
export const LOG_CHECKPOINT_SCHEDULE = 'govshare-log-checkpoints';

export interface SignedHead {
  log: string;
  pos: number;
  hash: string;
}
