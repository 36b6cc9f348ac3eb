/**
 * The govshare API served in the benchmark's own process on a free port, with
 * dev sign-in, so a benchmark calls it over HTTP as a client would.
 */
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { createTemporalGateway } from '../../api/temporal/temporal-gateway';
import type { Db } from '../../db/connection';
import { parseConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';

export interface BenchApi {
  base: string;
  /** A dev-mode token for a seeded user. */
  token(username: string): Promise<string>;
  /** GETs a path, failing unless it answers 200. */
  get(path: string, token?: string): Promise<unknown>;
  /** POSTs JSON, failing unless it answers 2xx; returns the body. */
  post(path: string, body: unknown, token: string, headers?: Record<string, string>): Promise<unknown>;
  close(): Promise<void>;
}

/** A dev-mode token for a seeded user, from the API at `base`. */
export async function devLoginToken(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`dev-login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** POSTs JSON to a URL, failing unless it answers 2xx; returns the body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The govshare API at `base` (this process's or a process of its own), called over HTTP. */
export function apiAt(base: string): Omit<BenchApi, 'close'> {
  return {
    base,
    token: (username) => devLoginToken(base, username),
    async get(path, token) {
      const res = await fetch(`${base}${path}`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    post: (path, body, token, headers = {}) =>
      postJson(`${base}${path}`, body, { Authorization: `Bearer ${token}`, ...headers }),
  };
}

export async function serveApi(db: Db, client: Client, taskQueue: string): Promise<BenchApi> {
  const app = createApp({
    config: parseConfig({ NODE_ENV: 'test', TEMPORAL_TASK_QUEUE: taskQueue }),
    db,
    temporal: createTemporalGateway(client, taskQueue),
    logger: createLogger('silent', 'bench'),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    ...apiAt(`http://127.0.0.1:${(server.address() as { port: number }).port}`),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
