/**
 * The app offers only what can succeed, and says a refusal in the user's
 * language: a proposal cannot be accepted before one is made (not offered, and
 * why); a decision a colleague has just taken first is refused in Chinese; a
 * field the API finds wrong says what to do; in English after switching.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('offers only what can succeed, says why not, and says refusals in Chinese or English', async () => {
  const { dispute } = await c.disputedDenial();

  // Nothing proposed yet: "accept" is not offered, and the page says why.
  const reviewer = await b.signIn('zhaoqiang');
  await b.step(reviewer, 'not-offered', async () => {
    await reviewer.goto(`${b.base}/tasks/${encodeURIComponent(dispute.currentTask.id)}`);
    await reviewer.getByTestId('decide-propose').waitFor();
    await reviewer.getByTestId('not-offered').filter({ hasText: '接受:对方尚未提出协商方案' }).waitFor();
    expect(await reviewer.getByTestId('decide-accept').count()).toBe(0);
  });

  // A colleague decides first: the late decision is refused, in Chinese.
  const open = await c.request('zhangwei', insuranceRequest());
  const colleague = await b.signIn('majun');
  await b.step(colleague, 'refused-decision', async () => {
    await colleague.goto(`${b.base}/tasks/${encodeURIComponent(open.currentTask.id)}`);
    await colleague.getByTestId('decide-approve').waitFor();
    await c.complete('zhaoqiang', open.currentTask.id, { decision: 'approve' });
    await colleague.getByTestId('decide-approve').click();
    await colleague.getByTestId('decision-error').filter({ hasText: '该任务已办结或已取消' }).waitFor();
  });
  await b.shot(colleague, 'refusal-in-chinese');
  expect(await colleague.getByTestId('decision-error').innerText()).not.toMatch(/[A-Za-z]{4}/);

  // A purpose of invisible characters: the API refuses the field, the form says what to do.
  const requester = await b.signIn('zhangwei');
  await b.step(requester, 'refused-field', async () => {
    await requester.goto(`${b.base}/catalogue/RS-SB-001/apply`);
    await requester.getByLabel('参保状态').check();
    await requester.getByTestId('purpose').fill('\u200b\u2060');
    await requester.getByTestId('answer-scope').fill('每月约300人');
    await requester.getByTestId('answer-duty').fill('低保审核');
    await requester.getByTestId('answer-security').fill('专人专机');
    await requester.getByTestId('submit').click();
    await requester.getByText('用途须包含可见文字').waitFor();
  });

  // In English, the same explanation in English.
  await reviewer.getByTestId('language').click();
  await reviewer.getByTestId('not-offered').filter({ hasText: 'Nothing has been proposed yet' }).waitFor();
});
