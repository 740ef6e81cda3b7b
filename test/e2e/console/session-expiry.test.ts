import type { Browser, Page } from 'playwright-core';
import { EXPIRY_MARGIN_MS } from '../../../widget/src/console/session';
import { foreignRequests, launchChromium } from '../../support/browser';
import { createTherapist } from '../widget/widget-fixture';
import { asAdmin, asTherapist, consoleUrl, expectConsoleAccessible, http, openConsole } from './console-fixture';

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any, localStorage: any, sessionStorage: any;
type HTMLElement = any;
declare function getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string };

/*
 * The shell's own behaviour: a sign-in that ends mid-edit, API Gateway's CORS-less 401, the
 * keyboard, axe on every view, and what the browser keeps. The practice settings are the demo
 * practice's (other files read them): they are put back in afterAll.
 */
let browser: Browser;
let settingsBefore: Record<string, unknown> | undefined;
let therapistName: string;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const adminToken = async () => (await http('POST', '/_local/token', { therapistId: 'session-expiry-admin', role: 'admin' })).json.token as string;
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number; iat: number };

beforeAll(async () => {
  let id: string;
  [browser, id] = await Promise.all([launchChromium(), createTherapist('sessionexpiry')]);
  therapistName = (await http('GET', '/v1/admin/therapists', undefined, bearer(await adminToken()))).json.therapists.find((t: { id: string }) => t.id === id).displayName;
  settingsBefore = (await http('GET', '/v1/admin/settings', undefined, bearer(await adminToken()))).json.settings;
});
afterAll(async () => {
  if (settingsBefore) await http('PUT', '/v1/admin/settings', settingsBefore, bearer(await adminToken()));
  await browser?.close();
});

/**
 * Opens the console with the local sign-in page asking for tokens of `lifetime` seconds: the page's
 * request to `/_local/token` is rewritten on its way (a test-only change; the product asks for the
 * default hour). Returns the page and the end of each token issued, in ms.
 */
async function openWithShortSignIn(lifetime: number, route: string) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const foreign = foreignRequests(page);
  const issued: { token: string; endsAt: number }[] = [];
  await page.route('**/_local/token', async (r) => {
    const body = { ...JSON.parse(r.request().postData() ?? '{}'), expiresInSeconds: lifetime };
    const response = await r.fetch({ postData: JSON.stringify(body) });
    const { token } = (await response.json()) as { token: string };
    issued.push({ token, endsAt: claims(token).exp * 1000 });
    await r.fulfill({ response, json: { token } });
  });
  await page.goto(consoleUrl + route);
  await page.getByRole('button', { name: asAdmin }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { page, errors, foreign, issued };
}

const sessionEnded = 'Your sign-in ended. Sign in again to go on: what you were editing is kept.';

async function expectNothingKeptButTheDraft(page: Page, tokens: string[]) {
  const stored = await page.evaluate(() => ({ local: localStorage.length, cookie: document.cookie, session: Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k) ?? '') }));
  expect(stored.local).toBe(0);
  expect(stored.cookie).toBe('');
  for (const token of tokens) for (const value of stored.session) expect(value).not.toContain(token.split('.')[2]);
}

