/**
 * Attachments (issue 14, point 7), through the API: a requester attaches an
 * official letter to her request, the provider downloads the same bytes under
 * the same Chinese name, and the approval form lists it; outsiders, other
 * types, renamed content, oversized and empty files are refused, audited,
 * and leave nothing stored.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest } from '../support/http-cases';
import { pdfPages } from '../support/pdf-text';

const MAX = 4096;
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-attached-'));
const h = useApiHarness(() => ({ ATTACHMENT_MAX_BYTES: String(MAX), ATTACHMENT_DIR: DIR }));
const c = httpCases(h);

const LETTER = Buffer.from('%PDF-1.7\n% 关于申请社保数据的函\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

const filesOf = (caseId: string) => `/api/cases/sharing_request/${caseId}/attachments`;

async function attach(
  username: string,
  caseId: string,
  bytes: Buffer,
  fileName: string,
  to = filesOf(caseId),
) {
  return h
    .http()
    .post(to)
    .set(await h.as(username))
    .attach('file', bytes, fileName);
}

/** Every file in the test's attachment folder. */
function stored(): string[] {
  return fs.readdirSync(DIR, { recursive: true }) as string[];
}

it('keeps a letter attached to a request, and gives the provider the same bytes under the same name', async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  const sent = await attach('zhangwei', request.id, LETTER, '关于申请社保数据的函.pdf');
  expect(sent.status).toBe(201);
  expect(sent.body).toEqual(
    expect.objectContaining({
      fileName: '关于申请社保数据的函.pdf',
      mediaType: 'application/pdf',
      sizeBytes: LETTER.length,
      sha256: createHash('sha256').update(LETTER).digest('hex'),
      uploadedByName: '张伟',
      uploadedByDepartmentName: { zh: '市民政局', en: 'Civil Affairs Bureau' },
    }),
  );

  const listed = await c.get('zhaoqiang', filesOf(request.id));
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((a: { fileName: string }) => a.fileName)).toEqual([
    '关于申请社保数据的函.pdf',
  ]);
  expect(listed.body.accepts).toEqual({
    extensions: ['pdf', 'ofd', 'jpg', 'jpeg', 'png', 'docx', 'xlsx'],
    maxBytes: MAX,
  });

  const got = await c.download('zhaoqiang', `${filesOf(request.id)}/${sent.body.id}`);
  expect(got.status).toBe(200);
  expect(Buffer.compare(got.body as Buffer, LETTER)).toBe(0);
  expect(got.headers['content-type']).toBe('application/pdf');
  expect(got.headers['content-disposition']).toContain(
    `filename*=UTF-8''${encodeURIComponent('关于申请社保数据的函.pdf')}`,
  );

  const audit = await h.t
    .db('audit_log')
    .whereIn('action', ['case.attach', 'attachment.download'])
    .orderBy('seq');
  expect(audit.map((a: { action: string; actor: string }) => [a.action, a.actor])).toEqual([
    ['case.attach', 'zhangwei'],
    ['attachment.download', 'zhaoqiang'],
  ]);
  expect(JSON.parse(audit[0].detail)).toEqual(
    expect.objectContaining({ fileName: '关于申请社保数据的函.pdf', sha256: sent.body.sha256 }),
  );

  const form = (
    await pdfPages(
      (await c.download('zhangwei', `/api/cases/sharing_request/${request.id}/approval-form`)).body,
    )
  )
    .join('')
    .replace(/\s+/g, '');
  expect(form).toContain('附件');
  expect(form).toContain('关于申请社保数据的函.pdf');
});

it('refuses outsiders, other types, renamed content, oversized and empty files, and stores none of them', async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  const before = stored().length;
  const refusal = async (res: {
    status: number;
    body: { error: { code: string; details?: { path: string }[] } };
  }) => [res.status, res.body.error.code, res.body.error.details?.[0]?.path];

  expect((await attach('lina', request.id, LETTER, '函.pdf')).status).toBe(403); // public security is not a party
  expect((await c.get('lina', filesOf(request.id))).status).toBe(403);
  expect(await refusal(await attach('zhangwei', request.id, Buffer.from('MZ\x90\x00'), '说明.exe'))).toEqual([
    415,
    'file_type_not_allowed',
    'file',
  ]);
  expect(await refusal(await attach('zhangwei', request.id, PNG, '函.pdf'))).toEqual([
    415,
    'file_content_mismatch',
    'file',
  ]);
  expect(
    await refusal(await attach('zhangwei', request.id, Buffer.alloc(MAX + 1, 0x25), '大文件.pdf')),
  ).toEqual([413, 'file_too_large', 'file']);
  expect(await refusal(await attach('zhangwei', request.id, Buffer.alloc(0), '空.pdf'))).toEqual([
    400,
    'invalid_input',
    'file',
  ]);
  const asJson = await c.post('zhangwei', filesOf(request.id), { file: 'x' });
  expect(asJson.status).toBe(415);
  const noFile = await h
    .http()
    .post(filesOf(request.id))
    .set(await h.as('zhangwei'))
    .field('note', '忘了附件');
  expect(await refusal(noFile)).toEqual([400, 'invalid_input', 'file']);
  const cutShort = await h
    .http()
    .post(filesOf(request.id))
    .set(await h.as('zhangwei'))
    .set('Content-Type', 'multipart/form-data; boundary=XYZ')
    .send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="函.pdf"\r\n\r\n%PDF-1.7');
  expect(await refusal(cutShort)).toEqual([400, 'invalid_input', 'file']);
  const otherProcess = await attach(
    'zhangwei',
    request.id,
    LETTER,
    '函.pdf',
    `/api/cases/catalogue_update/${request.id}/attachments`,
  );
  expect(await refusal(otherProcess)).toEqual([400, 'invalid_input', 'caseType']);
  expect((await attach('zhangwei', 'SR-20260101-NOPE00', LETTER, '函.pdf')).status).toBe(404);
  const unknown = await c.get('zhangwei', `${filesOf(request.id)}/AT-nope`);
  expect([unknown.status, unknown.body.error.code]).toEqual([404, 'attachment_not_found']);

  expect((await c.get('zhangwei', filesOf(request.id))).body.items).toEqual([]);
  expect(await h.t.db('attachments').where({ case_id: request.id })).toEqual([]);
  expect(stored().length).toBe(before);
  const refused = await h.t.db('audit_log').where({ action: 'case.attach_refused', entity_id: request.id });
  expect(refused.map((r: { detail: string }) => JSON.parse(r.detail).reason).sort()).toEqual([
    'content_mismatch',
    'empty',
    'type_not_allowed',
  ]);
});
