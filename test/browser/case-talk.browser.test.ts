/**
 * Talking on a case in the browser (issue 14, point 5): the requester and the
 * provider's reviewer leave comments on the request, which join its timeline;
 * the dispute page shows the request's purpose and the provider's reason for
 * the denial it is about.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases, insuranceRequest } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('keeps the parties’ comments in the timeline, and shows a dispute’s original report and answer', async () => {
  const request = await c.request('zhangwei', insuranceRequest());
  const requester = await b.signIn('zhangwei');
  await b.step(requester, 'comment', async () => {
    await requester.goto(`${b.base}/requests/${request.id}`);
    await requester.getByTestId('comment-text').fill('请问还需要补充哪些材料?');
    await requester.getByTestId('comment-send').click();
    await requester
      .getByTestId('timeline-entry')
      .filter({ hasText: '请问还需要补充哪些材料?' })
      .getByText('留言')
      .waitFor();
  });
  const reviewer = await b.signIn('zhaoqiang');
  await b.step(reviewer, 'reply', async () => {
    await reviewer.goto(`${b.base}/tasks/${request.currentTask.id}`);
    await reviewer.getByText('请问还需要补充哪些材料?').waitFor();
    await reviewer.getByTestId('comment-text').fill('无需补充,正在审核');
    await reviewer.getByTestId('comment-send').click();
    await reviewer.getByTestId('timeline-entry').filter({ hasText: '无需补充,正在审核' }).waitFor();
  });
  await b.shot(reviewer, 'case-comments');

  const { dispute } = await c.disputedDenial();
  await b.step(requester, 'dispute-record', async () => {
    await requester.goto(`${b.base}/disputes/${dispute.id}`);
    await requester.getByTestId('original-report').getByText(insuranceRequest().purpose).waitFor();
    expect(await requester.getByTestId('provider-answer').innerText()).toBe('未获批准:超出职责范围');
  });
});
