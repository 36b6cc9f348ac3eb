/** Small helpers for API tests that drive cases through the HTTP API as users do. */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import { DEMO_RESOURCES } from '../../seeds/demo-catalogue';
import type { ApiHarness } from './api-harness';
import { waitFor } from './wait';

export const localDay = (n = 0) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate() as string;

/**
 * A request for public security's population data (人口基础信息), unconditional so granted at
 * once, for 30 days from today; `over` replaces any field (e.g. a bad one, to see it refused).
 */
export const populationRequest = (over: Record<string, unknown> = {}) => ({
  resourceCode: 'GA-RK-001',
  items: ['姓名'],
  purpose: '核对救助对象户籍',
  usageFrom: localDay(),
  usageTo: localDay(30),
  ...over,
});

/**
 * A request for HR & social security's insurance data (参保信息), conditional so it waits for the
 * provider's review, for 90 days from today; `over` replaces any field.
 */
export const insuranceRequest = (over: Record<string, unknown> = {}) => ({
  resourceCode: 'RS-SB-001',
  items: ['参保状态'],
  purpose: '核对低保对象参保情况',
  usageFrom: localDay(),
  usageTo: localDay(90),
  answers: { scope: '300人', duty: '低保审核', security: '专人专机' },
  ...over,
});

/**
 * Health's steward (黄敏) changes the seeded death-records entry (WJ-SW-001):
 * its cause-of-death item dropped, then `over` replaced, for `reason`.
 */
export async function narrowDeathRecords(h: ApiHarness, reason: string, over: Record<string, unknown> = {}) {
  const seeded = DEMO_RESOURCES.find((r) => r.code === 'WJ-SW-001')!;
  // Health's steward 黄敏 drafts it; her colleague 冯涛 reviews it; it narrows, so the LG office 核定 it.
  return httpCases(h).publishEntries(
    'huangmin',
    'fengtao',
    [{ ...seeded, items: seeded.items.filter((i) => i.name !== '根本死因'), ...over }],
    reason,
  );
}

/** A valid catalogue entry of public security's, as a data steward registers it; `over` replaces any field. */
export const catalogueEntry = (over: Record<string, unknown> = {}) => ({
  code: 'GA-CL-001',
  name: '机动车登记信息',
  summary: '本市登记机动车的号牌、车辆类型和所有人信息。',
  providerDepartment: 'public-security',
  category: 'departmental',
  items: [
    { name: '号牌号码', kind: 'business' },
    { name: '所有人公民身份号码', kind: 'base' },
  ],
  shareType: 'conditional',
  conditions: [{ id: 'duty', question: '请说明法定职责依据' }],
  legalBasis: null,
  statutoryRecipients: [],
  mode: 'verification',
  updateCycle: 'daily',
  openToPublic: false,
  ...over,
});

export function httpCases(h: Pick<ApiHarness, 'http' | 'as'>) {
  return {
    async post(username: string, path: string, body: object, key?: string) {
      const req = h
        .http()
        .post(path)
        .set(await h.as(username));
      if (key) req.set('Idempotency-Key', key);
      return req.send(body);
    },
    async get(username: string, path: string) {
      return h
        .http()
        .get(path)
        .set(await h.as(username));
    },
    /** GET a file (an export) as `username`, its body kept as bytes. */
    async download(username: string, path: string) {
      return h
        .http()
        .get(path)
        .set(await h.as(username))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
    },
    async complete(username: string, taskId: string, body: object) {
      return h
        .http()
        .post(`/api/tasks/${taskId}/complete`)
        .set(await h.as(username))
        .send(body);
    },
    /** Submits a request and returns its body (201 expected). */
    async request(username: string, body: object) {
      const res = await this.post(username, '/api/requests', body, randomUUID());
      if (res.status !== 201) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    /** Waits until GET `path` as `username` satisfies `done`, and returns the body. */
    async until(
      username: string,
      path: string,
      done: (body: Record<string, unknown>) => boolean,
      what = path,
    ) {
      return waitFor(what, async () => {
        const res = await this.get(username, path);
        return res.status === 200 && done(res.body) ? res.body : undefined;
      });
    },
    /**
     * Takes a catalogue draft through its review by `reviewer` (and the LG office's 核定 where it
     * needs one) to publication (art. 7, 9); returns the published draft.
     */
    async publishDraft(draftId: string, reviewer: string) {
      const path = `/api/catalogue/drafts/${draftId}`;
      let last: string | null = null;
      for (;;) {
        const b = await this.until(reviewer, path, (d) => {
          const task = d.currentTask as { id: string } | null;
          return d.status === 'published' || (task !== null && task.id !== last);
        });
        if (b.status === 'published') return b;
        const task = b.currentTask as { id: string; step: string };
        const [who, decision] = task.step === 'entry_review' ? [reviewer, 'approve'] : ['zhoujie', 'confirm'];
        const res = await this.complete(who, task.id, { decision });
        if (res.status !== 200) throw new Error(`${task.step}: ${res.status} ${JSON.stringify(res.body)}`);
        last = task.id;
      }
    },
    /** Files entries as a draft by `steward` and has `reviewer` (and the LG office) publish it; returns the draft. */
    async publishEntries(steward: string, reviewer: string, entries: object[], changeReason: string) {
      const res = await this.post(steward, '/api/catalogue/drafts', { entries, changeReason }, randomUUID());
      if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
      return this.publishDraft(res.body.id, reviewer);
    },
    /**
     * 张伟's insurance request, denied by 赵强, then disputed by 张伟: the dispute, in
     * negotiation with its first task open.
     */
    async disputedDenial() {
      const req = await this.request('zhangwei', insuranceRequest());
      await this.complete('zhaoqiang', req.currentTask.id, { decision: 'deny', reason: '超出职责范围' });
      await this.until('zhangwei', `/api/requests/${req.id}`, (r) => r.status === 'denied');
      const opened = await this.post('zhangwei', '/api/disputes', {
        subjectType: 'request',
        subjectId: req.id,
        claim: '低保审核属法定职责',
      });
      if (opened.status !== 201) throw new Error(`dispute: ${opened.status} ${JSON.stringify(opened.body)}`);
      return { requestId: req.id as string, dispute: opened.body };
    },
  };
}
