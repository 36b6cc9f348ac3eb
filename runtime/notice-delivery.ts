/**
 * Delivers notices beyond the app: every few seconds the worker takes the
 * notices due for delivery and POSTs each to the city's webhook as JSON,
 * signed with HMAC-SHA256, naming the people of its group and a link to its
 * task. A failed delivery is tried again later, up to a limit; the receiver
 * dedupes by the delivery id (a retry after a lost answer sends one twice).
 * Nothing here logs the webhook's URL (it may carry a token) or its secret.
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/connection';
import {
  claimDueNotices,
  markNoticeDelivered,
  markNoticeFailed,
  membersOf,
  type DueNotice,
} from '../db/notice-delivery-repository';
import type { Logger } from './logger';

export interface NoticeDeliveryOptions {
  db: Db;
  logger: Logger;
  webhook: { url: string; secret: string };
  publicUrl?: string;
  /** How often due notices are looked for. */
  intervalMs?: number;
  /** Notices older than this are not sent (e.g. after the webhook was down a long time, or first set). */
  maxAgeMs?: number;
  maxAttempts?: number;
  /** How long one answer may take. */
  timeoutMs?: number;
  now?: () => number;
}

const MINUTE = 60_000;

/** The wait before try n+1 after n failed tries: 1, 2, 4… minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** (attempts - 1), 60) * MINUTE;

/** The signature a receiver recomputes: HMAC-SHA256 of `${timestamp}.${body}` with the shared secret, in hex. */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function createNoticeDelivery(o: NoticeDeliveryOptions) {
  const now = o.now ?? Date.now;
  const maxAttempts = o.maxAttempts ?? 8;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function deliver(n: DueNotice): Promise<void> {
    const body = JSON.stringify({
      id: n.id,
      kind: n.kind,
      title: n.title,
      createdAt: n.createdAt,
      group: n.recipient,
      recipients: await membersOf(o.db, n.recipient),
      taskId: n.taskId,
      link: n.taskId && o.publicUrl ? `${o.publicUrl}/tasks/${encodeURIComponent(n.taskId)}` : null,
    });
    const timestamp = String(Math.floor(now() / 1000));
    const res = await fetch(o.webhook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'govshare-notices',
        'X-Govshare-Delivery': n.id,
        'X-Govshare-Timestamp': timestamp,
        'X-Govshare-Signature': `sha256=${signDelivery(o.webhook.secret, timestamp, body)}`,
      },
      body,
      signal: AbortSignal.timeout(o.timeoutMs ?? 5_000),
      redirect: 'error',
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`the webhook answered ${res.status}`);
  }

  /** One round: delivers what is due now; returns how many were delivered. */
  async function runOnce(): Promise<number> {
    const due = await claimDueNotices(o.db, {
      nowMs: now(),
      limit: 50,
      maxAgeMs: o.maxAgeMs ?? 24 * 60 * MINUTE,
      maxAttempts,
      leaseMs: MINUTE,
    });
    let delivered = 0;
    for (const n of due) {
      try {
        await deliver(n);
        await markNoticeDelivered(o.db, n.id, now());
        delivered += 1;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        await markNoticeFailed(o.db, n.id, reason, now() + retryDelayMs(n.attempts));
        o.logger.warn(
          { notice: n.id, attempt: n.attempts, lastAttempt: n.attempts >= maxAttempts, reason },
          'notice delivery failed',
        );
      }
    }
    return delivered;
  }

  return {
    runOnce,
    start() {
      const tick = () => {
        running = runOnce()
          .catch((err) => {
            o.logger.error(
              { err: err instanceof Error ? err.message : String(err) },
              'notice delivery round failed',
            );
            return 0;
          })
          .finally(() => {
            if (timer) timer = setTimeout(tick, o.intervalMs ?? 5_000);
          });
      };
      timer = setTimeout(tick, 0);
      o.logger.info('notice delivery to the webhook started');
    },
    async stop() {
      const t = timer;
      timer = undefined;
      if (t) clearTimeout(t);
      await running;
    },
  };
}
