/**
 * Sharing requests end to end through the API, against the Temporal dev
 * server and MariaDB: each sharing type, a statutory recipient, approve and
 * approve, provider and platform denials, withdrawal, idempotent resubmission,
 * the wrong department or role, a double completion, and bad input of every
 * kind (answered 400/422, nothing stored, no workflow started).
 */
import { SA } from '../../domain/search-attributes';
import { SHARING_REQUEST_PROCESS, sharingWorkflowId } from '../../workflows/sharing_request/contract';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { testApp } from '../support/api';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import { useApiHarness } from '../support/api-harness';
import { httpCases } from '../support/http-cases';
import { waitFor } from '../support/wait';
import { savePolicyVersion } from '../../db/policy-repository';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';
import knex from 'knex';
import { createRequestService } from '../../api/sharing_request/service';
import { createTemporalGateway } from '../../api/temporal/temporal-gateway';
import { findUser } from '../../db/directory-repository';

const h = useApiHarness();

const day = (n = 0) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate() as string;

const conditional = (over: Record<string, unknown> = {}) => ({
  resourceCode: 'RS-SB-001',
  items: ['公民身份号码', '参保状态'],
  purpose: '核对低保申请人的参保情况',
  basis: '《社会救助暂行办法》第十一条',
  usageFrom: day(),
  usageTo: day(180),
  answers: { scope: '每月约300人', duty: '低保审核', security: '专人专机' },
  ...over,
});

async function submit(username: string, body: object, key: string = randomUUID()) {
  return h
    .http()
    .post('/api/requests')
    .set(await h.as(username))
    .set('Idempotency-Key', key)
    .send(body);
}

/** 张伟's conditional request with `Prefer: respond-async`: answered once its workflow has started. */
async function submitAsync() {
  return h
    .http()
    .post('/api/requests')
    .set(await h.as('zhangwei'))
    .set('Idempotency-Key', randomUUID())
    .set('Prefer', 'respond-async')
    .send(conditional());
}

/** The request as its requester reads it, once it has reached `status`. */
async function requestWhen(id: string, status: string) {
  return waitFor(`request ${id} ${status}`, async () => {
    const r = await h
      .http()
      .get(`/api/requests/${id}`)
      .set(await h.as('zhangwei'));
    return r.body.status === status ? r.body : undefined;
  });
}

async function complete(username: string, taskId: string, body: object) {
  return h
    .http()
    .post(`/api/tasks/${taskId}/complete`)
    .set(await h.as(username))
    .send(body);
}

