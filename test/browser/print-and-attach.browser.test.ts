/**
 * Print (issue 14, point 7), in the browser: the requester saves a decided
 * request's approval form from its page and reads on it who decided what and
 * why; in English the form is in English; the dispute page prints its own form.
 */
import fs from 'node:fs';
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases } from '../support/http-cases';
import { pdfPages } from '../support/pdf-text';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

const flat = (pages: string[]) => pages.join('').replace(/\s+/g, '');

it('saves the approval form of a request and of a dispute, in Chinese and in English', async () => {
  const { requestId, dispute } = await c.disputedDenial();
  const page = await b.signIn('zhangwei');
  const printed = async (name: string) => {
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('print-form').click(),
    ]);
    expect(saved.suggestedFilename()).toBe(name);
    return flat(await pdfPages(fs.readFileSync((await saved.path())!)));
  };

  const request = await b.step(page, 'print-request', async () => {
    await page.goto(`${b.base}/requests/${requestId}`);
    await page.getByTestId('print-form').getByText('打印审批表').waitFor();
    return printed(`${requestId}-approval-form.pdf`);
  });
  for (const seen of [
    '共享申请审批表',
    requestId,
    '市民政局',
    '不同意',
    '超出职责范围',
    '赵强',
    '第二十三条',
  ])
    expect(request).toContain(seen);

  const disputed = await b.step(page, 'print-dispute', async () => {
    await page.goto(`${b.base}/disputes/${dispute.id}`);
    return printed(`${dispute.id}-approval-form.pdf`);
  });
  for (const seen of ['异议协调审批表', dispute.id, requestId, '提出异议', '低保审核属法定职责'])
    expect(disputed).toContain(seen);

  const english = await b.step(page, 'print-english', async () => {
    await page.getByTestId('language').click();
    await page.getByTestId('print-form').getByText('Print approval form').waitFor();
    return printed(`${dispute.id}-approval-form.pdf`);
  });
  expect(english).toContain('Disputeapprovalform');
  await page.context().close();
});
