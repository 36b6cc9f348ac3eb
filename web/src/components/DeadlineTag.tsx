/** A deadline as users read it: 2026年10月9日 23:59 · 第二十三条 · 2个工作日, red when overdue, orange when due soon, marked if provisional. */
import { Tag, Tooltip } from 'antd';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

const DAY = 86_400_000;

export function DeadlineTag({
  deadline,
  articleLabel,
  limit,
  provisional,
  breached,
  open = true,
}: {
  deadline: string;
  articleLabel?: string;
  limit?: { zh: string; en: string };
  provisional?: boolean;
  breached?: boolean;
  open?: boolean;
}) {
  const { t, lang, text } = useI18n();
  const left = Date.parse(deadline) - Date.now();
  const color = breached || (open && left < 0) ? 'red' : open && left < 2 * DAY ? 'orange' : 'default';
  return (
    <Tooltip title={provisional ? t('provisional') : undefined}>
      <Tag color={color} data-testid="deadline">
        {formatInstant(deadline, lang)}
        {articleLabel ? ` · ${articleLabel}` : ''}
        {limit ? ` · ${text(limit)}` : ''}
        {provisional ? ` (${t('provisional')})` : ''}
        {breached || (open && left < 0) ? ` · ${t('overdue')}` : ''}
      </Tag>
    </Tooltip>
  );
}
