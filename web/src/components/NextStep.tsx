/**
 * "What happens next" on a case page, in one line: who acts, on what step,
 * by when and under which rule; or, once closed, what the parties can still
 * do. The page says what is particular to its process (`closedText`).
 */
import { Alert } from 'antd';
import type { CurrentTask } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

export function NextStep({
  task,
  closedText,
  waitingText,
}: {
  task: CurrentTask | null;
  /** What a closed case's parties are told (e.g. the grant's use, or that a denial can be disputed). */
  closedText?: string | null;
  /** Between steps (the workflow is opening the next task): what is happening. */
  waitingText?: string;
}) {
  const { t, text, holder, lang } = useI18n();
  const message = task
    ? t('nextStepTask')
        // The department that holds the step first; a city-level authority that may also act on it after.
        .replace(
          '{who}',
          [...task.holders]
            .sort((a, b) => Number(a.department === null) - Number(b.department === null))
            .map(holder)
            .join(' / '),
        )
        .replace('{step}', text(task.stepName))
        .replace('{deadline}', formatInstant(task.deadline, lang))
        .replace('{limit}', text(task.limit))
        .replace('{citation}', text(task.citation))
    : (closedText ?? waitingText ?? null);
  if (!message) return null;
  return (
    <Alert
      type={task?.breached ? 'warning' : 'info'}
      showIcon
      data-testid="next-step"
      message={`${t('nextStep')}${message}`}
      style={{ marginTop: 12 }}
    />
  );
}
