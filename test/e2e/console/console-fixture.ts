import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { foreignRequests } from '../../support/browser';
import { api, http } from '../widget/widget-fixture';

export { api, http };
export const consoleUrl = `${api}/console/`;

export interface ConsolePage {
  page: Page;
  /** Requests to any host but the local runtime: there must be none. */
  foreign: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

/**
 * Opens the console in a fresh context and signs in on the local sign-in page as the account whose
 * label matches; `base` is the runtime (a test file's own, when it changes what others read).
 */
export async function openConsole(browser: Browser, account: RegExp, options: BrowserContextOptions = {}, route = '', base = api): Promise<ConsolePage> {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const foreign = foreignRequests(page);
  await page.goto(`${base}/console/${route}`);
  await page.getByRole('button', { name: account }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, foreign, errors };
}

/**
 * Opens the console at `route` (1024×900) and signs in as `account` with a token that ends 3 s after
 * sign-in for the console (it counts a token ended 30 s before its expiry): the page's request to
 * the local issuer asks for 33 s instead of the default hour (a test-only change), for this one
 * sign-in. `signInEnded` waits until then (a condition, not a guess), so the next save finds the
 * sign-in ended mid-edit.
 */
export async function openWithSignInEndingSoon(browser: Browser, account: RegExp, route: string, heading: string) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let expiresAt = 0;
  await context.route('**/_local/token', async (request) => {
    const response = await request.fetch({ postData: JSON.stringify({ ...JSON.parse(request.request().postData()!), expiresInSeconds: 33 }) });
    const { token } = (await response.json()) as { token: string };
    expiresAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    await request.fulfill({ response });
  });
  await page.goto(`${consoleUrl}${route}`);
  await page.getByRole('button', { name: account }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await context.unroute('**/_local/token');
  const signInEnded = async () => {
    await page.waitForFunction((end) => Date.now() >= end - 30_000, expiresAt, { polling: 200, timeout: 15_000 });
  };
  return { context, page, errors, signInEnded };
}

/** The account label the local sign-in page shows for a therapist created by a test. */
export const asTherapist = (displayName: string) => new RegExp(`^Sign in as ${displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(therapist\\)$`);
export const asAdmin = /^Sign in as Practice administrator$/;

/** axe on the whole page: no serious or critical violation. */
export async function expectConsoleAccessible(page: Page, step: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${step}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

/**
 * A screenshot as a test artifact (test-artifacts/console/, git-ignored); with UPDATE_SCREENSHOTS=1
 * also the README's copy in docs/images/, so an ordinary test run leaves the working tree clean.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const targets = [path.resolve('test-artifacts/console'), ...(process.env.UPDATE_SCREENSHOTS === '1' ? [path.resolve('docs/images')] : [])];
  for (const dir of targets) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: options.fullPage ?? false });
  }
}
