/** Tasks as the API shows them: the row, plus the names and decisions of its step from the policy it started under. */
import type { Db } from '../../db/connection';
import { policyByKey } from '../../db/policy-repository';
import type { TaskRow } from '../../db/task-repository';
import { articleLabel, citationLabel } from '../../domain/policy/articles';
import { durationLabel } from '../../domain/policy/duration';
import type { CitationBasis, PolicyVersion, StepPolicy } from '../../domain/policy/policy-document';
import type { Role } from '../../domain/roles';
import { directoryNames } from '../directory/names';

export interface StepInfo {
  processName: { zh: string; en: string };
  stepName: { zh: string; en: string };
  decisions: string[];
  reasonRequired: string[];
  /** The step's time limit as the policy sets it, e.g. 2个工作日. */
  limit: { zh: string; en: string };
  /** Who sets that limit: the measures, a national rule, or the platform by default. */
  basis: CitationBasis | null;
  /** The limit's source as users read it: 第二十三条, 国发〔2016〕51号第十三条, 平台默认(待市政府确认). */
  citation: { zh: string; en: string };
  /** When deciding this step sets the period of a later one (art. 37's order): its bounds and default. */
  setsPeriod: {
    step: string;
    minWorkingDays: number;
    maxWorkingDays: number;
    latestDateDays: number;
    default: { zh: string; en: string };
    citation: { zh: string; en: string };
  } | null;
}

const UNKNOWN = { zh: '未知', en: 'Unknown' };

function periodSetHere(steps: Record<string, StepPolicy>, step: string): StepInfo['setsPeriod'] {
  const target = Object.entries(steps).find(([, s]) => s.periodSetBy?.step === step);
  if (!target) return null;
  const [name, s] = target;
  const b = s.periodSetBy!;
  return {
    step: name,
    minWorkingDays: b.min.workingDays,
    maxWorkingDays: b.max.workingDays,
    latestDateDays: b.latestDate.calendarDays,
    default: durationLabel(s.deadline),
    citation: citationLabel(b.citation),
  };
}

export function createTaskViews(db: Db) {
  // Policy versions never change once stored, so they are cached for the life of the process.
  const versions = new Map<string, Promise<PolicyVersion | null>>();

  async function stepInfo(policyKey: string, processType: string, step: string): Promise<StepInfo> {
    if (!versions.has(policyKey)) versions.set(policyKey, policyByKey(db, policyKey));
    const doc = (await versions.get(policyKey))?.document;
    const process = doc?.processes[processType];
    const s = process?.steps[step];
    return {
      processName: process?.name ?? UNKNOWN,
      stepName: s?.name ?? UNKNOWN,
      decisions: s?.decisions ?? [],
      reasonRequired: s?.reasonRequired ?? [],
      limit: s ? durationLabel(s.deadline) : UNKNOWN,
      basis: s?.citation.basis ?? null,
      citation: s ? citationLabel(s.citation) : UNKNOWN,
      setsPeriod: periodSetHere(process?.steps ?? {}, step),
    };
  }

  async function view(t: TaskRow, nowMs = Date.now()) {
    const [info, names] = await Promise.all([
      stepInfo(t.policyKey, t.processType, t.step),
      directoryNames(db),
    ]);
    return {
      id: t.id,
      processType: t.processType,
      processName: info.processName,
      caseId: t.caseId,
      step: t.step,
      stepName: info.stepName,
      department: t.department,
      departmentName: names.department(t.department),
      role: t.role as Role,
      candidates: t.candidates.map((c) => ({ ...c, departmentName: names.department(c.department) })),
      status: t.status,
      claimedBy: t.claimedBy,
      claimedByName: names.person(t.claimedBy),
      startedAt: t.startedAt,
      deadline: t.deadline,
      provisional: t.provisional,
      article: t.article,
      articleLabel: articleLabel(t.article),
      // A period the LG office set in its order is that order's, not the policy's default.
      limit: t.setPeriod ? durationLabel(t.setPeriod) : info.limit,
      basis: info.basis,
      citation: info.citation,
      setsPeriod: info.setsPeriod,
      breached: t.breached,
      overdue: t.status === 'open' && Date.parse(t.deadline) < nowMs,
      escalationLevel: t.escalationLevel,
      decisions: info.decisions,
      reasonRequired: info.reasonRequired,
      decision: t.decision,
      reason: t.reason,
      completedBy: t.completedBy,
      completedByName: names.person(t.completedBy),
      completedFor: t.completedFor,
      completedForName: names.person(t.completedFor),
      completedAt: t.completedAt,
    };
  }

  return { stepInfo, view };
}

export type TaskViews = ReturnType<typeof createTaskViews>;
