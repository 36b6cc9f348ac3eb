/**
 * Catalogue drafts (art. 7, 9) at real lengths on the time-skipping server. A
 * steward's not-shared entry is reviewed by a colleague (never by its author),
 * whose review breaches and escalates to the LG office exactly at its deadline;
 * approved, it goes to the LG office to 核定, which escalates to the city
 * government office at its own deadline, and returns it; revised and
 * resubmitted, reviewed and 核定 again, it is published as version 1. A shared
 * entry is published on its review alone; a withdrawn draft lets its entry go
 * into another draft. Until publication the catalogue does not hold it.
 */
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { getResource, listVersions } from '../../db/catalogue-repository';
import { addWorkingDays } from '../../domain/calendar/working-days';
import { ResourceInputSchema } from '../../domain/catalogue/resource';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../seeds/default-policy';
import { nearYears } from '../support/calendars';
import { catalogueEntry } from '../support/http-cases';
import { rejection } from '../support/rejection';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';
import { useWorkflowHarness } from '../support/workflow-harness';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);
const steps = loadPolicyFile(DEFAULT_POLICY_FILE).processes.catalogue_entry.steps;
const workingDays = (step: keyof typeof steps) =>
  (steps[step].deadline as { workingDays: number }).workingDays;

const entry = (over: Record<string, unknown>) => ResourceInputSchema.parse(catalogueEntry(over));
const openTask = (caseId: string, step: string) =>
  waitFor(`the ${step} task`, () => h.t.db('tasks').where({ case_id: caseId, step, status: 'open' }).first());
const draftIn = async (id: string, status: string) =>
  waitFor(`draft ${id} ${status}`, async () => {
    const d = await s.drafts().read(await s.user('wangfang'), id);
    return d.status === status ? d : undefined;
  });

/** Sleeps on the time-skipping server until a minute past the task's deadline. */
async function pastDeadline(task: { deadline: string }) {
  await h.env.sleep(Date.parse(task.deadline) + 60_000 - (await h.env.currentTimeMs()));
}

it('a not-shared entry: reviewed by a colleague, 核定 by the LG office, returned, revised, and published; each deadline escalates', async () => {
  const [steward, reviewer, lgOffice] = await Promise.all([
    s.user('wangfang'),
    s.user('lina'),
    s.user('zhoujie'),
  ]);
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  const secret = entry({
    code: 'GA-JZ-001',
    name: '看守所在押人员信息',
    summary: '在押人员的羁押、提讯和释放记录。',
    shareType: 'not_shared',
    conditions: [],
    items: [{ name: '在押人员编号', kind: 'business' }],
    legalBasis: '《中华人民共和国看守所条例》',
  });
  const draft = await s
    .drafts()
    .submit(steward, { entries: [secret], changeReason: '梳理本部门资源目录' }, null);
  expect(draft).toMatchObject({ status: 'entry_review', author: 'wangfang', provider: 'public-security' });
  expect(draft.entries).toEqual([
    expect.objectContaining({ kind: 'new', notShared: true, publishedVersion: null }),
  ]);
  expect(await getResource(h.t.db, 'GA-JZ-001')).toBeNull();

  // The review: its deadline from the policy, never by the author; left alone, it escalates to the LG office.
  const review = await openTask(draft.id, 'entry_review');
  expect(review.deadline).toBe(
    addWorkingDays(review.started_at, workingDays('entry_review'), calendar).deadline,
  );
  const own = await rejection(s.tasks().complete(steward, review.id, { decision: 'approve' }, null));
  expect(own).toMatchObject({ status: 403 });
  expect(own.extra.params).toMatchObject({ reason: 'self_review' });
  await pastDeadline(review);
  const reviewEscalation = await waitFor('the review escalation', () =>
    h.t.db('sla_events').where({ task_id: review.id, kind: 'escalation' }).first(),
  );
  expect(Number(reviewEscalation.at_ms)).toBe(Date.parse(review.deadline));
  expect(JSON.parse(reviewEscalation.detail).notify).toEqual([{ role: 'lg_office', department: null }]);
  await s.tasks().complete(reviewer, review.id, { decision: 'approve' }, null);

  // Not shared: the LG office 核定 its legal basis (art. 7); left alone, the city government office is told.
  const verification = await openTask(draft.id, 'entry_verification');
  expect((await draftIn(draft.id, 'entry_verification')).needsVerification).toBe(true);
  expect(verification.deadline).toBe(
    addWorkingDays(verification.started_at, workingDays('entry_verification'), calendar).deadline,
  );
  await pastDeadline(verification);
  const verificationEscalation = await waitFor('the verification escalation', () =>
    h.t.db('sla_events').where({ task_id: verification.id, kind: 'escalation' }).first(),
  );
  expect(Number(verificationEscalation.at_ms)).toBe(Date.parse(verification.deadline));
  expect(JSON.parse(verificationEscalation.detail).notify).toEqual([
    { role: 'supervisor', department: null },
  ]);
  await s.tasks().complete(lgOffice, verification.id, { decision: 'return', reason: '请写明具体条款' }, null);

  // Returned: the department revises it and resubmits it.
  const revision = await openTask(draft.id, 'entry_revision');
  expect(revision.deadline).toBe(
    addWorkingDays(revision.started_at, workingDays('entry_revision'), calendar).deadline,
  );
  const returned = await draftIn(draft.id, 'returned');
  expect(returned.timeline.map((e) => e.action)).toEqual(
    expect.arrayContaining(['submitted', 'reviewed', 'returned']),
  );
  const revised = await s.drafts().revise(
    steward,
    draft.id,
    {
      entries: [{ ...secret, legalBasis: '《中华人民共和国看守所条例》第四条、第四十五条' }],
      changeReason: '补充法律依据条款',
    },
    null,
  );
  expect(revised.entries[0].entry.legalBasis).toContain('第四条');
  await s.tasks().complete(steward, revision.id, { decision: 'resubmit' }, null);
  await s
    .tasks()
    .complete(reviewer, (await openTask(draft.id, 'entry_review')).id, { decision: 'approve' }, null);
  await s
    .tasks()
    .complete(lgOffice, (await openTask(draft.id, 'entry_verification')).id, { decision: 'confirm' }, null);

  const published = await draftIn(draft.id, 'published');
  expect(published.entries[0]).toMatchObject({ publishedVersion: 1 });
  const versions = await listVersions(h.t.db, 'GA-JZ-001');
  expect(versions).toEqual([
    expect.objectContaining({
      version: 1,
      reason: '补充法律依据条款',
      recordedBy: expect.objectContaining({ username: 'wangfang' }),
    }),
  ]);
  expect((await getResource(h.t.db, 'GA-JZ-001'))?.legalBasis).toContain('第四十五条');
  expect(
    (await h.t.db('notifications').where('id', 'like', `${draft.id}#%`).select('title_zh')).map(
      (n: { title_zh: string }) => n.title_zh,
    ),
  ).toEqual(expect.arrayContaining([expect.stringContaining('目录已注册发布')]));
});

