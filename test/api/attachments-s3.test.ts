/**
 * Attachments kept in an S3-compatible bucket (ATTACHMENT_S3_BUCKET), here a
 * real S3 server (s3rver): a letter is attached through the API into the
 * bucket and downloaded back byte for byte; a file kept in the data folder
 * before the move to S3 stays readable.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createAttachmentStore } from '../../runtime/attachment-store';
import { useApiHarness } from '../support/api-harness';
import { httpCases, insuranceRequest } from '../support/http-cases';

const BUCKET = 'govshare-attachments';
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-s3-'));
let server: S3rver;
let endpoint = '';

// The AWS SDK reads its credentials from the environment, as it would in production.
process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';

beforeAll(async () => {
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(DIR, 's3rver') });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  await client().send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(() => server?.close());

const client = () => new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true });

const h = useApiHarness(() => ({
  ATTACHMENT_S3_BUCKET: BUCKET,
  ATTACHMENT_S3_ENDPOINT: endpoint,
  ATTACHMENT_DIR: path.join(DIR, 'folder'),
}));
const c = httpCases(h);

it('keeps an attached letter in the bucket and serves it back byte for byte', async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  const letter = Buffer.from('%PDF-1.7\n% 公函\n%%EOF\n');
  const sent = await h
    .http()
    .post(`/api/cases/sharing_request/${request.id}/attachments`)
    .set(await h.as('zhangwei'))
    .attach('file', letter, '公函.pdf');
  expect(sent.status).toBe(201);

  const object = await client().send(
    new GetObjectCommand({ Bucket: BUCKET, Key: `sharing_request/${request.id}/${sent.body.id}` }),
  );
  expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(letter);
  expect(fs.existsSync(path.join(DIR, 'folder', 'sharing_request'))).toBe(false); // nothing in the folder

  const got = await c.download(
    'zhaoqiang',
    `/api/cases/sharing_request/${request.id}/attachments/${sent.body.id}`,
  );
  expect(got.status).toBe(200);
  expect(
    createHash('sha256')
      .update(got.body as Buffer)
      .digest('hex'),
  ).toBe(sent.body.sha256);
  const row = await h.t.db('attachments').where({ id: sent.body.id }).first();
  expect(row.storage).toBe('s3');
});

it('still reads a file kept in the data folder before the move to S3', async () => {
  const folder = createAttachmentStore({ dir: path.join(DIR, 'folder'), maxBytes: 1024 });
  await folder.put('sharing_request/SR-1/AT-old', Buffer.from('旧文件'));
  const s3 = createAttachmentStore({
    dir: path.join(DIR, 'folder'),
    maxBytes: 1024,
    s3: { bucket: BUCKET, region: 'us-east-1', endpoint },
  });
  expect(s3.kind).toBe('s3');
  expect((await s3.get('folder', 'sharing_request/SR-1/AT-old')).toString()).toBe('旧文件');
  await expect(folder.get('s3', 'sharing_request/SR-1/AT-old')).rejects.toThrow('no ATTACHMENT_S3_BUCKET');
  await expect(folder.put('../escape', Buffer.from('x'))).rejects.toThrow('not a storage key');
});
