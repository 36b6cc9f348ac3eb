/** A case's deadlines (with their articles) and the timeline of every step. */
import { Card, Table, Timeline, Typography } from 'antd';
import type { DeadlineEntry, TimelineEntry } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { DeadlineTag } from './DeadlineTag';

export function CaseDeadlines({ deadlines }: { deadlines: DeadlineEntry[] }) {
  const { t, text, name } = useI18n();
  return (
    <Card title={t('deadlines')} size="small">
      <Table
        size="small"
        rowKey="taskId"
        pagination={false}
        dataSource={deadlines}
        columns={[
          { title: t('step'), render: (_, d) => text(d.stepName) },
          {
            title: t('deadline'),
            render: (_, d) => (
              <DeadlineTag
                deadline={d.deadline}
                citation={d.citation}
                limit={d.limit}
                provisional={d.provisional}
                breached={d.breached}
                open={d.status === 'open'}
              />
            ),
          },
          { title: t('status'), render: (_, d) => name(d.status) },
        ]}
      />
    </Card>
  );
}

export function CaseTimeline({ timeline }: { timeline: TimelineEntry[] }) {
  const { t, name, lang, dept } = useI18n();
  return (
    <Card title={t('timeline')} size="small">
      <Timeline
        items={timeline.map((e) => ({
          color:
            e.action.startsWith('escalated') || e.action === 'deadline_breached'
              ? 'red'
              : e.decision === 'deny'
                ? 'orange'
                : 'blue',
          children: (
            <div data-testid="timeline-entry">
              <Typography.Text strong>
                {name(e.action === 'submitted' ? 'submitted_event' : e.action)}
              </Typography.Text>
              {e.step ? ` · ${name(e.step)}` : ''}
              {e.decision ? ` · ${name(e.decision)}` : ''}
              <div>
                <Typography.Text type="secondary">
                  {formatInstant(e.at, lang)}
                  {e.actor ? ` · ${e.actorName ?? e.actor}` : ''}
                  {e.onBehalfOf
                    ? `(${t('actingFor').replace('{name}', e.onBehalfOfName ?? e.onBehalfOf)})`
                    : ''}
                  {e.actorDepartment ? `(${dept(e.actorDepartment, e.actorDepartmentName)})` : ''}
                </Typography.Text>
              </div>
              {e.reason ? <div>{e.reason}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
