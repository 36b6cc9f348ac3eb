/**
 * Every page, in Chinese, as each kind of official sees it: no department
 * code, username, API code (a status, a step, a cycle) or English sentence
 * shows where a name or a Chinese message belongs. The cases behind the pages
 * are made first through the API, so each page has something to show.
 */
import type { Page } from 'playwright-core';
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { casesToWalk, pagesToWalk } from '../support/walk-cases';

const h = useApiHarness();
const b = useBrowser(h);

jest.setTimeout(600_000);

/** What may stand in Latin letters on a page: ids and codes of records, and names of things that have no Chinese. */
const ALLOWED = [
  /\b(SR|CR|DS|RF|SI|G|EX|XR)-[0-9A-Z-]*[0-9A-Z]\b/g, // case, grant and exchange ids
  /\b[A-Z]{2,3}-[A-Z0-9]{2,4}-\d{3}\b/g, // resource codes
  /\bEnglish\b/g, // the language switch
  /\bBPMN\.iO\b/g, // the diagram library's mark
  /\b(SLA|API|CSV|Excel|XLSX|PDF|SM3|OIDC|IP|ID)\b/g,
  /\b\d+(\.\d+)? (KB|MB)\b/g, // file sizes
  /\.(pdf|ofd|jpe?g|png|docx|xlsx)\b/gi, // attached files' names end in their type
];

/** The Latin words left on the page once ids, codes and allowed names are taken out. */
async function latinShown(page: Page): Promise<string[]> {
  let text = await page.locator('#root').innerText();
  for (const a of ALLOWED) text = text.replace(a, ' ');
  return [...new Set(text.match(/[A-Za-z][A-Za-z_@.-]*[A-Za-z]/g) ?? [])];
}

/**
 * The department codes and usernames of the directory that the page shows. The audit log's
 * page keeps its records' action codes and details as they were written (they are evidence),
 * but names the people and departments in them.
 */
async function directoryCodesShown(page: Page): Promise<string[]> {
  const codes: string[] = [
    ...(await h.t.db('departments').pluck('code')),
    ...(await h.t.db('users').pluck('username')),
  ];
  // A record's detail is shown as it was written; the people and departments around it by name.
  await page.addStyleTag({ content: '[data-testid="audit-detail"] { display: none !important; }' });
  const text = await page.locator('#root').innerText();
  return codes.filter((code) => new RegExp(`(^|[^A-Za-z0-9_.-])${code}($|[^A-Za-z0-9_-])`).test(text));
}

it('no code, username or English sentence on any page in Chinese mode', async () => {
  // Cases of every kind for the pages to show.
  const cases = await casesToWalk(h);
  const pages = pagesToWalk(cases).map(
    ([user, paths]) => [user, paths, user === 'xuhong' ? directoryCodesShown : latinShown] as const,
  );
  const found: Record<string, string[]> = {};
  for (const [user, paths, shown] of pages) {
    const page = await b.signIn(user);
    for (const p of paths) {
      await page.goto(`${b.base}${p}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      // The directory's own columns of usernames, codes and addresses are the records being kept.
      if (p === '/directory')
        await page.addStyleTag({ content: '.record-code { display: none !important; }' });
      const words = await shown(page);
      if (words.length) found[`${user} ${p}`] = words;
    }
  }
  expect(found).toEqual({});

  // A department's part of a reform reads by the department's name in the inbox.
  const steward = await b.signIn('zhaoqiang');
  await steward.goto(`${b.base}/inbox`);
  await steward
    .getByTestId('task-link')
    .filter({ hasText: `${cases.reformId} · 市人力资源和社会保障局` })
    .waitFor();
  await b.shot(steward, 'inbox-names');
});
