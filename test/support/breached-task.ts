/**
 * A task that ran past its deadline, made through the real activities as a
 * workflow would: opened days ago, breached at its deadline, and optionally
 * decided since. For the dashboard's breach figures without waiting days.
 */
import { createSharedActivities } from '../../activities/shared';
import type { Db } from '../../db/connection';
import { processNamed } from '../../processes';
import { defaultPolicyKey } from '../../seeds/default-policy';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

export async function breachedTask(
  db: Db,
  t: {
    process: string;
    caseId: string;
    step: string;
    candidate: { role: string; department: string };
    article: number;
    startedDaysAgo: number;
    dueDaysAgo: number;
    /** Decided since, by this user. */
    decided?: { decision: string; by: string };
  },
): Promise<string> {
  const acts = createSharedActivities(db, processNamed);
  const workflowId = `${t.process}-${t.caseId}`;
  const id = `${workflowId}.${t.step}.1`;
  const names = { processName: { zh: '', en: '' }, stepName: { zh: '', en: '' } };
  await acts.openTask({
    id,
    workflowId,
    processType: t.process,
    caseId: t.caseId,
    step: t.step,
    candidates: [t.candidate as never],
    startedAt: daysAgo(t.startedDaysAgo),
    deadline: daysAgo(t.dueDaysAgo),
    provisional: false,
    article: t.article,
    policyKey: defaultPolicyKey(),
    ...names,
  });
  await acts.recordBreach({ taskId: id, ...names, at: daysAgo(t.dueDaysAgo), article: t.article });
  if (t.decided)
    await acts.closeTask({
      taskId: id,
      status: 'done',
      decision: t.decided.decision,
      reason: null,
      by: t.decided.by,
      at: daysAgo(Math.max(0, t.dueDaysAgo - 1)),
    });
  return id;
}
