/**
 * Where a request goes first, by the resource's sharing type (art. 21):
 * unconditional resources are granted at once, and so is a request for only
 * the base items of a basic resource (art. 19); a department the law names as
 * a recipient of a conditional or not-shared resource is entitled to it, so its
 * request goes to the provider to supply (no discretionary denial); other
 * conditional requests go to the provider's review; not-shared ones are
 * rejected with the catalogue's legal basis.
 */
import type { ResourceSnapshot } from './contract';

export type Route =
  | { kind: 'grant'; reason?: string }
  | { kind: 'review' }
  | { kind: 'statutory' }
  | { kind: 'reject'; reason: string };

export function routeRequest(
  resource: ResourceSnapshot,
  consumerDepartment: string,
  items: string[] = [],
): Route {
  if (resource.shareType === 'unconditional') return { kind: 'grant' };
  const base = resource.baseItems ?? [];
  if (items.length > 0 && items.every((i) => base.includes(i)))
    return { kind: 'grant', reason: '基础信息项无条件共享(第十九条)' };
  if (resource.statutoryRecipients.includes(consumerDepartment)) return { kind: 'statutory' };
  if (resource.shareType === 'conditional') return { kind: 'review' };
  return {
    kind: 'reject',
    reason: `该资源不予共享(第七条),依据:${resource.legalBasis ?? '目录未载明'}`,
  };
}
