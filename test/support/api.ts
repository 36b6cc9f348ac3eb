/** The express app wired to real servers for API tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createTemporalGateway } from '../../api/temporal/temporal-gateway';
import type { Db } from '../../db/connection';
import { parseConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';

export function testApp(db: Db, client: Client, env: NodeJS.ProcessEnv = {}) {
  // Attached files go to a folder of the test's own, never the repository's data folder.
  const attachments = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-attachments-'));
  const config = parseConfig({ NODE_ENV: 'test', ATTACHMENT_DIR: attachments, ...env });
  return createApp({
    config,
    db,
    temporal: createTemporalGateway(client, config.temporal.taskQueue, config.temporal.callTimeoutMs),
    logger: createLogger('silent', 'test'),
  });
}

export async function signIn(app: ReturnType<typeof testApp>, username: string): Promise<string> {
  const res = await request(app).post('/api/auth/dev-login').send({ username });
  if (res.status !== 200) throw new Error(`dev-login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}
