/**
 * Notices delivered beyond the app, on MariaDB and SQLite, against a real
 * HTTP receiver and a real SMTP server: each notice once on each channel; the
 * webhook's signed so the receiver can check it, naming the people of its
 * group and a link to its task; the mail to those people's addresses; a
 * failed delivery tried again after a wait without resending it on the
 * channel that took it; old notices not sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { insertNotifications } from '../../db/task-repository';
import {
  createNoticeDelivery,
  emailChannel,
  retryDelayMs,
  signDelivery,
  webhookChannel,
} from '../../runtime/notice-delivery';
import { createLogger } from '../../runtime/logger';
import { createTestDb, type DbKind, type TestDb } from '../../scripts/harness/databases';

const SECRET = 's'.repeat(40);

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Mail {
  to: string[];
  data: string;
}

describe.each<DbKind>(['mysql', 'sqlite'])('on %s', (kind) => {
  let t: TestDb;
  let server: http.Server;
  let smtp: SMTPServer;
  let url: string;
  let smtpUrl: string;
  const received: Received[] = [];
  const mails: Mail[] = [];
  let answer = 204;

  beforeAll(async () => {
    t = await createTestDb(kind);
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=abc`;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        let data = '';
        stream.on('data', (d: Buffer) => (data += d.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).sort(), data });
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise((r) => server.close(r));
    await t?.drop();
  });

  it('delivers each new notice once, signed, with its group, its people and a link to its task', async () => {
    let clock = Date.now();
    const delivery = createNoticeDelivery({
      db: t.db,
      logger: createLogger('silent', 'test'),
      channels: [
        webhookChannel({ url, secret: SECRET }),
        emailChannel({ smtpUrl, from: '政务数据共享平台 <noreply@share.govshare.example>' }),
      ],
      publicUrl: 'https://share.example.gov.cn',
      now: () => clock,
    });
    await insertNotifications(t.db, [
      {
        id: 'wf-1.provider_review.1#task#0',
        recipient: { role: 'provider_reviewer', department: 'hr-social-security' },
        kind: 'task',
        taskId: 'wf-1.provider_review.1',
        title: {
          zh: '新待办:共享申请 SR-1·提供部门审核',
          en: 'New task: Sharing request SR-1 · Provider review',
        },
      },
    ]);
    // Written a day and more ago (e.g. while no webhook was set): not sent.
    await insertNotifications(t.db, [
      {
        id: 'old#task#0',
        recipient: { role: 'platform_approver', department: null },
        kind: 'task',
        taskId: null,
        title: { zh: '旧消息', en: 'Old' },
      },
    ]);
    await t
      .db('notifications')
      .where({ id: 'old#task#0' })
      .update({ created_at_ms: clock - 25 * 3_600_000 });

    expect(await delivery.runOnce()).toBe(2); // the webhook and the mail
    expect(await delivery.runOnce()).toBe(0); // once only
    expect(received).toHaveLength(1);
    expect(mails).toHaveLength(1);
    // To the group's people, blind-copied; the sender's own address carries the To: header.
    expect(mails[0].to).toEqual([
      'majun@demo.govshare.example',
      'noreply@share.govshare.example',
      'zhaoqiang@demo.govshare.example',
    ]);
    expect(mails[0].data).not.toMatch(/^Bcc:/im);
    expect(mails[0].data).toContain('X-Govshare-Delivery: wf-1.provider_review.1#task#0');
    const [got] = received;
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      id: 'wf-1.provider_review.1#task#0',
      kind: 'task',
      group: { role: 'provider_reviewer', department: 'hr-social-security' },
      recipients: [
        { username: 'majun', displayName: '马骏' },
        { username: 'zhaoqiang', displayName: '赵强' },
      ],
      taskId: 'wf-1.provider_review.1',
      link: 'https://share.example.gov.cn/tasks/wf-1.provider_review.1',
      title: { zh: '新待办:共享申请 SR-1·提供部门审核' },
    });
    expect(got.headers['x-govshare-delivery']).toBe(body.id);
    const timestamp = got.headers['x-govshare-timestamp'] as string;
    expect(got.headers['x-govshare-signature']).toBe(`sha256=${signDelivery(SECRET, timestamp, got.body)}`);
    // A receiver holding another secret would reject it.
    expect(got.headers['x-govshare-signature']).not.toBe(
      `sha256=${signDelivery('x'.repeat(40), timestamp, got.body)}`,
    );

    // The webhook's receiver fails: the notice waits there, then goes on the next try; its mail goes once.
    answer = 503;
    await insertNotifications(t.db, [
      {
        id: 'wf-2.platform_review.1#task#0',
        recipient: { role: 'platform_approver', department: null },
        kind: 'task',
        taskId: 'wf-2.platform_review.1',
        title: { zh: '新待办', en: 'New task' },
      },
    ]);
    expect(await delivery.runOnce()).toBe(1); // the mail
    const failed = await t
      .db('notice_deliveries')
      .where({ notice_id: 'wf-2.platform_review.1#task#0', channel: 'webhook' })
      .first();
    expect(failed).toMatchObject({ error: 'the webhook answered 503', delivered_at_ms: null });
    expect(Number(failed.attempts)).toBe(1);
    answer = 204;
    expect(await delivery.runOnce()).toBe(0); // not before its wait is over
    clock += retryDelayMs(1);
    expect(await delivery.runOnce()).toBe(1);
    expect(JSON.parse(received.at(-1)!.body).recipients).toEqual([
      { username: 'chenjing', displayName: '陈静' },
    ]);
    expect(received.filter((r) => JSON.parse(r.body).id === 'old#task#0')).toHaveLength(0);
    expect(mails.map((m) => m.to)).toEqual([
      expect.anything(),
      ['chenjing@demo.govshare.example', 'noreply@share.govshare.example'],
    ]);
  });
});
