/**
 * The web app in a real browser (Debian's Chromium) against the real stack:
 * a requester finds a conditional resource and submits a request (a double
 * click files it once); the provider's reviewer approves it from the inbox
 * while a colleague sees the task gone; the platform approves; the requester
 * sees it granted with its timeline; a supervisor's dashboard counts it. And a
 * denial without a reason is refused on the page.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('request, approve, approve, granted, counted — all in the browser, in Chinese', async () => {
  const requester = await b.signIn('zhangwei');
  const purpose = `核对低保申请人参保情况 ${randomUUID().slice(0, 8)}`;

  const requestId = await b.step(requester, 'submit-request', async () => {
    await requester.goto(`${b.base}/catalogue`);
    await requester.getByPlaceholder('搜索名称、摘要或数据项').fill('参保');
    await requester.keyboard.press('Enter');
    await requester.getByRole('link', { name: '社会保险参保信息' }).click();
    await requester.getByText('请说明数据使用中的安全保护措施和知悉范围').waitFor();
    await requester.getByTestId('apply').click();
    await requester.getByLabel('公民身份号码').check();
    await requester.getByLabel('参保状态').check();
    await requester.getByTestId('purpose').fill(purpose);
    await requester.getByTestId('answer-scope').fill('每月约300人');
    await requester.getByTestId('answer-duty').fill('低保审核');
    await requester.getByTestId('answer-security').fill('专人专机');
    await requester.getByTestId('submit').dblclick();
    await requester.waitForURL(/\/requests\/SR-/);
    await requester.getByTestId('case-status').filter({ hasText: '提供部门审核' }).waitFor();
    // The provider's 10 working days are cited to the State Council's rule that sets them, not to art. 23.
    await requester
      .getByTestId('deadline')
      .filter({ hasText: '10个工作日 · 国发〔2016〕51号第十三条' })
      .first()
      .waitFor();
    return requester.url().split('/').pop()!;
  });
  expect(await h.t.db('sharing_requests').where({ purpose })).toHaveLength(1);
  await b.shot(requester, 'request-submitted');

  const colleague = await b.signIn('majun');
  const reviewer = await b.signIn('zhaoqiang');
  await b.step(reviewer, 'provider-approves', async () => {
    await colleague.goto(`${b.base}/inbox`);
    await colleague.getByTestId('task-link').filter({ hasText: requestId }).waitFor();
    await reviewer.goto(`${b.base}/inbox`);
    await reviewer.getByTestId('task-link').filter({ hasText: requestId }).waitFor();
    await b.shot(reviewer, 'inbox');
    await reviewer.getByTestId('task-link').filter({ hasText: requestId }).click();
    await reviewer.getByTestId('bpmn').locator('svg').first().waitFor();
    await reviewer.getByTestId('decide-approve').click();
    // The answer says where the case went: the platform authority's approval, opened by this decision.
    await reviewer.getByText('已办理,下一步:共享平台主管部门审批').waitFor();
    await reviewer.waitForURL(/\/inbox$/);
  });
  await b.step(colleague, 'colleague-sees-it-gone', async () => {
    await colleague.reload();
    await colleague.getByTestId('task-table').waitFor();
    await expect(colleague.getByTestId('task-link').filter({ hasText: requestId }).count()).resolves.toBe(0);
  });

  const platform = await b.signIn('chenjing');
  await b.step(platform, 'platform-approves', async () => {
    await platform.goto(`${b.base}/inbox`);
    await platform.getByTestId('task-link').filter({ hasText: requestId }).click();
    await platform.getByTestId('decide-approve').click();
    await platform.waitForURL(/\/inbox$/);
  });

  await b.step(requester, 'requester-sees-grant', async () => {
    await requester.goto(`${b.base}/requests/${requestId}`);
    await requester.getByTestId('case-status').filter({ hasText: '已授权' }).waitFor({ timeout: 20_000 });
    await requester.getByTestId('timeline-entry').filter({ hasText: '作出决定' }).first().waitFor();
    expect(await requester.getByTestId('timeline-entry').count()).toBeGreaterThanOrEqual(5);
    await requester.getByTestId('bpmn').locator('.gs-done').first().waitFor();
  });
  await b.shot(requester, 'case-page');

  const supervisor = await b.signIn('zhengli');
  await b.step(supervisor, 'dashboard-counts-it', async () => {
    await supervisor.goto(`${b.base}/dashboard`);
    const row = supervisor
      .getByTestId('step-table')
      .getByRole('row')
      .filter({ hasText: '共享平台主管部门审批' });
    await row.waitFor();
    await supervisor.getByTestId('chart').locator('canvas').first().waitFor();
  });
  await b.shot(supervisor, 'dashboard');
  await b.step(supervisor, 'dashboard-drills-down', async () => {
    const row = supervisor
      .getByTestId('step-table')
      .getByRole('row')
      .filter({ hasText: '共享平台主管部门审批' });
    await row.getByTestId('drill').click();
    await supervisor.getByTestId('drill-table').getByRole('link', { name: requestId }).waitFor();
  });
  await b.step(supervisor, 'switches-to-english-and-remembers', async () => {
    await supervisor.goto(`${b.base}/dashboard`);
    await supervisor.getByTestId('language').click();
    await supervisor.getByText('SLA dashboard').first().waitFor();
    await supervisor.reload();
    await supervisor.getByText('On-time rate').first().waitFor();
  });
});

it('refuses a denial without a reason on the page, and the task stays open', async () => {
  const request = await c.request('zhangwei', {
    resourceCode: 'RS-SB-001',
    items: ['参保状态'],
    purpose: '核对参保情况',
    usageFrom: localDay(),
    usageTo: localDay(30),
    answers: { scope: '10人', duty: '低保审核', security: '专人专机' },
  });
  const reviewer = await b.signIn('zhaoqiang');
  await b.step(reviewer, 'deny-without-reason', async () => {
    await reviewer.goto(`${b.base}/tasks/${encodeURIComponent(request.currentTask.id)}`);
    await reviewer.getByTestId('decide-deny').click();
    await reviewer.getByTestId('decision-error').filter({ hasText: '请填写理由' }).waitFor();
  });
  await b.shot(reviewer, 'deny-without-reason');
  expect((await h.t.db('tasks').where({ id: request.currentTask.id }).first()).status).toBe('open');
});

it("shows the API's validation errors on the request form's fields, and files nothing", async () => {
  const requester = await b.signIn('zhangwei');
  await b.step(requester, 'api-errors-on-fields', async () => {
    await requester.goto(`${b.base}/catalogue/RS-SB-001/apply`);
    await requester.getByLabel('参保状态').check();
    await requester.getByTestId('purpose').fill('字段错误演示');
    await requester.getByTestId('answer-scope').fill('10人');
    await requester.getByTestId('answer-duty').fill('低保审核');
    await requester.getByTestId('answer-security').fill('专人专机');
    const [from, to] = [
      requester.locator('.ant-picker-range input').first(),
      requester.locator('.ant-picker-range input').nth(1),
    ];
    await from.click();
    await from.fill(localDay(-3));
    await to.click();
    await to.fill(localDay(10));
    await to.press('Enter');
    await requester.getByTestId('submit').click();
    // Said in Chinese, with what to do: the start may not be before today.
    await requester
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: `起始日期不能早于今天(${localDay()})` })
      .waitFor();
  });
  expect(await h.t.db('sharing_requests').where({ purpose: '字段错误演示' })).toEqual([]);
});
