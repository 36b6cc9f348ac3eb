/**
 * A case's attachments (official letters, evidence): the list, each saved
 * under the name it was attached with, and for the parties a button to attach
 * another. The app checks type and size before sending; the API checks again.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Typography, Upload } from 'antd';
import { api, ApiError } from '../api/client';
import { download } from '../api/download';
import { useApiErrors } from '../api/form-errors';
import type { Attachment, AttachmentList } from '../api/types';
import { formatInstant } from '../format';
import { fieldText } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${+(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.ceil(bytes / 1024))} KB`;

export function CaseAttachments({ caseType, caseId }: { caseType: string; caseId: string }) {
  const { t, lang, dept } = useI18n();
  const { message } = App.useApp();
  const errors = useApiErrors();
  const qc = useQueryClient();
  const path = `/api/cases/${caseType}/${encodeURIComponent(caseId)}/attachments`;
  const list = useQuery({ queryKey: [path], queryFn: () => api<AttachmentList>(path) });
  const attach = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return api<Attachment>(path, { method: 'POST', body });
    },
    onSuccess: (a) => {
      void message.success(t('attached').replace('{name}', a.fileName));
      void qc.invalidateQueries({ queryKey: [path] });
    },
    onError: (e: Error) =>
      e instanceof ApiError && e.details[0]
        ? void message.error(fieldText(e.details[0], '', lang, e.code))
        : errors.show(e),
  });
  const accepts = list.data?.accepts;
  return (
    <Card
      size="small"
      title={`${t('attachments')}${list.data ? `(${list.data.items.length})` : ''}`}
      data-testid="attachments"
      extra={
        accepts ? (
          <Upload
            accept={accepts.extensions.map((e) => `.${e}`).join(',')}
            showUploadList={false}
            beforeUpload={(file) => {
              const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
              if (!accepts.extensions.includes(ext))
                void message.error(t('attachTypes').replace('{types}', accepts.extensions.join(', ')));
              else if (file.size > accepts.maxBytes)
                void message.error(t('attachTooLarge').replace('{size}', size(accepts.maxBytes)));
              else attach.mutate(file);
              return false; // sent by the mutation, with the user's token
            }}
          >
            <Button size="small" loading={attach.isPending} data-testid="attach">
              {t('attach')}
            </Button>
          </Upload>
        ) : null
      }
    >
      <List
        size="small"
        locale={{ emptyText: t('noAttachments') }}
        dataSource={list.data?.items ?? []}
        renderItem={(a) => (
          <List.Item
            data-testid="attachment"
            actions={[
              <Button
                key="save"
                type="link"
                size="small"
                onClick={() => void download(`${path}/${a.id}`, a.fileName)}
              >
                {t('downloadFile')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={a.fileName}
              description={
                <Typography.Text type="secondary">
                  {size(a.sizeBytes)} · {a.uploadedByName ?? a.uploadedBy}(
                  {dept(a.uploadedByDepartment, a.uploadedByDepartmentName)}) ·{' '}
                  {formatInstant(a.uploadedAt, lang)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
