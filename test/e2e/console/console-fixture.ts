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
