/**
 * A deadline as users read it: 2026年10月9日 23:59 · 2个工作日 · 第二十三条, red when overdue,
 * orange when due soon, marked if provisional. The citation says who set the number: the
 * article only when the measures do, else the national rule or 平台默认(待市政府确认).
 */
import { Tag, Tooltip } from 'antd';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';

const DAY = 86_400_000;

export function DeadlineTag({
  deadline,
  citation,
  limit,
  provisional,
  breached,
  open = true,
}: {
  deadline: string;
  citation?: { zh: string; en: string };
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
        {limit ? ` · ${text(limit)}` : ''}
        {citation ? ` · ${text(citation)}` : ''}
        {provisional ? ` (${t('provisional')})` : ''}
        {breached || (open && left < 0) ? ` · ${t('overdue')}` : ''}
      </Tag>
    </Tooltip>
  );
}
