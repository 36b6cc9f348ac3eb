/**
 * The address the audit log records is the client's, not one the client
 * claims: X-Forwarded-For is believed only from a proxy named in TRUST_PROXY
 * (the outside probe stored `X-Forwarded-For: 6.6.6.6` as the requester's address).
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { testApp } from '../support/api';
import { useApiHarness } from '../support/api-harness';
import { populationRequest } from '../support/http-cases';

const h = useApiHarness();

async function submitVia(app: ReturnType<typeof testApp>, forwardedFor: string): Promise<string | null> {
  const res = await request(app)
    .post('/api/requests')
    .set(await h.as('zhangwei'))
    .set('Idempotency-Key', randomUUID())
    .set('X-Forwarded-For', forwardedFor)
    .send(populationRequest());
  expect(res.status).toBe(201);
  const entry = await h.t
    .db('audit_log')
    .where({ entity_id: res.body.id, action: 'sharing_request.submit' })
    .first();
  return entry.ip;
}

it('records the peer address and ignores X-Forwarded-For when no proxy is trusted (the default)', async () => {
  const ip = await submitVia(h.app, '6.6.6.6');
  expect(ip).not.toBe('6.6.6.6');
  expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
});

it('believes X-Forwarded-For from a proxy named in TRUST_PROXY', async () => {
  const behindProxy = testApp(h.t.db, h.env.client, {
    TEMPORAL_TASK_QUEUE: h.taskQueue,
    TRUST_PROXY: 'loopback',
  });
  expect(await submitVia(behindProxy, '203.0.113.9')).toBe('203.0.113.9');
});
