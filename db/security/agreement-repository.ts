/** The register of security and confidentiality agreements (art. 30). */
import type { Db } from '../connection';
import { localIso } from '../../domain/calendar/working-days';
import type { AgreementKind, AgreementStatus } from '../../workflows/security/contract';
import { insertOnce } from '../insert-once';

export interface Agreement {
  id: string;
  department: string;
  serviceUnit: string;
  scope: string;
  kinds: AgreementKind[];
  signedOn: string;
  expiresOn: string;
  remindAt: string;
  policyKey: string;
  status: AgreementStatus;
  recordedBy: string;
  recordedAt: string;
  workflowId: string;
}

export async function insertAgreement(db: Db, a: Omit<Agreement, 'recordedAt'> & { recordedAtMs: number }) {
  await insertOnce(
    db('security_agreements').insert({
      id: a.id,
      department_code: a.department,
      service_unit: a.serviceUnit,
      scope: a.scope,
      kinds: JSON.stringify(a.kinds),
      signed_on: a.signedOn,
      expires_on: a.expiresOn,
      remind_at: a.remindAt,
      policy_key: a.policyKey,
      status: a.status,
      recorded_by: a.recordedBy,
      recorded_at_ms: a.recordedAtMs,
      workflow_id: a.workflowId,
    }),
    'id',
  );
}

/** Removes an agreement whose workflow could not be started (it was never in force). */
export async function deleteAgreement(db: Db, id: string): Promise<void> {
  await db('security_agreements').where({ id }).del();
}

/** Marks an agreement expired; an expired one stays as it is. */
export async function expireAgreementRow(db: Db, id: string): Promise<void> {
  await db('security_agreements').where({ id, status: 'in_force' }).update({ status: 'expired' });
}

const toAgreement = (r: Record<string, unknown>): Agreement => ({
  id: r.id as string,
  department: r.department_code as string,
  serviceUnit: r.service_unit as string,
  scope: r.scope as string,
  kinds: JSON.parse(r.kinds as string),
  signedOn: r.signed_on as string,
  expiresOn: r.expires_on as string,
  remindAt: r.remind_at as string,
  policyKey: r.policy_key as string,
  status: r.status as AgreementStatus,
  recordedBy: r.recorded_by as string,
  recordedAt: localIso(r.recorded_at_ms),
  workflowId: r.workflow_id as string,
});

export async function agreementsOf(db: Db, department: string): Promise<Agreement[]> {
  const rows = await db('security_agreements')
    .where({ department_code: department })
    .orderBy('expires_on', 'desc');
  return rows.map(toAgreement);
}

export async function getAgreement(db: Db, id: string): Promise<Agreement | null> {
  const r = await db('security_agreements').where({ id }).first();
  return r ? toAgreement(r) : null;
}
