/**
 * A real browser for the web app's tests: Debian's Chromium (provisioned by
 * npm test) driven by playwright-core, headless, each run with a new empty
 * user-data dir (what playwright's launch() makes; never a default profile), and
 * the app served by the API on a real port. Every test saves screenshots to
 * test-output/screenshots; a failing step saves one named FAILED-… and says where,
 * and prints what the page met on the way: API answers of 400 and above, requests
 * that failed, and errors thrown in the page (a CI failure then explains itself).
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import type { ApiHarness } from './api-harness';

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserHarness {
  browser: Browser;
  base: string;
  /** A new browser context signed in as a demo user, at 1366×768 in Asia/Shanghai. */
  signIn(username: string): Promise<Page>;
  shot(page: Page, name: string): Promise<string>;
  /** Runs a step; if it fails, saves a screenshot of the page for the log, then fails. */
  step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T>;
}

/** What each page met that a failure report should show, oldest first, and its calls still unanswered. */
const seen = new WeakMap<Page, { met: string[]; pending: Map<Request, string> }>();

function watch(page: Page): void {
  const met: string[] = [];
  const pending = new Map<Request, string>();
  seen.set(page, { met, pending });
  const at = () => new Date().toISOString().slice(11, 23);
  page.on('request', (r) => {
    if (r.resourceType() === 'fetch' || r.resourceType() === 'xhr')
      pending.set(r, `${at()} ${r.method()} ${new URL(r.url()).pathname}`);
  });
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const line = `${at()} ${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`;
    const i = met.push(line) - 1;
    void r.text().then(
      (body) => (met[i] = `${line} ${body.slice(0, 300)}`),
      () => undefined,
    );
  });
  page.on('requestfailed', (r) => {
    pending.delete(r);
    met.push(`${at()} ${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText ?? '?'}`);
  });
  page.on('pageerror', (e) => met.push(`${at()} page error: ${e.message}`));
}

export function useBrowser(h: ApiHarness): BrowserHarness {
  const b = {} as BrowserHarness;
  let server: Server | undefined;

  beforeAll(async () => {
    const executablePath = process.env.GOVSHARE_CHROMIUM ?? '/usr/bin/chromium';
    if (!fs.existsSync(executablePath))
      throw new Error(
        `Chromium not found at ${executablePath}: run the tests with 'npm test', which provisions it.`,
      );
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    b.browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
    server = await new Promise<Server>((resolve) => {
      const s = h.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    b.base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    await b.browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
  });

  b.signIn = async (username) => {
    const context = await b.browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    watch(page);
    // Generous: CI runs two test files at once on two cores, beside the servers and the browser.
    page.setDefaultTimeout(60_000);
    return b.step(page, `sign-in-${username}`, async () => {
      await page.goto(`${b.base}/sign-in`);
      await page.getByTestId(`sign-in-${username}`).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
      return page;
    });
  };

  b.shot = async (page, name) => {
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };

  b.step = async (page, name, fn) => {
    try {
      return await fn();
    } catch (err) {
      const file = await b.shot(page, `FAILED-${name}`).catch(() => '(no screenshot)');
      const { met, pending } = seen.get(page) ?? { met: [], pending: new Map<Request, string>() };
      const list = (title: string, lines: string[]) =>
        lines.length ? `${title}:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : '';
      process.stderr.write(
        `browser step "${name}" failed at ${new Date().toISOString().slice(11, 23)}; screenshot: ${file}\n` +
          (list('the page met', met) || 'the page met no failed call and no page error\n') +
          list('calls still unanswered (since)', [...pending.values()]),
      );
      throw err;
    }
  };
  return b;
}
