/**
 * Attaching files to a case and reading them back. Only the case's parties
 * (and city-level roles) may; each file is held to the allowed types by its
 * first bytes, kept whole or not at all, and recorded with its SHA-256. Every
 * attachment and every refused file is in the audit log; so is every
 * download (by the route).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  getAttachment,
  insertAttachment,
  listAttachments,
  type Attachment,
} from '../../db/attachment-repository';
import { caseParties } from '../../db/case-summaries';
import type { User } from '../../db/directory-repository';
import { ATTACHABLE_EXTENSIONS, cleanFileName, judgeFile } from '../../domain/attachments/file-kinds';
import { hasVisibleText } from '../../domain/text/visible';
import { processNamed } from '../../processes';
import { AttachmentStoreError, createAttachmentStore } from '../../runtime/attachment-store';
import { mayReadCase } from '../auth/policies';
import { auditByUser } from '../cases/audit';
import { directoryNames } from '../directory/names';
import type { ApiDeps } from '../http/deps';
import { HttpError } from '../http/errors';
import type { FileResponse, UploadedFile } from '../http/route';

const unavailable = (err: unknown): never => {
  if (err instanceof AttachmentStoreError)
    throw new HttpError(
      503,
      'attachment_store_unavailable',
      `The file store cannot be reached: ${err.message}`,
    );
  throw err;
};

export function createAttachmentService(deps: ApiDeps) {
  const { db, config } = deps;
  const store = createAttachmentStore(config.attachments);
  const accepts = { extensions: ATTACHABLE_EXTENSIONS, maxBytes: config.attachments.maxBytes };

  /** The case, checked to exist and to be the caller's to see. */
  async function openCase(user: User, caseType: string, caseId: string) {
    const parties = await caseParties(db, processNamed(caseType)!.summary, caseId);
    if (!parties) throw new HttpError(404, 'case_not_found', `No ${caseType} case ${caseId}.`);
    mayReadCase(user, `Case ${caseId}`, parties);
  }

  async function view(a: Attachment) {
    const names = await directoryNames(db);
    return {
      id: a.id,
      caseType: a.caseType,
      caseId: a.caseId,
      fileName: a.fileName,
      mediaType: a.mediaType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      uploadedBy: a.uploadedBy,
      uploadedByName: names.person(a.uploadedBy),
      uploadedByDepartment: a.uploadedByDepartment,
      uploadedByDepartmentName: names.department(a.uploadedByDepartment),
      uploadedAt: a.uploadedAt,
    };
  }

  return {
    async upload(user: User, caseType: string, caseId: string, file: UploadedFile, ip: string | undefined) {
      await openCase(user, caseType, caseId);
      const fileName = cleanFileName(file.originalName);
      if (!hasVisibleText(fileName.replace(/\.[^.]*$/, '')))
        throw new HttpError(400, 'invalid_input', 'Invalid input: file: its name has no visible character', [
          { path: 'file', code: 'file_name', message: 'its name has no visible character' },
        ]);
      const verdict = judgeFile(fileName, file.bytes.subarray(0, 16));
      if (!verdict.ok) {
        await auditByUser(db, user, {
          action: 'case.attach_refused',
          entityType: caseType,
          entityId: caseId,
          ip,
          detail: { fileName, sizeBytes: file.bytes.length, reason: verdict.reason },
        });
        if (verdict.reason === 'empty')
          throw new HttpError(400, 'invalid_input', 'Invalid input: file: is empty', [
            { path: 'file', code: 'file_empty', message: 'is empty' },
          ]);
        const allowed = ATTACHABLE_EXTENSIONS.join(', ');
        if (verdict.reason === 'type_not_allowed')
          throw new HttpError(
            415,
            'file_type_not_allowed',
            `${fileName}: only these types may be attached: ${allowed}.`,
            [
              {
                path: 'file',
                code: 'type_not_allowed',
                params: { allowed },
                message: `must be one of ${allowed}`,
              },
            ],
            { params: { allowed } },
          );
        throw new HttpError(
          415,
          'file_content_mismatch',
          `${fileName}: its content is not what its name says.`,
          [{ path: 'file', code: 'content_mismatch', message: 'its content is not what its name says' }],
        );
      }
      const id = `AT-${randomUUID()}`;
      const key = `${caseType}/${caseId}/${id}`;
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      await store.put(key, file.bytes).catch(unavailable);
      const row = {
        id,
        caseType,
        caseId,
        fileName,
        mediaType: verdict.kind.mediaType,
        sizeBytes: file.bytes.length,
        sha256,
        storage: store.kind,
        storageKey: key,
        uploadedBy: user.username,
        uploadedByDepartment: user.department.code,
        uploadedAtMs: Date.now(),
      };
      try {
        await insertAttachment(db, row);
      } catch (err) {
        await store.remove(store.kind, key).catch(() => undefined); // nothing kept that no row names
        throw err;
      }
      await auditByUser(db, user, {
        action: 'case.attach',
        entityType: caseType,
        entityId: caseId,
        ip,
        detail: { attachmentId: id, fileName, sizeBytes: row.sizeBytes, sha256, storage: store.kind },
      });
      return view((await getAttachment(db, caseType, caseId, id))!);
    },

    async list(user: User, caseType: string, caseId: string) {
      await openCase(user, caseType, caseId);
      const items = await listAttachments(db, caseType, caseId);
      return { items: await Promise.all(items.map(view)), accepts };
    },

    async download(user: User, caseType: string, caseId: string, id: string): Promise<FileResponse> {
      await openCase(user, caseType, caseId);
      const a = await getAttachment(db, caseType, caseId, id);
      if (!a) throw new HttpError(404, 'attachment_not_found', `No attachment ${id} on ${caseId}.`);
      const bytes = await store.get(a.storage, a.storageKey).catch(unavailable);
      if (createHash('sha256').update(bytes).digest('hex') !== a.sha256)
        throw new HttpError(
          503,
          'attachment_store_unavailable',
          `The stored copy of ${id} does not match its SHA-256.`,
        );
      return { contentType: a.mediaType, body: bytes, filename: a.fileName };
    },
  };
}
