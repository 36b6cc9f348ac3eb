/**
 * Every kind of case has its list and its links: a requester lands on her
 * requests; a request links its dispute, and the dispute list shows it; the
 * reform menu opens the list of reforms, from which the LG office registers one.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { httpCases } from '../support/http-cases';

const h = useApiHarness();
const b = useBrowser(h);
const c = httpCases(h);

jest.setTimeout(180_000);

it('lands a requester on her requests; a request links its dispute; the reform menu opens a list', async () => {
  const { requestId, dispute } = await c.disputedDenial();

  const requester = await b.signIn('zhangwei');
  await b.step(requester, 'lands-on-requests', async () => {
    await requester.waitForURL(/\/requests$/);
  });
  await b.step(requester, 'request-links-dispute', async () => {
    await requester.goto(`${b.base}/requests/${requestId}`);
    await requester.getByTestId('related-cases').getByRole('link', { name: dispute.id }).click();
    await requester.waitForURL(new RegExp(`/disputes/${dispute.id}$`));
  });
  await b.step(requester, 'dispute-list', async () => {
    await requester.getByRole('menuitem', { name: '异议协调' }).click();
    await requester.getByTestId('dispute-list').getByRole('link', { name: dispute.id }).waitFor();
  });
  await b.shot(requester, 'dispute-list');

  const office = await b.signIn('zhoujie');
  await b.step(office, 'reform-list', async () => {
    await office.getByRole('menuitem', { name: '机构改革' }).click();
    await office.waitForURL(/\/reforms$/);
    await office.getByTestId('register-reform').click();
    await office.waitForURL(/\/reforms\/new$/);
  });
});
