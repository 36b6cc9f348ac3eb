/**
 * Requests filed through the cluster's APIs in batches of 20, as a client does it:
 * each with its own Idempotency-Key, sent again with the same key when the platform
 * answers 5xx or the connection fails, so a request filed while a server is down is
 * filed once when it is back. Unconditional ones (granted at once) unless told.
 */
import type { ClusterHarness } from './cluster-harness';
import { populationRequest } from '../support/http-cases';

/** A submission the platform refused (and the client sent again): its status and error code. */
export interface Refusal {
  status: number | 'network';
  code?: string;
}

/** Files requests `from` … `to - 1`; `refused` collects every answer that was retried. */
export async function submitMany(
  h: ClusterHarness,
  range: { from: number; to: number; prefix: string },
  refused: Refusal[] = [],
  body: (purpose: string) => object = (purpose) => populationRequest({ purpose }),
): Promise<Refusal[]> {
  const headers = await h.as('zhangwei');
  const submit = async (i: number) => {
    for (let attempt = 1; ; attempt += 1) {
      const res = await h
        .http()
        .post('/api/requests')
        .set(headers)
        .set('Idempotency-Key', `${range.prefix}-${i}`)
        .set('Prefer', 'respond-async')
        .send(body(`集群可靠性 ${range.prefix} ${i}`))
        .then(
          (r) => r,
          () => undefined,
        );
      if (res && (res.status === 202 || res.status === 200)) return;
      if (res && res.status < 500) throw new Error(`submit ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      refused.push(res ? { status: res.status, code: res.body?.error?.code } : { status: 'network' });
      if (attempt >= 60) throw new Error(`submit ${i}: refused ${attempt} times`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  for (let i = range.from; i < range.to; i += 20)
    await Promise.all(Array.from({ length: Math.min(20, range.to - i) }, (_, j) => submit(i + j)));
  return refused;
}
