/** A refused workbook import: every bad cell, by sheet, row and column, with what is wrong in the user's language. */
import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { fieldText } from '../i18n/errors';
import { useI18n } from '../i18n/i18n';
import type { Lang } from '../i18n/messages';

export interface ImportProblem {
  where: string;
  text: string;
}

/** The problems an import's refusal names, or null when the error is not about cells. */
export function importProblemsOf(e: Error, lang: Lang): ImportProblem[] | null {
  return e instanceof ApiError && e.details.length
    ? e.details.map((d) => ({ where: d.path, text: fieldText(d, '', lang, e.code) }))
    : null;
}

export function ImportProblems({
  problems,
  onClose,
}: {
  problems: ImportProblem[] | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  if (!problems) return null;
  return (
    <Alert
      type="error"
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 16 }}
      message={t('importRefused')}
      data-testid="import-problems"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.where}</code> {p.text}
            </li>
          ))}
        </ul>
      }
    />
  );
}
