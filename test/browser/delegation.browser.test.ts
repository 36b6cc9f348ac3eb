/**
 * Delegation in the browser (issue 14, point 9): a reviewer going on leave
 * names a colleague on the delegation page; the colleague sees the absent
 * reviewer's claimed task marked 代理, decides it, and the case's timeline
 * says whom the decision was made for.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { chooseOption } from '../support/choose-option';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('hands a reviewer’s claimed task to a colleague while he is away, and records it', async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  expect((await c.post('zhaoqiang', `/api/tasks/${request.currentTask.id}/claim`, {})).status).toBe(200);

  const away = await b.signIn('zhaoqiang');
  await b.step(away, 'delegate', async () => {
    await away.goto(`${b.base}/delegations`);
    await chooseOption(away, away.getByTestId('delegation-role'), '提供部门审核人');
    await chooseOption(away, away.getByTestId('delegation-to'), '马骏');
    await away.getByPlaceholder('如:年休假').fill('年休假');
    await away.getByTestId('delegate').click();
    await away.getByTestId('delegations-given').getByText('有效').waitFor();
    expect(await away.getByTestId('delegations-given').innerText()).toContain('马骏');
  });
  await b.shot(away, 'delegation');

  const standIn = await b.signIn('majun');
  await b.step(standIn, 'acting-for', async () => {
    const row = standIn.getByTestId('task-table').locator('tr').filter({ hasText: request.id });
    await row.getByTestId('acting-for').getByText('代理 赵强').waitFor();
    await row.getByTestId('task-link').click();
    await standIn
      .getByTestId('acting-for')
      .getByText(/您正在代理赵强办理此任务/)
      .waitFor();
    await standIn.getByTestId('decide-approve').click();
    await standIn.waitForURL(/\/inbox$/);
  });
  await c.until('zhangwei', `/api/requests/${request.id}`, (r) => r.status === 'platform_review');

  await b.step(standIn, 'timeline-says-for-whom', async () => {
    await standIn.goto(`${b.base}/requests/${request.id}`);
    await standIn.getByTestId('timeline-entry').filter({ hasText: '马骏(代理 赵强)' }).waitFor();
  });

  await b.step(away, 'delegation-english', async () => {
    await away.getByTestId('language').click();
    await away.getByText('Ask a colleague to stand in (leave, travel)').waitFor();
  });
});
