/** Grants: what a consumer department may use, for what and until when. Written by the workflow's activities. */
import { localIso } from '../../domain/calendar/working-days';
import type { Db } from '../connection';
import { pageOf } from '../paging';
import type { GrantStatus } from '../../workflows/sharing_request/contract';
import type { SharingMode } from '../../domain/catalogue/resource';
import { insertOnce } from '../insert-once';

export interface Grant {
  id: string;
  requestId: string;
  /** The workflow that keeps the grant (its request's, or a dispute's whose ruling granted it). */
  workflowId: string | null;
  resourceCode: string;
  consumerDepartment: string;
  providerDepartment: string;
  items: string[];
  purpose: string;
  usageFrom: string;
  usageTo: string;
  mode: SharingMode;
  status: GrantStatus;
  grantedAt: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
  /** 'base': a basic resource's base items, granted at once (art. 19); 'main': the rest, or all. */
  part: GrantPart;
}

/** main: the request's grant; base: its base items' (art. 19); ruled: a revoked grant reinstated by a ruling (art. 25). */
export type GrantPart = 'main' | 'base' | 'ruled';

type Row = Record<string, unknown>;

function fromRow(r: Row): Grant {
  return {
    id: r.id as string,
    requestId: r.request_id as string,
    workflowId: (r.workflow_id as string | null) ?? null,
    resourceCode: r.resource_code as string,
    consumerDepartment: r.consumer_department as string,
    providerDepartment: r.provider_department as string,
    items: JSON.parse(r.items as string),
    purpose: r.purpose as string,
    usageFrom: r.usage_from as string,
    usageTo: r.usage_to as string,
    mode: r.mode as SharingMode,
    status: r.status as GrantStatus,
    grantedAt: localIso(r.granted_at_ms),
    endedAt: r.ended_at_ms == null ? null : localIso(r.ended_at_ms),
    endedBy: (r.ended_by as string | null) ?? null,
    endReason: (r.end_reason as string | null) ?? null,
    part: ((r.part as GrantPart | undefined) ?? 'main') as GrantPart,
  };
}

export type NewGrant = Omit<Grant, 'status' | 'endedAt' | 'endedBy' | 'endReason' | 'part'> & {
  part?: GrantPart;
};

/** Records a grant once; a retry finds it there and writes nothing. */
export async function insertGrant(db: Db, g: NewGrant): Promise<void> {
  await insertOnce(
    db('grants').insert({
      id: g.id,
      request_id: g.requestId,
      workflow_id: g.workflowId,
      resource_code: g.resourceCode,
      consumer_department: g.consumerDepartment,
      provider_department: g.providerDepartment,
      items: JSON.stringify(g.items),
      purpose: g.purpose,
      usage_from: g.usageFrom,
      usage_to: g.usageTo,
      mode: g.mode,
      status: 'active',
      granted_at_ms: Date.parse(g.grantedAt),
      part: g.part ?? 'main',
    }),
    'id',
  );
}

/** Ends an active grant; ending an ended grant changes nothing. */
export async function endGrant(
  db: Db,
  e: { grantId: string; status: 'expired' | 'revoked'; at: string; by: string | null; reason: string | null },
): Promise<void> {
  await db('grants')
    .where({ id: e.grantId, status: 'active' })
    .update({
      status: e.status,
      ended_at_ms: Date.parse(e.at),
      ended_by: e.by,
      end_reason: e.reason,
    });
}

export async function getGrant(db: Db, id: string): Promise<Grant | null> {
  const row = await db('grants').where({ id }).first();
  return row ? fromRow(row) : null;
}

/** The request's grant of one part: its main grant unless `part` says otherwise. */
export async function grantOfRequest(
  db: Db,
  requestId: string,
  part: GrantPart = 'main',
): Promise<Grant | null> {
  const row = await db('grants').where({ request_id: requestId, part }).first();
  return row ? fromRow(row) : null;
}

export async function listGrants(
  db: Db,
  f: { department?: string; status?: string; resourceCode?: string; page: number; pageSize: number },
): Promise<{ items: Grant[]; total: number }> {
  const q = db('grants');
  if (f.department)
    q.where((w) =>
      w.where('consumer_department', f.department!).orWhere('provider_department', f.department!),
    );
  if (f.status) q.where('status', f.status);
  if (f.resourceCode) q.where('resource_code', f.resourceCode);
  return pageOf(
    q,
    [
      { column: 'granted_at_ms', order: 'desc' },
      { column: 'id', order: 'desc' },
    ],
    f,
    fromRow,
  );
}

/** The grants a department holds or held on a resource, newest first. */
export async function grantsOfConsumer(db: Db, department: string, resourceCode: string): Promise<Grant[]> {
  const rows = await db('grants')
    .where({ consumer_department: department, resource_code: resourceCode })
    .orderBy('granted_at_ms', 'desc');
  return rows.map(fromRow);
}

/** The departments holding an active grant on a resource (to be told when its entry narrows). */
export async function activeGrantHolders(db: Db, resourceCode: string): Promise<string[]> {
  const rows: { consumer_department: string }[] = await db('grants')
    .where({ resource_code: resourceCode, status: 'active' })
    .distinct('consumer_department')
    .orderBy('consumer_department');
  return rows.map((r) => r.consumer_department);
}
