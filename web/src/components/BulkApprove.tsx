/**
 * Approving alike tasks in one go: the reviewer picks tasks of one step, gives
 * one reason, and each task is decided and recorded on its own. The answer
 * says how many were approved and why the others were not.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useApiErrors } from '../api/form-errors';
import type { CompleteManyResult, InboxTask, User } from '../api/types';
import { hasRole } from '../auth/session';
import { BULK_DECIDERS } from '../../../domain/roles';
import { errorText } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';

/** Who approves in bulk: the roles the API lets (shared with it). */
export const bulkApprovable = (user: User) => hasRole(user, ...BULK_DECIDERS);

export function BulkApprove({ tasks, onDone }: { tasks: InboxTask[]; onDone: () => void }) {
  const { t, lang, caseName } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState<{ id: string; text: string }[]>([]);
  const steps = new Set(tasks.map((x) => `${x.processType}/${x.step}`));
  const run = useMutation({
    mutationFn: () =>
      api<CompleteManyResult>('/api/tasks/complete-many', {
        method: 'POST',
        body: { taskIds: tasks.map((x) => x.id), decision: 'approve', reason: reason.trim() || undefined },
      }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ['tasks'] });
      message.success(t('bulkDone').replace('{n}', String(r.done)));
      const byId = new Map(tasks.map((x) => [x.id, x]));
      const notDone = r.items.filter((i) => i.outcome === 'refused');
      setRefused(
        notDone.map((i) => {
          const x = byId.get(i.id);
          return {
            id: x ? caseName(x.caseId, x.department, x.departmentName) : i.id,
            text: errorText({ code: i.error?.code ?? '', message: i.error?.message ?? '' }, lang),
          };
        }),
      );
      if (notDone.length === 0) {
        setOpen(false);
        setReason('');
      }
      onDone();
    },
    onError: errors.show,
  });
  const mixed = steps.size > 1;
  return (
    <>
      <Tooltip title={mixed ? t('bulkSameStep') : undefined}>
        <Button
          type="primary"
          disabled={tasks.length === 0 || mixed}
          onClick={() => {
            setRefused([]);
            setOpen(true);
          }}
          data-testid="bulk-approve"
        >
          {t('bulkApprove')}
          {tasks.length ? ` (${tasks.length})` : ''}
        </Button>
      </Tooltip>
      <Modal
        open={open}
        title={t('bulkApproveTitle').replace('{n}', String(tasks.length))}
        okText={t('approve')}
        okButtonProps={{ loading: run.isPending, disabled: tasks.length === 0, id: 'bulk-confirm' }}
        onOk={() => run.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t('bulkApproveHint')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('reason')}>
            <Input.TextArea
              rows={3}
              maxLength={2000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
        {refused.length ? (
          <div data-testid="bulk-refused">
            <Typography.Text type="danger">
              {t('bulkRefused').replace('{n}', String(refused.length))}
            </Typography.Text>
            <ul>
              {refused.map((r) => (
                <li key={r.id}>
                  {r.id}: {r.text}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Modal>
    </>
  );
}
