/**
 * A refusal reads in the user's language: a task decision the case refuses,
 * and a field the API finds wrong, in Chinese by default and in English after
 * switching, never the API's English message under a Chinese label.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('says a refused decision and a bad field in Chinese, and in English once switched', async () => {
  const { dispute } = await c.disputedDenial();

  // Accepting before anything was proposed: the case refuses, and says why in Chinese.
  const reviewer = await b.signIn('zhaoqiang');
  await b.step(reviewer, 'refused-decision', async () => {
    await reviewer.goto(`${b.base}/tasks/${encodeURIComponent(dispute.currentTask.id)}`);
    await reviewer.getByTestId('decide-accept').click();
    await reviewer.getByTestId('decision-error').filter({ hasText: '对方尚未提出协商方案' }).waitFor();
  });
  await b.shot(reviewer, 'refusal-in-chinese');
  expect(await reviewer.getByTestId('decision-error').innerText()).not.toMatch(/[A-Za-z]{4}/);

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

  // In English, the same refusal in English.
  await reviewer.getByTestId('language').click();
  await reviewer.getByTestId('decide-accept').click();
  await reviewer.getByTestId('decision-error').filter({ hasText: 'Nothing has been proposed yet' }).waitFor();
});
