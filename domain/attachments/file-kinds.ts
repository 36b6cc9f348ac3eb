/**
 * What may be attached to a case (official letters, evidence): the kinds of
 * file an office exchanges, each known by its extension and held to the bytes
 * it must start with, so a renamed program is not taken for a letter. The
 * media type a download is served with is the kind's, never the uploader's.
 */

export interface FileKind {
  extensions: readonly string[];
  mediaType: string;
  /** The bytes every such file starts with. */
  magic: readonly number[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4: OFD, DOCX and XLSX are ZIP packages

export const FILE_KINDS: readonly FileKind[] = [
  { extensions: ['pdf'], mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  // OFD (GB/T 33190), the format of Chinese official electronic documents.
  { extensions: ['ofd'], mediaType: 'application/ofd', magic: ZIP },
  { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { extensions: ['png'], mediaType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  {
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: ZIP,
  },
  {
    extensions: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: ZIP,
  },
];

export const ATTACHABLE_EXTENSIONS = FILE_KINDS.flatMap((k) => k.extensions);

/** The longest file name kept, in characters. */
export const MAX_FILE_NAME = 200;

/** The name a file is kept under: no folders, no control characters, at most MAX_FILE_NAME characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean.length <= MAX_FILE_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_FILE_NAME - ext.length) + ext;
}

export type FileVerdict =
  { ok: true; kind: FileKind } | { ok: false; reason: 'type_not_allowed' | 'content_mismatch' | 'empty' };

/** Whether a file of this name and these first bytes may be attached, and as what. */
export function judgeFile(fileName: string, head: Uint8Array): FileVerdict {
  const ext = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  const kind = FILE_KINDS.find((k) => k.extensions.includes(ext));
  if (!kind) return { ok: false, reason: 'type_not_allowed' };
  if (head.length === 0) return { ok: false, reason: 'empty' };
  if (!kind.magic.every((b, i) => head[i] === b)) return { ok: false, reason: 'content_mismatch' };
  return { ok: true, kind };
}
