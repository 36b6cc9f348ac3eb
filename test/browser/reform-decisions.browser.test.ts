/**
 * A reform obligation in a real browser (art. 9): the department's steward
 * sees the resources its obligation lists, transfers one to the department
 * taking over the duty and retires the other, each with a reason; with every
 * resource decided, the obligation shows as met.
 */
import { randomUUID } from 'node:crypto';
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { chooseOption } from '../support/choose-option';
import { httpCases, localDay } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('lets the steward transfer and retire each listed resource, and shows the obligation met', async () => {
  const reform = await c.post(
    'zhoujie',
    '/api/reforms',
    { title: '市级机构改革:社保职能调整', effectiveDate: localDay(), departments: ['hr-social-security'] },
    randomUUID(),
  );
  expect(reform.status).toBe(201);
  const page = await b.signIn('zhaoqiang');
  await b.step(page, 'reform-decisions', async () => {
    await page.goto(`${b.base}/reforms/${reform.body.id}`);
    const list = page.getByTestId('obligation-resources-hr-social-security');
    await list.getByText('就业失业登记信息').waitFor();

    await chooseOption(page, page.getByTestId('decision-RS-SB-001'), '移交');
    await chooseOption(page, page.getByTestId('successor-RS-SB-001'), '市卫生健康委员会');
    await page.getByTestId('decide-RS-SB-001').getByPlaceholder('理由').fill('参保核验职责划转卫健委');
    await page.getByTestId('submit-RS-SB-001').click();
    await list.getByText('参保核验职责划转卫健委').waitFor();

    await chooseOption(page, page.getByTestId('decision-RS-JY-001'), '停用');
    await page.getByTestId('decide-RS-JY-001').getByPlaceholder('理由').fill('并入全省统一系统');
    await page.getByTestId('submit-RS-JY-001').click();
    await list.getByText('并入全省统一系统').waitFor();

    await page.reload();
    await page.getByTestId('obligation-hr-social-security').getByText('已履行').first().waitFor();
  });
  await b.shot(page, 'reform-decisions');
});
