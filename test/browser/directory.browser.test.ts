/**
 * The directory page (组织机构) as a city's administrator uses it: a county
 * department and a person in it added through the forms, a workbook with a
 * bad row refused with the cell named, and a county administrator who sees
 * their county only.
 */
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { typeToChoose } from '../support/choose-option';
import { handWrittenDirectory, XLSX_TYPE } from '../support/directory-workbook';
import { waitFor } from '../support/wait';

const h = useApiHarness();
const b = useBrowser(h);

jest.setTimeout(180_000);

it('adds a county department and a person, refuses a bad workbook with the cell named, and the person can sign in', async () => {
  const page = await b.signIn('admin');
  await b.step(page, 'directory-add-department', async () => {
    await page.goto(`${b.base}/directory`);
    await page.getByRole('tab', { name: '部门' }).click();
    await page.getByTestId('new-department').click();
    await page.getByTestId('department-code').fill('yanbian-health');
    await page.getByTestId('department-name').fill('盐边县卫生健康局');
    await page.getByTestId('department-name-en').fill('Yanbian County Health Bureau');
    // The lists are picked by typing; the next is opened once the last has closed (a closing list takes clicks).
    await typeToChoose(page, page.getByTestId('department-kind'), '县(区)部门', '县(区)部门');
    await waitFor(
      'the list of kinds to close',
      async () => (await page.locator('.ant-select-dropdown:visible').count()) === 0,
    );
    await typeToChoose(page, page.getByTestId('department-parent'), '盐边', '盐边县');
    expect(await page.getByTestId('department-parent').innerText()).toContain('盐边县');
    await page.getByTestId('save-department').click();
    await page.getByTestId('directory-departments').getByText('盐边县卫生健康局').waitFor();
  });
  await b.step(page, 'directory-add-user', async () => {
    await page.getByRole('tab', { name: '人员' }).click();
    await page.getByTestId('new-user').click();
    await page.getByTestId('user-username').fill('wuli');
    await page.getByTestId('user-display-name').fill('吴立');
    await typeToChoose(page, page.getByTestId('user-department'), '盐边县卫生', '盐边县卫生健康局');
    await page.getByTestId('user-email').fill('not-an-address');
    await page.getByTestId('save-user').click();
    // The API's refusal lands on the field, in Chinese.
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '电子邮箱' }).waitFor();
    await page.getByTestId('user-email').fill('wuli@yanbian.example');
    await page.getByTestId('save-user').click();
    await page.getByTestId('directory-users').getByText('吴立').waitFor();
    // The dialog gives the focus back to 新增人员 when its closing animation ends: a key pressed
    // before then may land on that button and open a new dialog (seen in CI on a loaded machine).
    await page.locator('.ant-modal-wrap').last().waitFor({ state: 'hidden' });
    await page.getByTestId('search-people').locator('input').fill('吴立');
    await page.getByTestId('search-people').locator('input').press('Enter');
    await waitFor(
      'the search to leave one person',
      async () => (await page.getByTestId('directory-users').locator('tr.ant-table-row').count()) === 1,
    );
  });
  await b.shot(page, 'directory');

  await b.step(page, 'directory-bad-import', async () => {
    await page
      .getByTestId('directory')
      .locator('input[type=file]')
      .setInputFiles({
        name: '组织机构.xlsx',
        mimeType: XLSX_TYPE,
        buffer: await handWrittenDirectory({
          users: [['zhaoxue', '赵雪', 'health', 'requester, overlord', '', '', '有效']],
        }),
      });
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.innerText()).toMatch(/用户 Users!D2\s*含有不存在的角色/);
  });
  expect(await h.t.db('users').where({ username: 'zhaoxue' }).first()).toBeUndefined();

  const newcomer = await b.signIn('wuli');
  await newcomer.getByTestId('signed-in-as').filter({ hasText: '吴立' }).waitFor();
});

it('shows a county administrator their county only', async () => {
  const page = await b.signIn('hegang');
  await b.step(page, 'directory-county', async () => {
    await page.goto(`${b.base}/directory`);
    await page.getByTestId('directory-users').getByText('何刚').waitFor();
    expect(await page.getByTestId('directory-users').innerText()).not.toContain('系统管理员');
    await page.getByRole('tab', { name: '部门' }).click();
    const rows = await page.getByTestId('directory-departments').locator('tr.ant-table-row').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0].trim()).sort()).toEqual(['renhe', 'renhe-civil-affairs']);
  });
});

it('warns the administrator of roles the processes need and no one holds', async () => {
  const admin = await h.as('admin');
  await h
    .http()
    .patch('/api/directory/users/zhoujie')
    .set(admin)
    .send({ roles: ['requester'] });
  const page = await b.signIn('admin');
  await b.step(page, 'directory-unheld', async () => {
    await page.goto(`${b.base}/directory`);
    const warning = page.getByTestId('unheld-roles');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/领导小组办公室\(市级,任一部门\):.*异议/);
  });
  await b.shot(page, 'directory-unheld');
  await h
    .http()
    .patch('/api/directory/users/zhoujie')
    .set(admin)
    .send({ roles: ['lg_office'] });
});