async function detail(username: string, id: string) {
  const res = await h
    .http()
    .get(`/api/requests/${id}`)
    .set(await h.as(username));
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until the request's open task is the given step, and returns it. */
async function openTask(id: string, step: string) {
  return waitFor(`the ${step} task`, async () => {
    const d = await detail('zhangwei', id);
    return d.currentTask?.step === step ? d.currentTask : undefined;
  });
}

const workflowCount = async () =>
  (await h.env.client.workflow.count(`WorkflowType="${SHARING_REQUEST_PROCESS}"`)).count;

describe('by sharing type (art. 21)', () => {
  it('grants an unconditional resource at once, with the grant on record for both departments', async () => {
    const res = await submit('zhangwei', {
      resourceCode: 'GA-RK-001',
      items: ['姓名', '户籍地址'],
      purpose: '核对救助对象户籍',
      usageFrom: day(),
      usageTo: day(30),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'granted',
      shareType: 'unconditional',
      consumerDepartment: { code: 'civil-affairs', name: '市民政局' },
      providerDepartment: { code: 'public-security' },
      currentTask: null,
      grant: { status: 'active', items: ['姓名', '户籍地址'], mode: 'api', usageTo: day(30) },
    });
    expect(res.body.id).toMatch(/^SR-\d{8}-[0-9A-Z]{6}$/);
    expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submitted',
      'granted_at_once',
    ]);
  });

  it('rejects a not-shared resource at once, citing the legal basis in the catalogue', async () => {
    const res = await submit('liuyan', {
      resourceCode: 'WJ-SW-001',
      items: ['姓名', '死亡日期'],
      purpose: '停发养老金核查',
      usageFrom: day(),
      usageTo: day(30),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'denied', grant: null, currentTask: null });
    expect(res.body.decisionReason).toContain('个人信息保护法');
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'rejected', decision: 'deny' });
    const withdraw = await h
      .http()
      .post(`/api/requests/${res.body.id}/withdraw`)
      .set(await h.as('liuyan'))
      .send({});
    expect([withdraw.status, withdraw.body.error.code]).toEqual([409, 'case_closed']);
  });

  it('a statutory recipient must cite the law; the provider may then only supply it or say the law does not apply, never deny (art. 21)', async () => {
    const asked = {
      resourceCode: 'WJ-SW-001',
      items: ['姓名', '死亡日期'],
      purpose: '殡葬管理和救助对象注销',
      usageFrom: day(),
      usageTo: day(30),
    };
    const uncited = await submit('zhangwei', asked);
    expect([uncited.status, uncited.body.error.details]).toEqual([
      422,
      [{ path: 'basis', code: 'statutory_basis_required', message: expect.stringContaining('(art. 21)') }],
    ]);
    const res = await submit('zhangwei', { ...asked, basis: '《殡葬管理条例》第十二条' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'statutory_review',
      currentTask: {
        step: 'statutory_review',
        holders: [{ role: 'provider_reviewer', department: 'health' }],
        basis: 'national',
      },
    });
    const taskId = res.body.currentTask.id;
    const task = await h
      .http()
      .get(`/api/tasks/${taskId}`)
      .set(await h.as('huangmin'));
    expect(task.body).toMatchObject({
      decisions: ['provide', 'basis_not_applicable'],
      reasonRequired: ['basis_not_applicable'],
    });
    const deny = await complete('huangmin', taskId, { decision: 'deny', reason: '不同意' });
    expect(deny.status).toBe(422);
    const unexplained = await complete('huangmin', taskId, { decision: 'basis_not_applicable' });
    expect(unexplained.status).toBe(422);
    expect((await complete('huangmin', taskId, { decision: 'provide' })).status).toBe(200);
    const granted = await requestWhen(res.body.id, 'granted');
    // The law entitles the recipient: no platform approval follows the supply.
    expect(granted.deadlines.map((d: { step: string }) => d.step)).toEqual(['statutory_review']);
    expect(granted.grant).toMatchObject({ status: 'active', items: ['姓名', '死亡日期'] });
  });

  it('an answer that the cited law does not apply ends the request with its reasons, and the requester may dispute it (art. 21, 25)', async () => {
    const res = await submit('zhangwei', {
      resourceCode: 'WJ-SW-001',
      items: ['姓名'],
      purpose: '救助对象注销',
      basis: '《社会救助暂行办法》第十一条',
      usageFrom: day(),
      usageTo: day(30),
    });
    const answer = await complete('huangmin', res.body.currentTask.id, {
      decision: 'basis_not_applicable',
      reason: '所引条款规定的是救助申请审核,不涉及死亡信息',
    });
    expect(answer.status).toBe(200);
    const ended = await requestWhen(res.body.id, 'denied');
    expect(ended).toMatchObject({
      decisionReason: '所引条款规定的是救助申请审核,不涉及死亡信息',
      grant: null,
    });
    expect(ended.timeline.at(-1)).toMatchObject({ decision: 'basis_not_applicable', actor: 'huangmin' });
    const dispute = await h
      .http()
      .post('/api/disputes')
      .set(await h.as('zhangwei'))
      .send({ subjectType: 'request', subjectId: res.body.id, claim: '死亡信息是注销救助对象的法定依据' });
    expect(dispute.status).toBe(201);
  });

  it("grants a request for only a basic resource's base items at once, whatever its sharing type, and a basic resource with base items cannot be not shared (art. 19)", async () => {
    const entry = {
      code: 'RS-JC-019',
      name: '参保人员基础信息',
      summary: '全市参保人员的身份基础信息及参保业务信息。',
      providerDepartment: 'hr-social-security',
      category: 'basic',
      items: [
        { name: '公民身份号码', kind: 'base' },
        { name: '姓名', kind: 'base' },
        { name: '缴费基数', kind: 'business' },
      ],
      shareType: 'conditional',
      conditions: [{ id: 'duty', question: '请说明法定职责' }],
      legalBasis: null,
      statutoryRecipients: [],
      mode: 'api',
      updateCycle: 'daily',
    };
    const cases = httpCases(h);
    const withheld = await cases.post(
      'zhaoqiang',
      '/api/catalogue/drafts',
      {
        entries: [{ ...entry, shareType: 'not_shared', conditions: [], legalBasis: '某法规' }],
        changeReason: '新增资源',
      },
      randomUUID(),
    );
    expect([withheld.status, withheld.body.error.details]).toEqual([
      422,
      [
        {
          path: 'entries[0].shareType',
          code: 'base_items_shared',
          message: expect.stringContaining('(art. 19)'),
        },
      ],
    ]);
    // 赵强 drafts it; his colleague 马骏 reviews it.
    expect((await cases.publishEntries('zhaoqiang', 'majun', [entry], '新增资源')).status).toBe('published');

    const base = await submit(
      'zhangwei',
      conditional({
        resourceCode: 'RS-JC-019',
        items: ['公民身份号码', '姓名'],
        answers: { duty: '低保审核' },
      }),
    );
    expect(base.body).toMatchObject({ status: 'granted', currentTask: null, grant: { status: 'active' } });
    expect(base.body.timeline.at(-1)).toMatchObject({
      action: 'granted_at_once',
      reason: expect.stringContaining('第十九条'),
    });
    // Mixed: the base item is granted at once as a grant of its own; the business item goes by
    // the resource's sharing type.
    const mixed = await submit(
      'zhangwei',
      conditional({ resourceCode: 'RS-JC-019', items: ['姓名', '缴费基数'], answers: { duty: '低保审核' } }),
    );
    expect(mixed.body).toMatchObject({
      status: 'provider_review',
      grant: null,
      baseGrant: { id: `G-${mixed.body.id}-BASE`, part: 'base', items: ['姓名'], status: 'active' },
    });
    expect(mixed.body.timeline.map((e: { action: string }) => e.action)).toContain('base_items_granted');
    expect((await complete('zhaoqiang', mixed.body.currentTask.id, { decision: 'approve' })).status).toBe(
      200,
    );
    const platform = await waitFor('the platform review', async () => {
      const r = await h
        .http()
        .get(`/api/requests/${mixed.body.id}`)
        .set(await h.as('zhangwei'));
      return r.body.currentTask?.step === 'platform_review' ? r.body.currentTask : undefined;
    });
    expect((await complete('chenjing', platform.id, { decision: 'approve' })).status).toBe(200);
    const both = await requestWhen(mixed.body.id, 'granted');
    expect(both.grant).toMatchObject({ part: 'main', items: ['缴费基数'], status: 'active' });
    // Each grant ends on its own.
    const revoked = await h
      .http()
      .post(`/api/grants/${both.baseGrant.id}/revoke`)
      .set(await h.as('zhaoqiang'))
      .send({ reason: '基础信息项改由人口库提供' });
    expect(revoked.status).toBe(200);
    const after = await waitFor('the base grant revoked', async () => {
      const r = await requestWhen(mixed.body.id, 'granted');
      return r.baseGrant.status === 'revoked' ? r : undefined;
    });
    expect(after.grant.status).toBe('active');
  });

  it('the platform authority may decide a provider review at once; its decision is final, cites art. 22 and is filed with both departments', async () => {
    const res = await submit('zhangwei', conditional());
    const inbox = await h
      .http()
      .get('/api/tasks')
      .set(await h.as('chenjing'));
    expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(res.body.currentTask.id);
    // A provider reviewer's claim does not keep the platform authority off the task.
    const claimed = await h
      .http()
      .post(`/api/tasks/${res.body.currentTask.id}/claim`)
      .set(await h.as('zhaoqiang'));
    expect(claimed.status).toBe(200);
    const decided = await complete('chenjing', res.body.currentTask.id, {
      decision: 'approve',
      reason: '依整体授权直接受理',
    });
    expect(decided.status).toBe(200);
    const granted = await requestWhen(res.body.id, 'granted');
    expect(granted.deadlines.map((d: { step: string }) => d.step)).toEqual(['provider_review']);
    const decision = granted.timeline.find((e: { action: string }) => e.action === 'decided');
    expect(decision).toMatchObject({ actor: 'chenjing', decision: 'approve' });
    expect(decision.reason).toContain('第二十二条');
    const filed = await h.t
      .db('notifications')
      .where({ kind: 'result' })
      .andWhere('id', 'like', `${res.body.id}#%`)
      .select('recipient_department');
    expect(new Set(filed.map((n) => n.recipient_department))).toEqual(
      new Set(['civil-affairs', 'hr-social-security']),
    );
  });

  it('routes a conditional resource to the provider with its 10-working-day deadline and article', async () => {
    const res = await submit('zhangwei', conditional());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'provider_review', currentStep: 'provider_review' });
    const calendar = await h
      .http()
      .get(`/api/calendar/deadline?from=${encodeURIComponent(res.body.submittedAt)}&workingDays=10`)
      .set(await h.as('zhangwei'));
    expect(res.body.deadlines).toEqual([
      expect.objectContaining({
        step: 'provider_review',
        deadline: calendar.body.deadline,
        provisional: calendar.body.provisional,
        article: 23,
        articleLabel: '第二十三条',
        // The provider's 10 working days are the State Council's rule, not a number of art. 23.
        basis: 'national',
        citation: { zh: '国发〔2016〕51号第十三条', en: '国发〔2016〕51号第十三条 (national rule)' },
        status: 'open',
      }),
    ]);
  });

  it("shows each condition answer under its question as the catalogue asked it, even after the entry's wording changes", async () => {
    const res = await submit('zhangwei', conditional());
    const asked = DEMO_RESOURCES.find((r) => r.code === 'RS-SB-001')!;
    expect(res.body.conditions).toEqual(
      asked.conditions.map((c) => ({ id: c.id, question: c.question, answer: expect.any(String) })),
    );
    expect(res.body.conditions.find((c: { id: string }) => c.id === 'duty')).toEqual({
      id: 'duty',
      question: '请说明使用该数据所依据的法定职责及文件',
      answer: '低保审核',
    });
    const reworded = {
      ...asked,
      conditions: asked.conditions.map((c) => ({ ...c, question: `${c.question}(修订)` })),
    };
    const cases = httpCases(h);
    await cases.publishEntries('zhaoqiang', 'majun', [reworded], '条件措辞修订');
    try {
      const read = await h
        .http()
        .get(`/api/requests/${res.body.id}`)
        .set(await h.as('zhangwei'));
      expect(read.body.conditions.map((c: { question: string }) => c.question)).toEqual(
        asked.conditions.map((c) => c.question),
      );
    } finally {
      await cases.publishEntries('zhaoqiang', 'majun', [asked], '恢复原条件措辞');
    }
  });
});

