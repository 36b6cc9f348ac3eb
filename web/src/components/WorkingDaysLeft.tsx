/** Working days left to a deadline, on the official calendar: 剩 3 个工作日, 今日到期, 逾期 2 个工作日. */
import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n';

export function WorkingDaysLeft({ days, breached }: { days: number | null; breached?: boolean }) {
  const { t } = useI18n();
  if (days === null) return null;
  const [label, type] =
    days > 0
      ? [t('daysLeft').replace('{n}', String(days)), days <= 1 ? 'warning' : undefined]
      : days === 0
        ? [breached ? t('overdue') : t('dueToday'), breached ? 'danger' : 'warning']
        : [t('daysLate').replace('{n}', String(-days)), 'danger'];
  return (
    <Typography.Text strong type={type as 'warning' | 'danger' | undefined} data-testid="working-days-left">
      {label}
    </Typography.Text>
  );
}
