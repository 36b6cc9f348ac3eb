/**
 * Delivers notices beyond the app, on each configured channel: a signed
 * webhook a city's messaging system takes (OA, DingTalk or WeCom bridges), and
 * e-mail through the city's SMTP server to the people of the notice's group.
 * Every few seconds the worker takes the notices due on each channel (see
 * db/notice-delivery-repository.ts); a failed delivery is tried again after a
 * wait, up to a limit, without sending it again on a channel that took it.
 * Nothing here logs the webhook's URL or the SMTP URL (they may carry
 * credentials), the signing secret, or anyone's address.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from '../db/connection';
import {
  claimDueNotices,
  markNoticeDelivered,
  markNoticeFailed,
  membersOf,
  type DeliveryChannel,
  type DueNotice,
  type Recipient,
} from '../db/notice-delivery-repository';
import { directoryNames } from '../api/directory/names';
import { titleNamingDepartments } from '../domain/text/department-codes';
import type { Logger } from './logger';

/** A way notices leave the app. */
export interface NoticeChannel {
  name: DeliveryChannel;
  send(notice: DueNotice, recipients: Recipient[], link: string | null, nowMs: number): Promise<void>;
}

const MINUTE = 60_000;

/** The wait before try n+1 after n failed tries: 1, 2, 4… minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(2 ** (attempts - 1), 60) * MINUTE;

/** The signature a receiver recomputes: HMAC-SHA256 of `${timestamp}.${body}` with the shared secret, in hex. */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** POSTs each notice as JSON, signed; the receiver dedupes by X-Govshare-Delivery. */
export function webhookChannel(o: { url: string; secret: string; timeoutMs?: number }): NoticeChannel {
  return {
    name: 'webhook',
    async send(n, recipients, link, nowMs) {
      const body = JSON.stringify({
        id: n.id,
        kind: n.kind,
        title: n.title,
        createdAt: n.createdAt,
        group: n.recipient,
        recipients: recipients.map((r) => ({ username: r.username, displayName: r.displayName })),
        taskId: n.taskId,
        link,
      });
      const timestamp = String(Math.floor(nowMs / 1000));
      const res = await fetch(o.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'govshare-notices',
          'X-Govshare-Delivery': n.id,
          'X-Govshare-Timestamp': timestamp,
          'X-Govshare-Signature': `sha256=${signDelivery(o.secret, timestamp, body)}`,
        },
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 5_000),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`the webhook answered ${res.status}`);
    },
  };
}

/**
 * Mails each notice, in Chinese with English below, to the people of its
 * group who have an address (blind copies: nobody sees the others' addresses).
 * A group where nobody has one gets nothing, and the notice counts as sent.
 */
export function emailChannel(o: { smtpUrl: string; from: string; timeoutMs?: number }): NoticeChannel {
  const url = new URL(o.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: o.timeoutMs ?? 10_000,
    socketTimeout: o.timeoutMs ?? 10_000,
  });
  return {
    name: 'email',
    async send(n, recipients, link) {
      const to = recipients.map((r) => r.email).filter((e): e is string => e !== null);
      if (to.length === 0) return;
      await transport.sendMail({
        from: o.from,
        to: o.from,
        bcc: to,
        subject: n.title.zh,
        text: [n.title.zh, link ? `办理:${link}` : null, '', n.title.en, link ? `Open: ${link}` : null]
          .filter((l) => l !== null)
          .join('\n'),
        headers: { 'X-Govshare-Delivery': n.id },
      });
    },
  };
}

export interface NoticeDeliveryOptions {
  db: Db;
  logger: Logger;
  channels: NoticeChannel[];
  /** Where people open the app, for the task links; none without it. */
  publicUrl?: string;
  /** How often due notices are looked for. */
  intervalMs?: number;
  /** Notices older than this are not sent (e.g. those written long before a channel was set). */
  maxAgeMs?: number;
  maxAttempts?: number;
  now?: () => number;
}

export function createNoticeDelivery(o: NoticeDeliveryOptions) {
  const now = o.now ?? Date.now;
  const maxAttempts = o.maxAttempts ?? 8;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function runChannel(channel: NoticeChannel): Promise<number> {
    const due = await claimDueNotices(o.db, channel.name, {
      nowMs: now(),
      limit: 50,
      maxAgeMs: o.maxAgeMs ?? 24 * 60 * MINUTE,
      maxAttempts,
      leaseMs: MINUTE,
    });
    let delivered = 0;
    for (const n of due) {
      try {
        const link = n.taskId && o.publicUrl ? `${o.publicUrl}/tasks/${encodeURIComponent(n.taskId)}` : null;
        const names = await directoryNames(o.db);
        const title = titleNamingDepartments(n.title, names.department);
        await channel.send({ ...n, title }, await membersOf(o.db, n.recipient), link, now());
        await markNoticeDelivered(o.db, n.id, channel.name, now());
        delivered += 1;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        await markNoticeFailed(o.db, n.id, channel.name, reason, now() + retryDelayMs(n.attempt));
        o.logger.warn(
          {
            notice: n.id,
            channel: channel.name,
            attempt: n.attempt,
            lastAttempt: n.attempt >= maxAttempts,
            reason,
          },
          'notice delivery failed',
        );
      }
    }
    return delivered;
  }

  /** One round on every channel: delivers what is due now; returns how many deliveries were made. */
  async function runOnce(): Promise<number> {
    let delivered = 0;
    for (const channel of o.channels) delivered += await runChannel(channel);
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
      o.logger.info({ channels: o.channels.map((c) => c.name) }, 'notice delivery started');
    },
    async stop() {
      const t = timer;
      timer = undefined;
      if (t) clearTimeout(t);
      await running;
    },
  };
}

/** The channels the configuration sets, none when neither a webhook nor SMTP is configured. */
export function configuredChannels(c: {
  webhook?: { url: string; secret: string };
  email?: { smtpUrl: string; from: string };
}): NoticeChannel[] {
  return [...(c.webhook ? [webhookChannel(c.webhook)] : []), ...(c.email ? [emailChannel(c.email)] : [])];
}
