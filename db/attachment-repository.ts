/** Files attached to cases: what, by whom, when, and where the bytes are kept. */
import { localIso } from '../domain/calendar/working-days';
import type { Db } from './connection';

export interface Attachment {
  id: string;
  caseType: string;
  caseId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storage: 'folder' | 's3';
  storageKey: string;
  uploadedBy: string;
  uploadedByDepartment: string;
  uploadedAt: string;
}

type Row = Record<string, unknown>;

const fromRow = (r: Row): Attachment => ({
  id: r.id as string,
  caseType: r.case_type as string,
  caseId: r.case_id as string,
  fileName: r.file_name as string,
  mediaType: r.media_type as string,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256 as string,
  storage: r.storage as Attachment['storage'],
  storageKey: r.storage_key as string,
  uploadedBy: r.uploaded_by as string,
  uploadedByDepartment: r.uploaded_by_department as string,
  uploadedAt: localIso(r.uploaded_at_ms),
});

export async function insertAttachment(db: Db, a: Omit<Attachment, 'uploadedAt'> & { uploadedAtMs: number }) {
  await db('attachments').insert({
    id: a.id,
    case_type: a.caseType,
    case_id: a.caseId,
    file_name: a.fileName,
    media_type: a.mediaType,
    size_bytes: a.sizeBytes,
    sha256: a.sha256,
    storage: a.storage,
    storage_key: a.storageKey,
    uploaded_by: a.uploadedBy,
    uploaded_by_department: a.uploadedByDepartment,
    uploaded_at_ms: a.uploadedAtMs,
  });
}

/** A case's attachments, oldest first. */
export async function listAttachments(db: Db, caseType: string, caseId: string): Promise<Attachment[]> {
  const rows = await db('attachments')
    .where({ case_type: caseType, case_id: caseId })
    .orderBy([{ column: 'uploaded_at_ms' }, { column: 'id' }]);
  return rows.map(fromRow);
}

export async function getAttachment(db: Db, caseType: string, caseId: string, id: string) {
  const row = await db('attachments').where({ id, case_type: caseType, case_id: caseId }).first();
  return row ? fromRow(row) : null;
}
