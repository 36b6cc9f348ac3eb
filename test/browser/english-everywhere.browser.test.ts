/**
 * Every page, in English, as each kind of official sees it: no Chinese shows
 * where the app speaks (menus, labels, headings, statuses, steps, department
 * and role names, messages). Chinese stays where people wrote it or where the
 * record has no English: what users typed, people's names, the catalogue's
 * entries, holiday names and the numbers of national documents cited.
 */
import type { Page } from 'playwright-core';
import { useApiHarness } from '../support/api-harness';
import { useBrowser } from '../support/browser';
import { casesToWalk, pagesToWalk } from '../support/walk-cases';

const h = useApiHarness();
const b = useBrowser(h);

jest.setTimeout(600_000);

/** Runs of Chinese characters and full-width punctuation. */
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;

/** The Chinese the records hold and show as they are, longest first (so a name is taken out before its parts). */
async function recordedChinese(typed: string[]): Promise<string[]> {
  const db = h.t.db;
  const texts = [
    ...typed,
    ...(await db('users').pluck('display_name')),
    ...(await db('resources').pluck('name')),
    ...(await db('resources').pluck('summary')),
    ...(await db('resources').whereNotNull('legal_basis').pluck('legal_basis')),
    ...(await db('resource_items').pluck('name')),
    ...(await db('resource_conditions').pluck('question')),
    ...(await db('calendar_days').whereNotNull('name').distinct().pluck('name')),
    ...(await db('calendar_years').distinct().pluck('source')),
    '国发〔2016〕51号第十三条', // a national document's number, cited as it is numbered
  ];
  return [...new Set(texts.filter(Boolean))].sort((a, b) => b.length - a.length);
}

/** The Chinese left on the page once what the records hold is taken out. */
async function chineseShown(page: Page, recorded: string[]): Promise<string[]> {
  // A record's detail is shown as it was written (evidence), whatever its language; the
  // language switch offers 中文 in Chinese.
  await page.addStyleTag({
    content: '[data-testid="audit-detail"], [data-testid="language"] { display: none !important; }',
  });
  let text = await page.locator('#root').innerText();
  for (const r of recorded) text = text.split(r).join(' ');
  return [...new Set(text.match(CHINESE) ?? [])];
}

it('no Chinese where the app speaks, on any page in English mode', async () => {
  const cases = await casesToWalk(h);
  const recorded = await recordedChinese(cases.typed);
  const found: Record<string, string[]> = {};
  for (const [user, paths] of pagesToWalk(cases)) {
    const page = await b.signIn(user);
    await page.getByTestId('language').click(); // remembered for the session's pages
    for (const p of paths) {
      await page.goto(`${b.base}${p}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      const words = await chineseShown(page, recorded);
      if (words.length) found[`${user} ${p}`] = words;
    }
    if (user === 'zhangwei') await b.shot(page, 'english-case');
    await page.context().close();
  }
  expect(found).toEqual({});
});
