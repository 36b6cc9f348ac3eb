/**
 * Where the bytes of attached files are kept: the data folder, or an
 * S3-compatible bucket when one is configured. A file is written whole or not
 * at all (a folder write goes to a draft renamed into place; an S3 PUT is
 * atomic), so a failed upload leaves nothing half-written. Keys are made by
 * the API from ids it checked, and held to a plain pattern here as well.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from './config';

export type StorageKind = 'folder' | 's3';

export interface AttachmentStore {
  /** Where new files go. */
  kind: StorageKind;
  put(key: string, bytes: Buffer): Promise<void>;
  get(kind: StorageKind, key: string): Promise<Buffer>;
  remove(kind: StorageKind, key: string): Promise<void>;
}

/** The store is unreachable or the file is missing from it: the API answers 503. */
export class AttachmentStoreError extends Error {}

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

function checked(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

function folderStore(dir: string) {
  const file = (key: string) => path.join(dir, ...checked(key).split('/'));
  return {
    async put(key: string, bytes: Buffer) {
      const target = file(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const draft = `${target}.${randomBytes(4).toString('hex')}.part`;
      try {
        await fs.writeFile(draft, bytes, { flag: 'wx', mode: 0o600 });
        await fs.rename(draft, target);
      } catch (err) {
        await fs.rm(draft, { force: true });
        throw err;
      }
    },
    async get(key: string) {
      try {
        return await fs.readFile(file(key));
      } catch (err) {
        throw new AttachmentStoreError(`attachment ${key} is missing from ${dir}: ${(err as Error).message}`);
      }
    },
    remove: (key: string) => fs.rm(file(key), { force: true }),
  };
}

function s3Store(s3: NonNullable<Config['attachments']['s3']>) {
  let client: Promise<{ c: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;
  // The SDK is loaded on first use, so an installation that keeps files in its folder never loads it.
  const connect = () =>
    (client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      c: new sdk.S3Client({
        region: s3.region,
        endpoint: s3.endpoint,
        forcePathStyle: Boolean(s3.endpoint),
        // S3-compatible stores do not all take the SDK's newer default checksums.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    })));
  const failed = (what: string, key: string) => (err: unknown) => {
    throw new AttachmentStoreError(`S3 ${what} of ${key} in ${s3.bucket} failed: ${(err as Error).name}`);
  };
  return {
    async put(key: string, bytes: Buffer) {
      const { c, sdk } = await connect();
      await c
        .send(new sdk.PutObjectCommand({ Bucket: s3.bucket, Key: checked(key), Body: bytes }))
        .catch(failed('put', key));
    },
    async get(key: string) {
      const { c, sdk } = await connect();
      const got = await c
        .send(new sdk.GetObjectCommand({ Bucket: s3.bucket, Key: checked(key) }))
        .catch(failed('get', key));
      return Buffer.from(await got.Body!.transformToByteArray());
    },
    async remove(key: string) {
      const { c, sdk } = await connect();
      await c
        .send(new sdk.DeleteObjectCommand({ Bucket: s3.bucket, Key: checked(key) }))
        .catch(failed('delete', key));
    },
  };
}

/** The store the configuration names; files kept earlier in the folder stay readable after a move to S3. */
export function createAttachmentStore(config: Config['attachments']): AttachmentStore {
  const folder = folderStore(config.dir);
  const bucket = config.s3 ? s3Store(config.s3) : undefined;
  const of = (kind: StorageKind) => {
    if (kind === 'folder') return folder;
    if (!bucket)
      throw new AttachmentStoreError('this attachment is kept in S3, and no ATTACHMENT_S3_BUCKET is set');
    return bucket;
  };
  return {
    kind: bucket ? 's3' : 'folder',
    put: async (key, bytes) => of(bucket ? 's3' : 'folder').put(key, bytes),
    get: async (kind, key) => of(kind).get(key),
    remove: async (kind, key) => of(kind).remove(key),
  };
}