describe('decisions', () => {
  it('provider approves, then the platform approves: granted, both departments notified, workflow searchable', async () => {
    const { body: req } = await submit('zhangwei', conditional());
    const approved = await complete('zhaoqiang', req.currentTask.id, {
      decision: 'approve',
      reason: '符合条件',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'done', decision: 'approve', completedBy: 'zhaoqiang' });
    // The answer names the step that opened, and the case shows the approval before it, at once.
    expect(approved.body.opened.map((t: { step: string }) => t.step)).toEqual(['platform_review']);
    const { timeline } = await detail('zhangwei', req.id);
    expect(timeline.map((e: { action: string; step: string | null }) => [e.action, e.step])).toEqual([
      ['submitted', null],
      ['task_opened', 'provider_review'],
      ['decided', 'provider_review'],
      ['task_opened', 'platform_review'],
    ]);

    const platformTask = await openTask(req.id, 'platform_review');
    expect(platformTask.holders).toEqual([
      { role: 'platform_approver', department: null, departmentName: null },
    ]);
    const calendar = await h
      .http()
      .get(`/api/calendar/deadline?from=${encodeURIComponent(approved.body.completedAt)}&workingDays=2`)
      .set(await h.as('zhangwei'));
    expect(platformTask.deadline).toBe(calendar.body.deadline);

    expect((await complete('chenjing', platformTask.id, { decision: 'approve' })).status).toBe(200);
    const done = await waitFor('granted', async () => {
      const d = await detail('zhangwei', req.id);
      return d.status === 'granted' ? d : undefined;
    });
    expect(done.grant).toMatchObject({ status: 'active', consumerDepartment: 'civil-affairs' });
    expect(done.timeline.filter((e: { action: string }) => e.action === 'decided')).toEqual([
      expect.objectContaining({
        step: 'provider_review',
        actor: 'zhaoqiang',
        decision: 'approve',
        reason: '符合条件',
      }),
      expect.objectContaining({ step: 'platform_review', actor: 'chenjing', decision: 'approve' }),
    ]);
    const notices = await h.t
      .db('notifications')
      .where({ kind: 'result' })
      .andWhere('id', 'like', `${req.id}#%`);
    expect(notices.map((n) => n.recipient_department).sort()).toEqual([
      'civil-affairs',
      'hr-social-security',
    ]);

    const found = await waitFor('the search attributes', async () => {
      const ids: string[] = [];
      for await (const wf of h.env.client.workflow.list({
        query: `GovshareStatus="granted" AND GovshareConsumer="civil-affairs" AND GovshareProvider="hr-social-security"`,
      }))
        ids.push(wf.workflowId);
      return ids.includes(sharingWorkflowId(req.id)) ? ids : undefined;
    });
    expect(found).toContain(sharingWorkflowId(req.id));
  });

  it('provider denies: a denial without a reason is refused (422) and changes nothing; with reasons it ends the request', async () => {
    const { body: req } = await submit('zhangwei', conditional());
    const noReason = await complete('zhaoqiang', req.currentTask.id, { decision: 'deny' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.message).toContain('reason');
    const unknown = await complete('zhaoqiang', req.currentTask.id, { decision: 'maybe', reason: 'x' });
    expect(unknown.status).toBe(422);
    expect((await detail('zhangwei', req.id)).status).toBe('provider_review');

    const denied = await complete('zhaoqiang', req.currentTask.id, {
      decision: 'deny',
      reason: '申请范围超出法定职责',
    });
    expect(denied.status).toBe(200);
    const d = await waitFor('denied', async () => {
      const x = await detail('zhangwei', req.id);
      return x.status === 'denied' ? x : undefined;
    });
    expect(d).toMatchObject({ decisionReason: '申请范围超出法定职责', grant: null, currentTask: null });
  });

  it('the platform denies with reasons after the provider approved', async () => {
    const { body: req } = await submit('zhangwei', conditional());
    await complete('zhaoqiang', req.currentTask.id, { decision: 'approve' });
    const task = await openTask(req.id, 'platform_review');
    expect(
      (await complete('chenjing', task.id, { decision: 'deny', reason: '用途与申请依据不符' })).status,
    ).toBe(200);
    const d = await waitFor('denied', async () => {
      const x = await detail('zhangwei', req.id);
      return x.status === 'denied' ? x : undefined;
    });
    expect(d.decisionReason).toBe('用途与申请依据不符');
  });

  it('refuses the wrong department (403) and the wrong role (403), changing nothing', async () => {
    const { body: req } = await submit('zhangwei', conditional());
    const otherProvider = await complete('lina', req.currentTask.id, { decision: 'approve' });
    expect(otherProvider.status).toBe(403);
    expect(otherProvider.body.error.message).toContain('provider_reviewer@hr-social-security');
    expect((await complete('zhangwei', req.currentTask.id, { decision: 'approve' })).status).toBe(403);
    // The LG office holds no review (the platform authority may: art. 22, tested above).
    expect((await complete('zhoujie', req.currentTask.id, { decision: 'approve' })).status).toBe(403);
    const asProvider = await submit('lina', conditional());
    expect(asProvider.status).toBe(403);
    const d = await detail('zhangwei', req.id);
    expect(d).toMatchObject({ status: 'provider_review' });
    expect(d.timeline.some((e: { action: string }) => e.action === 'decided')).toBe(false);
  });

  it('two approvers completing the same task at once: exactly one succeeds, the other gets 409', async () => {
    const { body: req } = await submit('zhangwei', conditional());
    await complete('zhaoqiang', req.currentTask.id, { decision: 'approve' });
    const task = await openTask(req.id, 'platform_review');
    const [a, b] = await Promise.all([
      complete('chenjing', task.id, { decision: 'approve' }),
      complete('chenjing', task.id, { decision: 'deny', reason: '重复' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const d = await waitFor('decided', async () => {
      const x = await detail('zhangwei', req.id);
      return ['granted', 'denied'].includes(x.status) ? x : undefined;
    });
    expect(
      d.timeline.filter(
        (e: { step: string; action: string }) => e.step === 'platform_review' && e.action === 'decided',
      ),
    ).toHaveLength(1);
    expect((await complete('chenjing', task.id, { decision: 'approve' })).status).toBe(409);
  });
});

describe('withdrawal', () => {
  it('withdraws before a decision: the task is cancelled; afterwards neither a decision nor a second withdrawal is taken', async () => {
    const { body: req } = await submit('zhangwei', conditional());
    const other = await h
      .http()
      .post(`/api/requests/${req.id}/withdraw`)
      .set(await h.as('liuyan'))
      .send({});
    expect(other.status).toBe(403);
    const res = await h
      .http()
      .post(`/api/requests/${req.id}/withdraw`)
      .set(await h.as('zhangwei'))
      .send({ reason: '已通过其他渠道获取' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', currentTask: null });
    expect(res.body.deadlines[0].status).toBe('cancelled');
    expect((await complete('zhaoqiang', req.currentTask.id, { decision: 'approve' })).status).toBe(409);
    const again = await h
      .http()
      .post(`/api/requests/${req.id}/withdraw`)
      .set(await h.as('zhangwei'))
      .send({});
    expect(again.status).toBe(409);
  });

  it('withdraws a request filed a moment ago, while it is still being routed to its first review', async () => {
    const filed = await submitAsync();
    expect([filed.status, filed.body.status]).toEqual([202, 'submitted']);
    const res = await h
      .http()
      .post(`/api/requests/${filed.body.id}/withdraw`)
      .set(await h.as('zhangwei'))
      .send({ reason: '填报有误,撤回重报' });
    expect([res.status, res.body.status]).toEqual([200, 'withdrawn']);
  });
});

describe('idempotent submission', () => {
  it('the same key returns the same request (200), never a second workflow; another body under that key is refused', async () => {
    const key = randomUUID();
    const first = await submit('zhangwei', conditional(), key);
    expect(first.status).toBe(201);
    const before = await workflowCount();
    const second = await submit('zhangwei', conditional(), key);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    const changed = await submit('zhangwei', conditional({ purpose: '另一个用途' }), key);
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('idempotency_key_reused');
    expect(await workflowCount()).toBe(before);
    expect(await h.t.db('sharing_requests').where({ idempotency_key: key })).toHaveLength(1);
  });

  it('the same key sent twice at once still makes one request', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([
      submit('zhangwei', conditional(), key),
      submit('zhangwei', conditional(), key),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
  });
});

describe('bad input: 400/422 naming each bad field; nothing stored, no workflow started', () => {
  const cases: [string, Record<string, unknown>, number, string[]][] = [
    ['no purpose (art. 4(三))', { purpose: '  ' }, 400, ['purpose']],
    ['malformed dates', { usageFrom: '2026-13-01', usageTo: 'tomorrow' }, 400, ['usageFrom', 'usageTo']],
    ['an unknown field', { extra: 1 }, 400, ['']],
    ['an unknown resource', { resourceCode: 'NOPE-001' }, 422, ['resourceCode']],
    ['items not in the resource', { items: ['参保状态', '银行账号'] }, 422, ['items[1]']],
    [
      'an unanswered condition',
      { answers: { scope: '300人', duty: '' } },
      422,
      ['answers.duty', 'answers.security'],
    ],
    ['a period that ends before it starts', { usageFrom: day(10), usageTo: day(5) }, 422, ['usageTo']],
    ['a period that started yesterday', { usageFrom: day(-1) }, 422, ['usageFrom']],
  ];
  it.each(cases)('%s', async (_name, over, status, paths) => {
    const before = [await h.t.db('sharing_requests').count({ n: '*' }), await workflowCount()];
    const res = await submit('zhangwei', conditional(over));
    expect(res.status).toBe(status);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(paths.sort());
    expect([await h.t.db('sharing_requests').count({ n: '*' }), await workflowCount()]).toEqual(before);
  });

  it('cites art. 4(三) for a missing purpose: 使用部门提出明确的共享需求和信息使用用途', async () => {
    const res = await submit('zhangwei', conditional({ purpose: '' }));
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'purpose', message: expect.stringContaining('art. 4(三)') }),
    ]);
  });

  it('a missing Idempotency-Key header or malformed JSON', async () => {
    const noKey = await h
      .http()
      .post('/api/requests')
      .set(await h.as('zhangwei'))
      .send(conditional());
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details[0].path).toBe('Idempotency-Key');
    const badJson = await h
      .http()
      .post('/api/requests')
      .set(await h.as('zhangwei'))
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json')
      .send('{"resourceCode":');
    expect(badJson.status).toBe(400);
  });
});

describe('lists, detail, audit and exchange logs', () => {
  it("shows each department its own requests; city roles see all; another department's detail is 403", async () => {
    const { body: req } = await submit('zhangwei', conditional());
    const mine = await h
      .http()
      .get('/api/requests?pageSize=100')
      .set(await h.as('zhangwei'));
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(req.id);
    const provider = await h
      .http()
      .get('/api/requests?pageSize=100&status=provider_review')
      .set(await h.as('zhaoqiang'));
    expect(provider.body.items.map((r: { id: string }) => r.id)).toContain(req.id);
    const county = await h
      .http()
      .get('/api/requests?pageSize=100')
      .set(await h.as('hegang'));
    expect(county.body.items.map((r: { id: string }) => r.id)).not.toContain(req.id);
    expect(
      (
        await h
          .http()
          .get(`/api/requests/${req.id}`)
          .set(await h.as('hegang'))
      ).status,
    ).toBe(403);
    const supervisor = await h
      .http()
      .get('/api/requests?consumer=civil-affairs&pageSize=100')
      .set(await h.as('zhengli'));
    expect(supervisor.body.items.map((r: { id: string }) => r.id)).toContain(req.id);
    expect(
      (
        await h
          .http()
          .get('/api/requests/SR-00000000-XXXXXX')
          .set(await h.as('zhengli'))
      ).status,
    ).toBe(404);
  });

  it('lists a page in the same few queries however many rows it holds, each row with its open task as its detail shows it', async () => {
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push((await submit('zhangwei', conditional())).body);
    // The service on a connection of its own, so only the list's queries are counted (the worker shares h.t.db).
    const db = knex(h.t.db.client.config);
    try {
      const sql: string[] = [];
      db.on('query', (q: { sql: string }) => sql.push(q.sql));
      const service = createRequestService({
        db,
        temporal: createTemporalGateway(h.env.client, h.taskQueue),
      });
      const user = (await findUser(db, 'zhangwei'))!;
      const list = async (pageSize: number) => {
        sql.length = 0;
        const page = await service.list(user, { page: 1, pageSize });
        return { items: page.items, queries: sql.length };
      };
      await list(3); // reads the directory and the policy, which a list keeps for a few seconds
      const one = await list(1);
      const three = await list(3);
      expect(three.queries).toBe(one.queries);
      expect(three.items.map((r) => r.id)).toEqual(filed.map((r) => r.id).reverse());
      for (const row of three.items) {
        expect(row.resourceName).toBe(filed[0].resourceName);
        expect(row.currentTask).toEqual((await detail('zhangwei', row.id)).currentTask);
        expect(row.currentTask?.step).toBe('provider_review');
      }
    } finally {
      await db.destroy();
    }
  });

  it('writes every read of a request and every state change to the audit log, with who, when and from where', async () => {
    const { body: req } = await submit('zhangwei', conditional());
    await detail('zhengli', req.id);
    await complete('zhaoqiang', req.currentTask.id, { decision: 'deny', reason: '不符合条件' });
    const log = await waitFor('the denial in the audit log', async () => {
      const rows = await h.t
        .db('audit_log')
        .where({ entity_type: 'sharing_request', entity_id: req.id })
        .orderBy('seq');
      return rows.some((r) => r.action === 'sharing_request.decided') ? rows : undefined;
    });
    const actions = log.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'sharing_request.submitted',
        'sharing_request.submit',
        'sharing_request.task_opened',
        'sharing_request.read',
        'task.complete',
        'sharing_request.decided',
      ]),
    );
    const read = log.find((r) => r.action === 'sharing_request.read' && r.actor === 'zhengli');
    expect(read).toMatchObject({ actor_department: 'city-gov-office' });
    expect(read.ip).toMatch(/127\.0\.0\.1/);
  });

  it('records each use of a grant in the exchange log, and refuses items outside the grant', async () => {
    const { body: req } = await submit('zhangwei', {
      resourceCode: 'SC-FR-001',
      items: ['统一社会信用代码', '单位名称'],
      purpose: '社会组织登记核查',
      usageFrom: day(),
      usageTo: day(30),
    });
    const grantId = req.grant.id;
    const use = await h
      .http()
      .post(`/api/grants/${grantId}/exchanges`)
      .set(await h.as('zhangwei'))
      .send({ items: ['单位名称'], recordCount: 12 });
    expect(use.status).toBe(201);
    expect(use.body).toMatchObject({
      grantId,
      actor: 'zhangwei',
      recordCount: 12,
      consumerDepartment: 'civil-affairs',
    });
    const outside = await h
      .http()
      .post(`/api/grants/${grantId}/exchanges`)
      .set(await h.as('zhangwei'))
      .send({ items: ['法定代表人'], recordCount: 1 });
    expect(outside.status).toBe(422);
    // The refused use is on record for the auditor, with what was asked for.
    const refused = await h.t.db('audit_log').where({ action: 'grant.use_refused', entity_id: grantId });
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0].detail)).toMatchObject({ code: 'items_not_granted', items: ['法定代表人'] });
    const log = await h
      .http()
      .get(`/api/grants/${grantId}/exchanges`)
      .set(await h.as('zhengli'));
    expect(log.body.items).toHaveLength(1);
  });
});

