/**
 * What the open-cases benchmarks (3 on the dev server, 7 on the cluster) share: their sizes and
 * target, and the provider's reviewer approving the requests' first tasks over HTTP.
 */
import { sharingWorkflowId } from '../../workflows/sharing_request/contract';
import type { BenchApi } from './bench-api';

export const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
/** The baseline: the same completions with only this many cases open. */
export const BASELINE_CASES = 200;
export const COMPLETIONS = 200;
export const TARGET_RSS_MIB = 1024;

/** A step for `measure`: the reviewer approves the provider review of request `ids[i]`. */
export function approveProviderReview(api: Pick<BenchApi, 'post'>, reviewerToken: string) {
  return (ids: string[]) => async (i: number) => {
    await api.post(
      `/api/tasks/${sharingWorkflowId(ids[i])}.provider_review.1/complete`,
      { decision: 'approve', reason: '符合共享条件' },
      reviewerToken,
    );
  };
}
