/** The register of yearly security risk assessments of each department's data service node (art. 27). */
import type { Db } from '../connection';
import { localIso } from '../../domain/calendar/working-days';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface Assessment {
  id: string;
  department: string;
  year: number;
  assessedOn: string;
  node: string;
  assessor: string;
  riskLevel: RiskLevel;
  findings: string;
  recordedBy: string;
  recordedAt: string;
}

export const assessmentIdOf = (department: string, year: number) => `RA-${department}-${year}`;

/** Records a year's assessment; false when that year already has one (it is not replaced). */
export async function insertAssessment(
  db: Db,
  a: Omit<Assessment, 'id' | 'recordedAt'> & { recordedAtMs: number },
): Promise<boolean> {
  const id = assessmentIdOf(a.department, a.year);
  return db.transaction(async (trx) => {
    if (await trx('risk_assessments').where({ id }).first('id')) return false;
    await trx('risk_assessments').insert({
      id,
      department_code: a.department,
      year: a.year,
      assessed_on: a.assessedOn,
      node: a.node,
      assessor: a.assessor,
      risk_level: a.riskLevel,
      findings: a.findings,
      recorded_by: a.recordedBy,
      recorded_at_ms: a.recordedAtMs,
    });
    return true;
  });
}

export async function assessmentsOf(db: Db, department: string): Promise<Assessment[]> {
  const rows = await db('risk_assessments').where({ department_code: department }).orderBy('year', 'desc');
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    department: r.department_code as string,
    year: Number(r.year),
    assessedOn: r.assessed_on as string,
    node: r.node as string,
    assessor: r.assessor as string,
    riskLevel: r.risk_level as RiskLevel,
    findings: r.findings as string,
    recordedBy: r.recorded_by as string,
    recordedAt: localIso(r.recorded_at_ms),
  }));
}