describe('in the Temporal UI', () => {
  it('reads like the inbox: one name for the process, the memo and summary of the case, and only the statuses the API shows', async () => {
    const res = await submit('zhangwei', conditional());
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const handle = h.env.client.workflow.getHandle(sharingWorkflowId(id));
    // The attribute follows the read model by a moment.
    const d = await waitFor('GovshareStatus to follow the case', async () => {
      const x = await handle.describe();
      return x.typedSearchAttributes.get(SA.status) === 'provider_review' ? x : undefined;
    });
    expect(d.workflowId).toBe(`sharing_request-${id}`);
    expect(d.type).toBe('sharing_request');
    expect(d.typedSearchAttributes.get(SA.process)).toBe('sharing_request');
    expect(d.typedSearchAttributes.get(SA.status)).toBe('provider_review');
    expect(await d.memo).toEqual({
      caseId: id,
      resource: 'RS-SB-001',
      provider: 'hr-social-security',
      consumer: 'civil-affairs',
    });
    expect(await d.staticSummary()).toBe(
      `共享申请 ${id} · 社会保险参保信息(RS-SB-001) · civil-affairs → hr-social-security`,
    );

    // A revoked grant leaves the request granted, as the API shows it; the grant says how it ended.
    const granted = await submit('zhangwei', {
      resourceCode: 'GA-RK-001',
      items: ['姓名'],
      purpose: '核对救助对象户籍',
      usageFrom: day(),
      usageTo: day(30),
    });
    const revoked = await h
      .http()
      .post(`/api/grants/${granted.body.grant.id}/revoke`)
      .set(await h.as('lina'))
      .send({ reason: '用途已结束' });
    expect(revoked.status).toBe(200);
    const after = await waitFor('the grant to end', async () => {
      const x = await h.env.client.workflow.getHandle(sharingWorkflowId(granted.body.id)).describe();
      return x.status.name === 'COMPLETED' ? x : undefined;
    });
    expect(after.typedSearchAttributes.get(SA.status)).toBe('granted');
    expect(await detail('zhangwei', granted.body.id)).toMatchObject({
      status: 'granted',
      grant: { status: 'revoked' },
    });
  });
});

