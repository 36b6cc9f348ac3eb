/**
 * AUTH_MODE=oidc in the browser: the sign-in page offers the organisation's
 * login instead of demo users; the issuer sends the browser back with a code,
 * the app trades it (PKCE) for a token the API accepts, and the user lands
 * signed in where they were going.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { useFakeIssuer } from '../support/fake-issuer';

const idp = useFakeIssuer();
const h = useApiHarness(() => ({
  AUTH_MODE: 'oidc',
  OIDC_ISSUER: idp.issuer,
  OIDC_AUDIENCE: idp.audience,
  OIDC_CLIENT_ID: idp.clientId,
}));
const b = useBrowser(h);

it("signs in through the organisation's identity provider and comes back to the page asked for", async () => {
  const context = await b.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await b.step(page, 'oidc-sign-in', async () => {
    await page.goto(`${b.base}/inbox`);
    await page.waitForURL(/\/sign-in/);
    expect(await page.getByTestId('sign-in-lina').count()).toBe(0); // no demo users in this mode
    await page.getByTestId('sign-in-oidc').click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('signed-in-as').filter({ hasText: '李娜' }).waitFor();
  });
  await b.shot(page, 'oidc-signed-in');
  await context.close();
});

it('tells a person the identity provider knows but govshare does not whom to ask, instead of the sign-in page again', async () => {
  idp.user = 'stranger';
  const context = await b.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await b.step(page, 'oidc-no-account', async () => {
    await page.goto(`${b.base}/inbox`);
    await page.getByTestId('sign-in-oidc').click();
    await page.getByTestId('no-account').waitFor();
    expect(await page.getByTestId('no-account').textContent()).toContain('请联系本单位管理员');
    expect(await page.getByTestId('no-account-contacts').textContent()).toContain('系统管理员');
  });
  await b.shot(page, 'oidc-no-account');
  await context.close();
  idp.user = 'lina';
});
