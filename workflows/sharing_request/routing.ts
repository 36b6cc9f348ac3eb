/**
 * Where a request goes first, by the resource's sharing type (art. 21):
 * unconditional resources are granted at once; conditional ones go to the
 * provider's review; not-shared ones are rejected with the catalogue's legal
 * basis, unless the law names the requester's department as a recipient.
 */
import type { ResourceSnapshot } from './contract';

export type Route = { kind: 'grant' } | { kind: 'review' } | { kind: 'reject'; reason: string };

export function routeRequest(resource: ResourceSnapshot, consumerDepartment: string): Route {
  if (resource.shareType === 'unconditional') return { kind: 'grant' };
  if (resource.shareType === 'conditional') return { kind: 'review' };
  if (resource.statutoryRecipients.includes(consumerDepartment)) return { kind: 'review' };
  return {
    kind: 'reject',
    reason: `该资源不予共享(第七条),依据:${resource.legalBasis ?? '目录未载明'}`,
  };
}
