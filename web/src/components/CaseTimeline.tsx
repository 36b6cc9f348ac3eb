/** A case's deadlines (with their articles) and the timeline of every step. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApiErrors } from '../api/form-errors';
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

/** A comment box under the timeline: the parties talk on the case, and each comment joins its timeline. */
function CommentBox({ caseType, caseId }: { caseType: string; caseId: string }) {
  const { t } = useI18n();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => api('/api/comments', { method: 'POST', body: { caseType, caseId, text } }),
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries();
    },
    onError: errors.show,
  });
  return (
    <Space.Compact style={{ width: '100%', marginTop: 8 }}>
      <Input.TextArea
        rows={2}
        maxLength={2000}
        value={text}
        placeholder={t('commentHint')}
        aria-label={t('comment')}
        data-testid="comment-text"
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        type="primary"
        disabled={!text.trim()}
        loading={send.isPending}
        onClick={() => send.mutate()}
        data-testid="comment-send"
        style={{ height: 'auto' }}
      >
        {t('send')}
      </Button>
    </Space.Compact>
  );
}

export function CaseTimeline({
  timeline,
  comment,
}: {
  timeline: TimelineEntry[];
  /** The case to comment on, for the parties; no box without it. */
  comment?: { caseType: string; caseId: string };
}) {
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
      {comment ? <CommentBox {...comment} /> : null}
    </Card>
  );
}
