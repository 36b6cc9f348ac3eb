/**
 * A new policy version applies to cases started after it; running cases keep
 * the version they started with, and a filing is routed under the version it
 * was checked against, also when it is sent again after its start failed.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../../db/calendar-repository';
import { savePolicyVersion } from '../../db/policy-repository';
import { addWorkingDays, ZONE } from '../../domain/calendar/working-days';
import { loadPolicyFile, DEFAULT_POLICY_FILE } from '../../seeds/default-policy';
import { nearYears } from '../support/calendars';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { createRequestService } from '../../api/sharing_request/service';
import { createTemporalGateway } from '../../api/temporal/temporal-gateway';
import { HttpError } from '../../api/http/errors';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

const today = () => DateTime.now().setZone(ZONE).toISODate() as string;

/** The filing of 刘燕 of the HR bureau for civil affairs' marriage records (MZ-HY-001, conditional). */
const marriageRecords = (item: string) => ({
  resourceCode: 'MZ-HY-001',
  items: [item],
  purpose: '核对参保人婚姻状况',
  basis: '',
  usageFrom: today(),
  usageTo: DateTime.now().setZone(ZONE).plus({ months: 1 }).toISODate() as string,
  answers: { duty: '遗属待遇审核' },
});

/** 刘燕 files it; the task it was routed to. */
async function askForMarriageRecords(item: string, requests = s.requests()) {
  const { request } = await requests.submit(
    await s.user('liuyan'),
    randomUUID(),
    marriageRecords(item),
    null,
  );
  return request.currentTask!;
}

/** The default policy as a version `n` after its own, in force from today. */
function laterVersion(n: number) {
  const doc = loadPolicyFile(DEFAULT_POLICY_FILE);
  return { ...doc, version: doc.version + n, effectiveFrom: today() };
}

it('a case started before a new version keeps its deadlines; one started after uses the new ones', async () => {
  const v1 = await askForMarriageRecords('登记类型');
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());

  const doc = loadPolicyFile(DEFAULT_POLICY_FILE);
  doc.version += 1;
  doc.effectiveFrom = today();
  doc.processes.sharing_request.steps.provider_review.deadline = { workingDays: 5 };
  await savePolicyVersion(h.t.db, doc);

  const after = await askForMarriageRecords('登记日期');

  const started = (id: string) => h.t.db('tasks').where({ id }).first();
  const [a, b] = [await started(v1.id), await started(after.id)];
  expect(v1.deadline).toBe(addWorkingDays(a.started_at, 10, calendar).deadline);
  expect(after.deadline).toBe(addWorkingDays(b.started_at, 5, calendar).deadline);
  expect([a.policy_key, b.policy_key]).toEqual([
    `panzhihua-2019@${doc.version - 1}`,
    `panzhihua-2019@${doc.version}`,
  ]);
});

it('a request is routed under the version its filing was checked against, even when a newer one is stored while its case starts', async () => {
  const doc = loadPolicyFile(DEFAULT_POLICY_FILE);
  const checkedAgainst = await savePolicyVersion(h.t.db, laterVersion(10));
  const newer = {
    ...laterVersion(11),
    processes: {
      ...doc.processes,
      sharing_request: {
        ...doc.processes.sharing_request,
        steps: {
          ...doc.processes.sharing_request.steps,
          provider_review: {
            ...doc.processes.sharing_request.steps.provider_review,
            deadline: { workingDays: 3 },
          },
        },
      },
    },
  };
  // The API has checked the filing; the newer version is stored before its workflow starts.
  const gateway = createTemporalGateway(h.env.client, h.taskQueue);
  const requests = createRequestService({
    db: h.t.db,
    temporal: {
      ...gateway,
      startCase: async (c) => {
        await savePolicyVersion(h.t.db, newer);
        return gateway.startCase(c);
      },
    },
  });
  const current = await askForMarriageRecords('登记类型', requests);

  const task = await h.t.db('tasks').where({ id: current.id }).first();
  expect(task.policy_key).toBe(checkedAgainst);
  const calendar = await loadWorkingCalendar(h.t.db, nearYears());
  const { workingDays } = doc.processes.sharing_request.steps.provider_review.deadline as {
    workingDays: number;
  };
  expect(current.deadline).toBe(addWorkingDays(task.started_at, workingDays, calendar).deadline);
  // A filing after it is checked against, and routed under, the newer version.
  const later = await askForMarriageRecords('登记日期');
  const laterTask = await h.t.db('tasks').where({ id: later.id }).first();
  expect(laterTask.policy_key).toBe(`panzhihua-2019@${newer.version}`);
  expect(later.deadline).toBe(addWorkingDays(laterTask.started_at, 3, calendar).deadline);
});

it('a filing whose start failed is routed, when sent again, under the version it was checked against, not one stored in between', async () => {
  const checkedAgainst = await savePolicyVersion(h.t.db, laterVersion(20));
  const newer = laterVersion(21);
  // Temporal does not answer the first start; a newer version is stored before the client sends
  // the filing again with the same Idempotency-Key.
  const gateway = createTemporalGateway(h.env.client, h.taskQueue);
  const unreachable = createRequestService({
    db: h.t.db,
    temporal: {
      ...gateway,
      startCase: async () => {
        throw new HttpError(503, 'temporal_unavailable', 'The workflow service (Temporal) did not answer.');
      },
    },
  });
  const user = await s.user('liuyan');
  const key = randomUUID();
  const body = marriageRecords('登记类型');
  await expect(unreachable.submit(user, key, body, null)).rejects.toMatchObject({ status: 503 });
  await savePolicyVersion(h.t.db, newer);

  const { created, request } = await s.requests().submit(user, key, body, null);
  expect(created).toBe(false);
  const task = await h.t.db('tasks').where({ id: request.currentTask!.id }).first();
  expect(task.policy_key).toBe(checkedAgainst);
});