describe('Prefer: respond-async', () => {
  it('answers 202 as soon as the workflow has started, with the request as filed; it is routed afterwards', async () => {
    const res = await submitAsync();
    expect(res.status).toBe(202);
    expect(res.headers['preference-applied']).toBe('respond-async');
    // As filed: the answers under their questions, the parties named, nothing open or decided yet.
    expect(res.body).toMatchObject({
      status: 'submitted',
      resourceCode: conditional().resourceCode,
      consumerDepartment: { code: 'civil-affairs', name: expect.any(String), nameEn: expect.any(String) },
      providerDepartment: { code: expect.any(String), name: expect.any(String), nameEn: expect.any(String) },
      currentTask: null,
      deadlines: [],
      timeline: [],
      grant: null,
      dispute: null,
      corrections: [],
    });
    expect(res.body.conditions.map((c: { answer: string }) => c.answer)).toEqual(
      Object.values(conditional().answers),
    );
    expect(res.body.conditions.every((c: { id: string; question: string }) => c.question !== c.id)).toBe(
      true,
    );
    // The same request, read back once routed, tells the same of what was filed.
    const filed = await detail('zhangwei', res.body.id);
    for (const field of [
      'resourceName',
      'consumerDepartment',
      'providerDepartment',
      'items',
      'conditions',
      'submittedAt',
    ])
      expect(filed[field]).toEqual(res.body[field]);
    const routed = await waitFor('routed', async () => {
      const d = await detail('zhangwei', res.body.id);
      return d.status === 'provider_review' && d.currentTask ? d : undefined;
    });
    expect(routed.currentTask.step).toBe('provider_review');
  });
});

