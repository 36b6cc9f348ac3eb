/**
 * A case has one outcome. A withdrawal sent at the same moment as a final
 * decision (the provider's denial, the platform authority's approval) must not
 * both succeed: whichever the case accepts first wins, and the other is
 * refused with 409 and changes nothing. Many pairs are raced at each stage.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import type { SharingRequestBody } from '../../api/sharing_request/request-body';
import { HttpError } from '../../api/http/errors';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);
const PAIRS = 8;

const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate() as string;
const body = (): SharingRequestBody => ({
  resourceCode: 'RS-SB-001',
  items: ['参保状态'],
  purpose: '核对低保对象参保情况',
  basis: '',
  usageFrom: day(0),
  usageTo: day(90),
  answers: { scope: '300人', duty: '低保审核', security: '专人专机' },
});

/** 200 or the HTTP status the call was refused with. */
const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: unknown) => {
      if (e instanceof HttpError) return e.status;
      throw e;
    },
  );

async function settled(id: string, open: string) {
  const reader = await s.user('chenjing');
  return waitFor(`request ${id} to leave ${open}`, async () => {
    const d = await s.requests().read(reader, id, null);
    return d.status !== open ? d : undefined;
  });
}

async function race(taskId: string, requestId: string, decider: string, decision: 'approve' | 'deny') {
  const [decided, withdrawn] = await Promise.all([
    statusOf(s.tasks().complete(await s.user(decider), taskId, { decision, reason: '同时提交' }, null)),
    statusOf(s.requests().withdraw(await s.user('zhangwei'), requestId, '同时撤回', null)),
  ]);
  return { decided, withdrawn };
}

it(`the provider's denial and a withdrawal sent together: exactly one of them takes effect (${PAIRS} pairs)`, async () => {
  const requests = await Promise.all(
    Array.from(
      { length: PAIRS },
      async () => (await s.requests().submit(await s.user('zhangwei'), randomUUID(), body(), null)).request,
    ),
  );
  const results = await Promise.all(requests.map((r) => race(r.currentTask!.id, r.id, 'zhaoqiang', 'deny')));
  for (const [i, r] of requests.entries()) {
    const { decided, withdrawn } = results[i];
    expect([decided, withdrawn].sort()).toEqual([200, 409]);
    const d = await settled(r.id, 'provider_review');
    expect(d.status).toBe(decided === 200 ? 'denied' : 'withdrawn');
    expect(d.deadlines[0].status).toBe(decided === 200 ? 'done' : 'cancelled');
  }
});

it(`the platform authority's approval and a withdrawal sent together: exactly one of them takes effect (${PAIRS} pairs)`, async () => {
  const platformTasks = await Promise.all(
    Array.from({ length: PAIRS }, async () => {
      const r = (await s.requests().submit(await s.user('zhangwei'), randomUUID(), body(), null)).request;
      await s.tasks().complete(await s.user('zhaoqiang'), r.currentTask!.id, { decision: 'approve' }, null);
      const d = await settled(r.id, 'provider_review');
      expect(d.currentTask?.step).toBe('platform_review');
      return { requestId: r.id, taskId: d.currentTask!.id };
    }),
  );
  const results = await Promise.all(
    platformTasks.map((p) => race(p.taskId, p.requestId, 'chenjing', 'approve')),
  );
  for (const [i, p] of platformTasks.entries()) {
    const { decided, withdrawn } = results[i];
    expect([decided, withdrawn].sort()).toEqual([200, 409]);
    const d = await settled(p.requestId, 'platform_review');
    const grants = await h.t.db('grants').where({ request_id: p.requestId });
    if (decided === 200) {
      expect(d.status).toBe('granted');
      expect(grants.map((g) => g.status)).toEqual(['active']);
    } else {
      expect(d.status).toBe('withdrawn');
      expect(grants).toEqual([]);
    }
  }
});
