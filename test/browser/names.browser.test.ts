/**
 * Officials read names, not codes: on a request, a dispute, a correction, the
 * inbox and the dashboard, in Chinese, no department code or username of the
 * directory shows where a department or a person is meant (issue: "names not
 * codes"). The API returns the names beside the codes.
 */
import type { Page } from 'playwright-core';
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

/** Every department code and username of the directory that the page's visible text shows. */
async function codesShown(page: Page): Promise<string[]> {
  const departments: string[] = (await h.t.db('departments').pluck('code')).filter((d: string) =>
    d.includes('-'),
  );
  const people: string[] = await h.t.db('users').pluck('username');
  const text = await page.locator('main, .ant-layout-content').first().innerText();
  return [...departments, ...people].filter((code) =>
    new RegExp(`(^|[^A-Za-z0-9-])${code}($|[^A-Za-z0-9-])`).test(text),
  );
}

it('a case, its timeline, the inbox and the dashboard name departments and people, never their codes', async () => {
  // A request denied by the provider, disputed by the requester and claimed in the inbox.
  const { requestId, dispute } = await c.disputedDenial();
  await c.complete('zhangwei', dispute.currentTask.id, { decision: 'propose', reason: '限定查询范围' });
  const open = await c.until(
    'zhaoqiang',
    `/api/disputes/${dispute.id}`,
    (d) => d.proposal !== null && d.currentTask !== null,
  );
  expect(open).toMatchObject({
    providerDepartmentName: { zh: '市人力资源和社会保障局' },
    openedByName: '张伟',
    proposal: { by: 'zhangwei', byName: '张伟' },
    currentTask: {
      holders: expect.arrayContaining([expect.objectContaining({ departmentName: expect.anything() })]),
    },
  });
  const other = await c.request('zhangwei', insuranceRequest());
  await c.post('zhaoqiang', `/api/tasks/${other.currentTask.id}/claim`, {});

  const requester = await b.signIn('zhangwei');
  await requester.goto(`${b.base}/requests/${requestId}`);
  await requester.getByTestId('timeline-entry').filter({ hasText: '赵强' }).first().waitFor();
  await b.shot(requester, 'names-request');
  expect(await codesShown(requester)).toEqual([]);

  await requester.goto(`${b.base}/disputes/${dispute.id}`);
  await requester.getByText('市人力资源和社会保障局').first().waitFor();
  expect(await codesShown(requester)).toEqual([]);

  const reviewer = await b.signIn('zhaoqiang');
  await reviewer.goto(`${b.base}/inbox`);
  await reviewer.getByTestId('task-link').filter({ hasText: other.id }).waitFor();
  await b.shot(reviewer, 'names-inbox');
  expect(await codesShown(reviewer)).toEqual([]);

  const supervisor = await b.signIn('zhengli');
  await supervisor.goto(`${b.base}/dashboard`);
  await supervisor.getByTestId('all-overdue').or(supervisor.getByText('逾期')).first().waitFor();
  expect(await codesShown(supervisor)).toEqual([]);
});
