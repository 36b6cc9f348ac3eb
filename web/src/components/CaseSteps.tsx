/**
 * The plain step bar above a case's diagram, readable by anyone: 申请 →
 * 提供部门审核 → 平台审批 → 授权, each step done (with the day it was
 * decided), current (with its deadline), late, or still to come. The steps
 * are those the case has reached, in order, then the usual ones it has not.
 */
import { Steps } from 'antd';
import { useProcesses } from '../api/processes';
import type { DeadlineEntry, TimelineEntry } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';

export interface CaseStepsProps {
  process: string;
  /** What the first step is called (申请, 反馈, 提出异议…) and when it happened. */
  start: { label: string; at: string };
  /** The steps a case of this process usually passes, in order; those not reached yet show as to come. */
  path?: readonly string[];
  deadlines: DeadlineEntry[];
  timeline: TimelineEntry[];
  /** The end: its label (授权, 办结…), and whether the case is closed, and not as asked (denied, withdrawn). */
  end: { label: string; closed: boolean; failed?: boolean };
}

export function CaseSteps({ process, start, path = [], deadlines, timeline, end }: CaseStepsProps) {
  const { t, text, lang } = useI18n();
  const names = useProcesses().find((p) => p.name === process)?.steps ?? [];
  const reached = [...new Set(deadlines.map((d) => d.step))];
  const steps = [...reached, ...path.filter((s) => !reached.includes(s))];
  const items = steps.map((step) => {
    const entries = deadlines.filter((d) => d.step === step);
    const last = entries[entries.length - 1];
    const name = last
      ? text(last.stepName)
      : text(names.find((s) => s.key === step)?.name ?? { zh: step, en: step });
    if (!last)
      return {
        title: name,
        status: 'wait' as const,
        description: end.closed ? t('notReached') : t('toCome'),
      };
    if (last.status === 'open')
      return {
        title: name,
        status: last.breached ? ('error' as const) : ('process' as const),
        description: `${last.breached ? t('overdue') : t('current')} · ${t('dueOn').replace('{date}', formatDate(last.deadline, lang))}`,
      };
    if (last.status === 'cancelled')
      return { title: name, status: 'wait' as const, description: t('notReached') };
    const decided = [...timeline].reverse().find((e) => e.step === step && e.decision);
    return {
      title: name,
      status: 'finish' as const,
      description: `${decided ? formatDate(decided.at, lang) : ''}${last.breached ? ` · ${t('wasLate')}` : ''}`,
    };
  });
  return (
    <Steps
      size="small"
      data-testid="case-steps"
      items={[
        { title: start.label, status: 'finish', description: formatDate(start.at, lang) },
        ...items,
        {
          title: end.label,
          status: end.closed ? (end.failed ? 'error' : 'finish') : 'wait',
          // Closed by its last event: the decision, the withdrawal or the ruling.
          description: end.closed ? formatDate(timeline[timeline.length - 1]?.at, lang) : t('toCome'),
        },
      ]}
    />
  );
}
