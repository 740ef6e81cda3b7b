import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { asAdmin, consoleUrl, expectConsoleAccessible, http, openConsole } from './console-fixture';

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

test('the local sign-in page says it is local only and lists the demo therapist and an administrator', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(consoleUrl);
  await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  await page.getByText(/Local runtime only\./).waitFor();
  const buttons = await page.getByRole('button').allInnerTexts();
  expect(buttons).toEqual(expect.arrayContaining(['Sign in as Dr. Robin Hale (therapist)', 'Sign in as Practice administrator']));
  await expectConsoleAccessible(page, 'sign-in page');
  await context.close();
});

test('a therapist sees their own views, an administrator only the practice views, and signing out ends the session', async () => {
  const therapist = await openConsole(browser, /Robin Hale/);
  const menu = therapist.page.getByRole('navigation', { name: 'Main menu' });
  // The Requests link carries a count when any request waits (other files share the demo therapist): the views are what is compared.
  expect((await menu.getByRole('link').allInnerTexts()).map((t) => t.split('\n')[0]!.replace(/ \d+$/, ''))).toEqual(['Requests', 'Week', 'Standing appointments', 'Hours', 'Days off and time off', 'Session types', 'Calendar feed', 'Other calendars', 'Two-step sign-in']);
  await therapist.page.getByRole('button', { name: 'Sign out' }).click();
  await therapist.page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
  // Tokens were in memory only: nothing of the sign-in is left in the browser's storage.
  const stored = await therapist.page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]');
  expect(stored).toEqual([0, 0, '']);
  await therapist.page.getByRole('button', { name: asAdmin }).click();
  await therapist.page.getByRole('button', { name: 'Sign out' }).waitFor();
  expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Therapists', 'Practice settings', 'Practice data', 'Audit log', 'Two-step sign-in']);
  expect(therapist.foreign).toEqual([]);
  expect(therapist.errors).toEqual([]);
  await therapist.page.context().close();
});

test('the console page forbids inline script and style, framing and every other origin', async () => {
  const page = await http('GET', '/console/');
  const csp = page.headers.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp).toContain(directive);
  expect(csp).not.toContain('unsafe-inline');
  const config = await http('GET', '/console/config.json');
  expect(config.json).toMatchObject({ signIn: { kind: 'local', accountsUrl: '/_local/accounts', tokenUrl: '/_local/token' } });
});

test('the local token endpoint refuses a lifetime it cannot give, and a short one ends when it says', async () => {
  const refused = await http('POST', '/_local/token', { therapistId: 'demo', expiresInSeconds: 7200 });
  expect(refused.status).toBe(400);
  const short = await http('POST', '/_local/token', { therapistId: 'demo', expiresInSeconds: 5 });
  const claims = JSON.parse(Buffer.from((short.json.token as string).split('.')[1]!, 'base64url').toString());
  expect(claims.exp - claims.iat).toBe(5);
});