it('a shared entry is published on its review alone; a withdrawn draft lets its entry go into another', async () => {
  const [steward, reviewer] = await Promise.all([s.user('wangfang'), s.user('lina')]);
  const shared = entry({ code: 'GA-CL-101', name: '驾驶证信息' });
  const first = await s.drafts().submit(steward, { entries: [shared], changeReason: '新增资源' }, null);
  const again = await rejection(
    s.drafts().submit(steward, { entries: [shared], changeReason: '再次提交' }, null),
  );
  expect(again).toMatchObject({ status: 409, code: 'entry_in_draft' });

  await s
    .tasks()
    .complete(
      reviewer,
      (await openTask(first.id, 'entry_review')).id,
      { decision: 'return', reason: '名称不规范' },
      null,
    );
  await s
    .tasks()
    .complete(
      steward,
      (await openTask(first.id, 'entry_revision')).id,
      { decision: 'withdraw', reason: '重新编制' },
      null,
    );
  await draftIn(first.id, 'withdrawn');
  expect(await getResource(h.t.db, 'GA-CL-101')).toBeNull();

  const second = await s
    .drafts()
    .submit(steward, { entries: [{ ...shared, name: '机动车驾驶证信息' }], changeReason: '新增资源' }, null);
  await s
    .tasks()
    .complete(reviewer, (await openTask(second.id, 'entry_review')).id, { decision: 'approve' }, null);
  const published = await draftIn(second.id, 'published');
  expect(published.needsVerification).toBe(false);
  expect(await h.t.db('tasks').where({ case_id: second.id, step: 'entry_verification' })).toEqual([]);
  expect((await getResource(h.t.db, 'GA-CL-101'))?.name).toBe('机动车驾驶证信息');
});

it('a draft the catalogue has overtaken goes back to its department, naming the problem, and nothing of it is published', async () => {
  const [steward, reviewer] = await Promise.all([s.user('wangfang'), s.user('lina')]);
  // Two drafts give two new entries one national code: each passes on its own when filed.
  const code = { nationalCode: '301004/000042' };
  const first = await s
    .drafts()
    .submit(
      steward,
      { entries: [entry({ code: 'GA-NC-101', ...code })], changeReason: '新增资源' },
      undefined,
    );
  const second = await s
    .drafts()
    .submit(
      steward,
      { entries: [entry({ code: 'GA-NC-102', ...code })], changeReason: '新增资源' },
      undefined,
    );
  await s
    .tasks()
    .complete(reviewer, (await openTask(first.id, 'entry_review')).id, { decision: 'approve' }, null);
  await draftIn(first.id, 'published');
  await s
    .tasks()
    .complete(reviewer, (await openTask(second.id, 'entry_review')).id, { decision: 'approve' }, null);

  const returned = await draftIn(second.id, 'returned');
  expect(returned.timeline.find((e) => e.action === 'returned')).toMatchObject({
    action: 'returned',
    reason: expect.stringContaining(
      'GA-NC-102 nationalCode: 301004/000042 is already the national code of GA-NC-101',
    ),
  });
  await openTask(second.id, 'entry_revision');
  expect(await getResource(h.t.db, 'GA-NC-102')).toBeNull();
});
