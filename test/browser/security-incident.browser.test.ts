/**
 * A security incident in a real browser (art. 31): a department's data
 * steward reports it from the department's security page and lands on its
 * case page; the information-security authority finds it in the inbox and
 * resolves it with an explanation, which the case page then shows.
 */
import { DateTime } from 'luxon';
import { ZONE } from '../../domain/calendar/working-days';
import { useApiHarness } from '../support/api-harness';
import { waitFor } from '../support/wait';
import { useBrowser } from '../support/browser';

const h = useApiHarness();
const b = useBrowser(h);

it('is reported from the security page and resolved from the authority’s inbox', async () => {
  const steward = await b.signIn('wangfang');
  const caseUrl = await b.step(steward, 'incident-report', async () => {
    await steward.goto(`${b.base}/security`);
    await steward.getByTestId('report-incident').click();
    await steward.getByTestId('incident-title').fill('人口库接口异常调用');
    // Typed and confirmed with Enter, as a user can: clicking 此刻 while the picker's popup is still
    // animating in sometimes left the field empty on a loaded machine.
    const occurred = steward.locator('.ant-modal .ant-picker input');
    await occurred.click();
    await occurred.fill(DateTime.now().setZone(ZONE).minus({ minutes: 5 }).toFormat('yyyy-MM-dd HH:mm:ss'));
    await occurred.press('Enter');
    await steward.getByTestId('incident-description').fill('凌晨出现大量异常查询,已临时封禁来源地址');
    // Still there once the picker has lost focus: taken, not just typed.
    await waitFor(
      'the time of the incident to be taken',
      async () => (await occurred.inputValue()) || undefined,
    );
    await steward.getByRole('button', { name: '保 存' }).click();
    await steward.waitForURL(/\/incidents\/SI-/);
    expect(await steward.getByTestId('case-status').innerText()).toBe('信息安全主管部门处置');
    return steward.url();
  });
  await steward.context().close();

  const authority = await b.signIn('luoyi');
  await b.step(authority, 'incident-resolve', async () => {
    await authority.waitForURL(/\/inbox$/);
    await authority
      .getByTestId('task-link')
      .filter({ hasText: caseUrl.split('/').pop()! })
      .click();
    await authority.getByTestId('reason').fill('已修补接口鉴权并加固限流');
    await authority.getByTestId('decide-resolved').click();
    await authority.waitForURL(/\/inbox$/);
    await authority.goto(caseUrl);
    await authority.getByTestId('resolution').waitFor();
    expect(await authority.getByTestId('resolution').innerText()).toBe('已修补接口鉴权并加固限流');
    expect(await authority.getByTestId('case-status').innerText()).toBe('已解决');
  });
  await b.shot(authority, 'security-incident');
  await authority.context().close();
});
