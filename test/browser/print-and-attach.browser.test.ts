/**
 * Print and attach (issue 14, point 7), in the browser: the requester attaches
 * an official letter to her request (a wrong type or a renamed file is refused
 * in Chinese), the provider's reviewer saves it under its Chinese name, and
 * the request's approval form lists it beside who decided what and why; in
 * English the form is in English; the dispute page prints its own form.
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

it('attaches a letter, saves it back, and prints the approval forms of a request and a dispute, in Chinese and in English', async () => {
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

  const letter = Buffer.from('%PDF-1.7\n% 关于申请社保数据的函\n%%EOF\n');
  await b.step(page, 'attach', async () => {
    await page.goto(`${b.base}/requests/${requestId}`);
    const input = page.getByTestId('attachments').locator('input[type=file]');
    await input.setInputFiles({
      name: '说明.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ'),
    });
    await page.getByText('只能上传以下类型的文件:pdf, ofd').waitFor();
    await input.setInputFiles({
      name: '伪装.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    await page.getByText('文件内容与扩展名不符').waitFor();
    await input.setInputFiles({
      name: '关于申请社保数据的函.pdf',
      mimeType: 'application/pdf',
      buffer: letter,
    });
    await page.getByTestId('attachment').getByText('关于申请社保数据的函.pdf').waitFor();
    expect(await page.getByTestId('attachment').count()).toBe(1);
  });
  await b.shot(page, 'case-attachments');

  const reviewer = await b.signIn('zhaoqiang');
  await b.step(reviewer, 'attachment-download', async () => {
    await reviewer.goto(`${b.base}/requests/${requestId}`);
    const [saved] = await Promise.all([
      reviewer.waitForEvent('download'),
      reviewer.getByTestId('attachment').getByRole('button', { name: '下载' }).click(),
    ]);
    expect(saved.suggestedFilename()).toBe('关于申请社保数据的函.pdf');
    expect(fs.readFileSync((await saved.path())!)).toEqual(letter);
  });
  await reviewer.context().close();

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
