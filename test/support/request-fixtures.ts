/** A sharing request as the API files it before its workflow starts, for read-model and activity tests. */
import type { NewRequest } from '../../db/sharing_request/request-repository';

/** Civil affairs asks public security for a name from GA-RK-001 (unconditional unless `overrides` say otherwise). */
export function filedRequest(id: string, overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    id,
    workflowId: `sharing-request-${id}`,
    requestedBy: 'zhangwei',
    idempotencyKey: `key-${id}`,
    payloadHash: 'h',
    resourceCode: 'GA-RK-001',
    shareType: 'unconditional',
    consumerDepartment: 'civil-affairs',
    providerDepartment: 'public-security',
    items: ['姓名'],
    purpose: '核对',
    basis: '',
    answers: {},
    usageFrom: '2026-12-01',
    usageTo: '2026-12-31',
    submittedAt: '2026-11-25T10:00:00+08:00',
    ...overrides,
  };
}