test('a sign-in that ends mid-edit: Save brings the sign-in page, signing in again brings the edit back, and Save then works', async () => {
  // Longer than the shell's margin, so the settings load before the shell counts the token as ended.
  const { page, errors, foreign, issued } = await openWithShortSignIn(Math.ceil(EXPIRY_MARGIN_MS / 1000) + 6, '#/admin/settings');
  const senderName = page.getByLabel('Sender name');
  await senderName.waitFor();
  await senderName.fill('Expiry Test Sender');
  const first = issued[0]!;
  // Waits until the token has really ended (the API itself would refuse it now), then saves.
  await page.waitForFunction((endsAt) => Date.now() > endsAt, first.endsAt, { timeout: 60_000, polling: 250 });
  expect((await http('GET', '/v1/admin/settings', undefined, bearer(first.token))).status).toBe(401);
  await page.getByRole('button', { name: 'Save settings' }).click();

  await page.getByRole('alert').filter({ hasText: sessionEnded }).waitFor();
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  await expectNothingKeptButTheDraft(page, [first.token]);
  // Nothing was saved with the ended token.
  expect((await http('GET', '/v1/admin/settings', undefined, bearer(await adminToken()))).json.settings.senderName).toBe(settingsBefore!.senderName);

  await page.unroute('**/_local/token');
  await page.getByRole('button', { name: asAdmin }).click();
  await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Your unsaved changes are back; nothing was saved yet.' }).waitFor();
  expect(await page.getByLabel('Sender name').inputValue()).toBe('Expiry Test Sender');
  expect(page.url()).toMatch(/#\/admin\/settings$/);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  expect((await http('GET', '/v1/admin/settings', undefined, bearer(await adminToken()))).json.settings.senderName).toBe('Expiry Test Sender');
  await http('PUT', '/v1/admin/settings', settingsBefore, bearer(await adminToken()));
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

/*
 * API Gateway's JWT authorizer answers an ended token with a 401 without CORS headers: to the page
 * that is a failed fetch, not a 401 (decision 37: Playwright's route.fulfill skips Chromium's CORS
 * check, so a CORS-hidden answer is produced as the failed fetch the page would see). A failed fetch
 * is all the console can know, so what it can do is: an ended token and a failed call → sign in
 * again; a live token and a failed call → "could not be reached", still signed in. A token the
 * gateway refuses before its end (revoked, a skewed clock) behind a CORS-less 401 cannot be told
 * from an outage; a readable 401 (the functions' own, with CORS headers) brings the sign-in.
 */
test('a call that fails after the token ended (the gateway’s CORS-less 401) brings the sign-in, keeping the edit', async () => {
  const { page, errors, issued } = await openWithShortSignIn(Math.ceil(EXPIRY_MARGIN_MS / 1000) + 8, '#/admin/settings');
  await page.getByLabel('Sender name').fill('Cors Less');
  const first = issued[0]!;
  let aborted = 0;
  await page.route('**/v1/admin/settings', async (r) => {
    if (r.request().method() !== 'PUT') return r.fallback();
    // Held until the shell counts the token as ended, as if the gateway had checked it then.
    await page.waitForFunction((endsAt) => Date.now() > endsAt, first.endsAt - EXPIRY_MARGIN_MS, { timeout: 60_000, polling: 250 });
    aborted++;
    await r.abort('failed');
  });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('alert').filter({ hasText: sessionEnded }).waitFor();
  expect(aborted).toBe(1);
  await page.unroute('**/v1/admin/settings');
  await page.unroute('**/_local/token');
  await page.getByRole('button', { name: asAdmin }).click();
  await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
  await page.getByLabel('Sender name').waitFor();
  expect(await page.getByLabel('Sender name').inputValue()).toBe('Cors Less');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a failed call with a live token says the service could not be reached and keeps the user signed in and the edit on screen', async () => {
  const { page, errors } = await openConsole(browser, asAdmin, {}, '#/admin/settings');
  await page.getByLabel('Sender name').fill('Network Down');
  await page.route('**/v1/admin/settings', (r) => (r.request().method() === 'PUT' ? r.abort('failed') : r.fallback()));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('alert').filter({ hasText: 'The booking service could not be reached.' }).waitFor();
  expect(await page.getByRole('heading', { name: 'Sign in to the practice console' }).count()).toBe(0);
  expect(await page.getByLabel('Sender name').inputValue()).toBe('Network Down');
  await page.unroute('**/v1/admin/settings');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a readable 401 for a token the console thought live (revoked, or a clock ahead) brings the sign-in with the edit kept', async () => {
  const { page, errors } = await openConsole(browser, asAdmin, {}, '#/admin/settings');
  await page.getByLabel('Sender name').fill('Refused Early');
  await page.route('**/v1/admin/settings', (r) =>
    r.request().method() === 'PUT'
      ? r.fulfill({ status: 401, headers: { 'access-control-allow-origin': '*' }, json: { error: { code: 'unauthorized', message: 'Sign in again.' } } })
      : r.fallback(),
  );
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('alert').filter({ hasText: sessionEnded }).waitFor();
  await page.unroute('**/v1/admin/settings');
  await page.getByRole('button', { name: asAdmin }).click();
  await page.getByLabel('Sender name').waitFor();
  expect(await page.getByLabel('Sender name').inputValue()).toBe('Refused Early');
  expect(errors).toEqual([]);
  await page.context().close();
});

/** Presses Tab until the focused element is the one named (wrapping round the page), at most `limit` times. */
async function tabTo(page: Page, name: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() : '';
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

const focusVisible = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });

test('keyboard only: signing in, the skip link, the menu and signing out', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(consoleUrl);
  await page.getByRole('button', { name: asAdmin }).waitFor();
  await tabTo(page, 'Sign in as Practice administrator');
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  await tabTo(page, 'Skip to content');
  const skip = await page.getByRole('link', { name: 'Skip to content' }).boundingBox();
  expect(skip && skip.y >= 0 && skip.height >= 24).toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

  await tabTo(page, 'Practice settings');
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Practice settings', level: 1 }).waitFor();
  await page.getByLabel('Sender name').waitFor();
  expect(page.url()).toMatch(/#\/admin\/settings$/);
  // The first Tab after the view opened goes into the view, not back to the top of the page.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  expect(await focusVisible(page)).toBe(true);

  await tabTo(page, 'Therapists');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Therapists', level: 1 }).waitFor();
  // Loaded: the shell then puts focus on the view's heading.
  await page.getByRole('heading', { name: 'Add a therapist' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await tabTo(page, 'Sign out');
  expect(await focusVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  await context.close();
});

/** Opens each entry of the menu in turn and runs axe on it, at desktop width and at 320 px. */
async function everyViewAccessible(page: Page, who: string) {
  const links = page.getByRole('navigation', { name: 'Main menu' }).getByRole('link');
  const names = await links.allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.waitForFunction(() => !document.querySelector('.view-body')?.textContent?.startsWith('Loading'));
      expect(await page.getByText('This page could not be loaded.').count()).toBe(0);
      expect({ view: name, width, scroll: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ view: name, width, scroll: width });
      await expectConsoleAccessible(page, `${who}: ${name} at ${width} px`);
    }
  }
}

test('axe finds nothing serious on any view, at desktop width and at 320 px; nothing kept in storage, nothing asked of other hosts', async () => {
  for (const account of [asAdmin, asTherapist(therapistName)]) {
    const { page, errors, foreign } = await openConsole(browser, account, { viewport: { width: 1280, height: 900 } });
    await everyViewAccessible(page, String(account));
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([0, 0, '']);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }
});
