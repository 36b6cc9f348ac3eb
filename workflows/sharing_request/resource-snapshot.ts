/** The catalogue entry as a case keeps it: what routing and a grant need, fixed when the case starts. */
import type { Resource } from '../../domain/catalogue/resource';
import type { ResourceSnapshot } from './contract';

export function resourceSnapshot(r: Resource): ResourceSnapshot {
  return {
    code: r.code,
    name: r.name,
    shareType: r.shareType,
    providerDepartment: r.providerDepartment.code,
    legalBasis: r.legalBasis,
    statutoryRecipients: r.statutoryRecipients.map((d) => d.code),
    mode: r.mode,
    // Art. 19: a basic resource's base items are shared unconditionally.
    ...(r.category === 'basic'
      ? { baseItems: r.items.filter((i) => i.kind === 'base').map((i) => i.name) }
      : {}),
  };
}
