/**
 * A request submitted the afternoon before the National Day holiday: its
 * deadlines skip the seven holiday days and count the Saturday make-up working
 * day, on a schedule shaped like 2027's as an admin imports it. Time-skipping
 * server at real length: the clock moves to 30 September 15:00 +08:00 of the
 * next year laid out like 2027 (1 October a Friday) before the request is
 * made, so the test holds on any date.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { replaceCalendarYear } from '../../db/calendar-repository';
import { ZONE } from '../../domain/calendar/working-days';
import { inYear, nextYearLike } from '../../scripts/harness/test-calendar';
import { useWorkflowHarness } from '../support/workflow-harness';
import { servicesOf } from '../support/services';
import { waitFor } from '../support/wait';

const h = useWorkflowHarness(require.resolve('../../workflows'));
const s = servicesOf(h);

/** The year of the test: 2027 while its 30 September is ahead, else the next year with the same weekdays. */
const Y = nextYearLike(2027, '09-30T15:00:00+08:00');
const y = (date: string) => inYear(date, Y);

// Shaped like the State Council's notices: 1–7 October off, Sunday 26 September and Saturday 9 October worked.
const NATIONAL_DAY = {
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    date: y(`2027-10-${d}`),
    name: '国庆节',
  })),
  workdays: [
    { date: y('2027-09-26'), name: '国庆节调休' },
    { date: y('2027-10-09'), name: '国庆节调休' },
  ],
};

it('a request made on 30 September gets deadlines after the National Day holiday', async () => {
  await replaceCalendarYear(h.t.db, Y, NATIONAL_DAY, 'admin');
  const eve = DateTime.fromISO(y('2027-09-30T15:00:00'), { zone: ZONE });
  await h.env.sleep(eve.toMillis() - (await h.env.currentTimeMs()));

  const { request } = await s.requests().submit(
    await s.user('liuyan'),
    randomUUID(),
    {
      resourceCode: 'ZR-BDC-001',
      items: ['权利人', '抵押状态'],
      purpose: '核验失业保险金申领人的不动产情况',
      basis: '',
      usageFrom: y('2027-10-01'),
      usageTo: inYear('2028-09-30', Y + 1),
      answers: { scope: '每月约50人', duty: '失业保险待遇审核' },
    },
    null,
  );

  // Provider review, 10 working days: 8, 9 (make-up Saturday), 11–15, 18, 19, 20 October.
  expect(request.status).toBe('provider_review');
  expect(request.currentTask).toMatchObject({
    deadline: y('2027-10-20T23:59:59.999+08:00'),
    provisional: false,
    article: 23,
  });

  // The provider approves at once, on the eve: the platform's 2 working days are 8 and 9 October.
  await s.tasks().complete(await s.user('sunhui'), request.currentTask!.id, { decision: 'approve' }, null);
  const platformTask = await waitFor('the platform task', () =>
    h.t.db('tasks').where({ case_id: request.id, step: 'platform_review' }).first(),
  );
  expect(platformTask).toMatchObject({ deadline: y('2027-10-09T23:59:59.999+08:00') });
  expect(Boolean(platformTask.provisional)).toBe(false);
});
