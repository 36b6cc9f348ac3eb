/** Saves a case's approval form (审批表) as a PDF to print or file, in the user's language. */
import { Button } from 'antd';
import { useState } from 'react';
import { download } from '../api/download';
import { useI18n } from '../i18n/i18n';

export function PrintFormButton({ caseType, caseId }: { caseType: string; caseId: string }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="small"
      loading={busy}
      data-testid="print-form"
      onClick={() => {
        setBusy(true);
        void download(
          `/api/cases/${caseType}/${encodeURIComponent(caseId)}/approval-form?lang=${lang}`,
          `${caseId}-approval-form.pdf`,
        ).finally(() => setBusy(false));
      }}
    >
      {t('printForm')}
    </Button>
  );
}