describe('Temporal unreachable while submitting', () => {
  it('answers 503; the same Idempotency-Key later starts the one workflow the request needs', async () => {
    const dead = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }) });
    const key = randomUUID();
    const down = await request(testApp(h.t.db, dead, { TEMPORAL_TASK_QUEUE: h.taskQueue }))
      .post('/api/requests')
      .set(await h.as('zhangwei'))
      .set('Idempotency-Key', key)
      .send(conditional({ purpose: 'Temporal 不可用时提交' }));
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('temporal_unavailable');
    const kept = await h.t.db('sharing_requests').where({ idempotency_key: key });
    expect(kept).toHaveLength(1);
    expect(kept[0].status).toBe('submitted');

    const again = await submit('zhangwei', conditional({ purpose: 'Temporal 不可用时提交' }), key);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: kept[0].id, status: 'provider_review' });
    // The submission is in the audit log once: written with the request, not after the start that failed.
    const audited = await h.t
      .db('audit_log')
      .where({ action: 'sharing_request.submit', entity_id: kept[0].id })
      .select('actor');
    expect(audited).toEqual([{ actor: 'zhangwei' }]);
    const runs: string[] = [];
    for await (const wf of h.env.client.workflow.list({
      query: `WorkflowId="${sharingWorkflowId(kept[0].id)}"`,
    }))
      runs.push(wf.runId);
    expect(runs).toHaveLength(1);
    await dead.connection.close();
  });
});

describe('the policy in force', () => {
  it("checks the usage period against the policy's platform default, and files nothing once the policy in force has lapsed (art. 39)", async () => {
    const doc = loadPolicyFile(DEFAULT_POLICY_FILE);
    // The default document is the draft: no promulgation date, no end date, the usage limit a platform default.
    expect(doc).toMatchObject({ status: 'draft', effectiveCitation: { article: 39, basis: 'default' } });
    expect(doc.effectiveTo).toBeUndefined();
    expect(doc.sharing?.maxUsagePeriod.citation.basis).toBe('default');
    const years = doc.sharing!.maxUsagePeriod.years;
    const tooLong = await submit(
      'zhangwei',
      conditional({ usageTo: DateTime.fromISO(day()).plus({ years, days: 1 }).toISODate() }),
    );
    expect([tooLong.status, tooLong.body.error.details]).toEqual([
      422,
      [
        {
          path: 'usageTo',
          code: 'period_too_long',
          params: { years },
          message: `a usage period may last at most ${years} years (platform default)`,
        },
      ],
    ]);

    // The city loads a version whose end date (有效期至) was yesterday and nothing after it.
    const lapsed = { ...doc, version: doc.version + 100, effectiveFrom: day(-2), effectiveTo: day(-1) };
    const key = await savePolicyVersion(h.t.db, lapsed);
    try {
      const before = await h.t.db('sharing_requests').count({ n: '*' });
      const refused = await submit('zhangwei', conditional());
      expect(await h.t.db('sharing_requests').count({ n: '*' })).toEqual(before);
      expect([refused.status, refused.body.error.code]).toEqual([503, 'no_policy_in_force']);
      expect(refused.body.error.message).toContain(`${key} was in force until ${day(-1)}`);
    } finally {
      await h.t.db('policy_versions').where({ key }).del();
    }
  });

  it('while no policy is in force, a filing sent again with its key still gets its request, and an unknown resource is still refused as unknown', async () => {
    const doc = loadPolicyFile(DEFAULT_POLICY_FILE);
    const filingKey = randomUUID();
    const filed = await submit('zhangwei', conditional(), filingKey);
    expect(filed.status).toBe(201);
    const lapsed = { ...doc, version: doc.version + 200, effectiveFrom: day(-2), effectiveTo: day(-1) };
    const key = await savePolicyVersion(h.t.db, lapsed);
    try {
      const again = await submit('zhangwei', conditional(), filingKey);
      expect([again.status, again.body.id]).toEqual([200, filed.body.id]);
      const unknown = await submit('zhangwei', conditional({ resourceCode: 'NO-SUCH-001' }));
      expect([unknown.status, unknown.body.error.details[0].code]).toEqual([422, 'not_in_catalogue']);
    } finally {
      await h.t.db('policy_versions').where({ key }).del();
    }
  });
});
