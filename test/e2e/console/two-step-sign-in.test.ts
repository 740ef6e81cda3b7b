import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { consoleCsp } from '../../../infra/aws/constructs/console-hosting';
import { foreignRequests, launchChromium } from '../../support/browser';
import { startOAuthStandIn, type OAuthStandIn } from '../../support/oauth-stand-in';
import { totp } from '../../support/totp';
import { asAdmin, expectConsoleAccessible, openConsole } from './console-fixture';

/**
 * Two-step sign-in (widget/src/console/security-view.ts) in Chromium: the console's own shell,
 * signed in through the Cognito sign-in against the OAuth stand-in, whose user API plays Cognito's
 * GetUser / AssociateSoftwareToken / VerifySoftwareToken / SetUserMFAPreference with real TOTP
 * checks. The page and the stand-in are two origins and the page carries the console's CSP; the
 * test computes each code from the key the page shows, as the user's app would. The shell is given
 * the stand-in as its user API (in AWS: `cognito-idp.<region>.amazonaws.com`, from config.json).
 */
// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any;

const CLIENT_ID = 'two-step-sign-in-test-client';
const ISSUER = 'Harbor Light';
const HARNESS = `
import { allViews } from './all-views';
import { cognitoSignIn } from './cognito-sign-in';
import { ConsoleShell } from './console-app';
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
(window as any).violations = violations;
fetch('config.json', { cache: 'no-store' }).then((r) => r.json()).then((config) => {
  const root = document.getElementById('app')!;
  const facts = { kind: 'cognito' as const, userApiUrl: config.userApiUrl, mfa: config.signIn.mfa, issuer: config.signIn.issuer };
  return new ConsoleShell(root, config.apiUrl, cognitoSignIn(config.signIn), allViews, facts).start();
});
`;

let browser: Browser;
let standIn: OAuthStandIn;
const files: Record<string, { type: string; body: string | Buffer }> = {};
const pageHeaders: Record<string, string> = {};
const setPool = (mfa: 'optional' | 'required') => {
  const consoleUrl = `${standIn.pageOrigin}/console/`;
  files['/console/config.json'] = {
    type: 'application/json',
    body: JSON.stringify({
      apiUrl: standIn.pageOrigin,
      userApiUrl: `${standIn.domain}/`,
      signIn: { kind: 'cognito', domain: standIn.domain, clientId: CLIENT_ID, redirectUri: consoleUrl, logoutUri: consoleUrl, region: 'eu-west-1', mfa, issuer: ISSUER },
    }),
  };
};

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: HARNESS, resolveDir: path.resolve('widget/src/console'), loader: 'ts', sourcefile: 'harness.ts' },
    bundle: true, format: 'iife', platform: 'browser', target: ['es2020'], write: false, logLevel: 'silent',
  });
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Practice console</title>'
    + '<link rel="stylesheet" href="console.css"><script src="harness.js" defer></script></head><body><div id="app"></div></body></html>';
  Object.assign(files, {
    '/console/': { type: 'text/html; charset=utf-8', body: html },
    '/console/harness.js': { type: 'text/javascript', body: bundle.outputFiles[0]!.text },
    '/console/console.css': { type: 'text/css', body: readFileSync('widget/src/console/console.css') },
    // The admin's first view, opened after sign-in: the page's origin stands for the API.
    '/v1/admin/therapists': { type: 'application/json', body: JSON.stringify({ therapists: [] }) },
  });
  [browser, standIn] = await Promise.all([
    launchChromium(),
    startOAuthStandIn({ clientId: CLIENT_ID, pageFiles: files, redirectPaths: ['/console/'], pageHeaders, idTokenClaims: { 'cognito:groups': ['admin'] } }),
  ]);
  setPool('optional');
  // The console's own CSP: the page's origin stands for the API, the stand-in for both Cognito hosts.
  pageHeaders['content-security-policy'] = consoleCsp(standIn.pageOrigin, standIn.domain, standIn.domain);
});
afterAll(async () => {
  await browser?.close();
  await standIn?.close();
});

const lastToken = () => standIn.userApiCalls.at(-1)!.body.AccessToken as string;
const calls = (op: string) => standIn.userApiCalls.filter((c) => c.target === `AWSCognitoIdentityProviderService.${op}`);

/** A fresh browser: the shell sends it to the stand-in's authorize and back, signed in as a new user. */
async function signedIn(width = 1280): Promise<{ page: Page; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const foreign = foreignRequests(page);
  await page.goto(`${standIn.pageOrigin}/console/`);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Two-step sign-in' }).click();
  await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
  await page.getByText(/^Two-step sign-in is (on|off):/).waitFor();
  return { page, foreign, errors };
}

/** Starts the set-up and reads the key as shown (groups of four), and the link for an app on this device. */
async function startSetup(page: Page): Promise<{ shown: string; secret: string; link: string }> {
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const key = page.getByLabel('Setup key');
  await key.waitFor();
  const shown = await key.inputValue();
  const link = (await page.getByRole('link', { name: 'Open in an authenticator app on this device' }).getAttribute('href'))!;
  return { shown, secret: shown.replace(/ /g, ''), link };
}

test('enrol: the key in groups of four and an otpauth link, the app\'s code turns it on; the calls are Cognito\'s, with the access token in the body', async () => {
  const { page, foreign, errors } = await signedIn();
  await page.getByText('Two-step sign-in is off: signing in asks for your password only.').waitFor();
  await expectConsoleAccessible(page, 'two-step sign-in off');
  const { shown, secret, link } = await startSetup(page);
  const user = standIn.userOf(lastToken())!;
  expect(secret).toBe(user.pendingSecret);
  expect(shown).toMatch(/^(?:[A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  expect(await page.evaluate(() => document.activeElement?.value)).toBe(shown); // focus on the key
  // The Key URI format: the issuer is the discreet name from config.json, the account the sign-in's email.
  const url = new URL(link);
  expect(link.startsWith(`otpauth://totp/Harbor%20Light:${encodeURIComponent(user.email)}?`)).toBe(true);
  expect(Object.fromEntries(url.searchParams)).toEqual({ secret, issuer: ISSUER, algorithm: 'SHA1', digits: '6', period: '30' });
  expect(link).not.toMatch(/therap|sex|couple/i);
  await page.getByText('The app lists it as “Harbor Light”.').waitFor();
  await expectConsoleAccessible(page, 'two-step set-up');

  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.keyboard.press('Enter'); // the form submits from the keyboard
  await page.getByText('Two-step sign-in is on: signing in asks for a code from your authenticator app.').waitFor();
  expect(user).toMatchObject({ totpEnabled: true, totpPreferred: true, secret });
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Two-step sign-in is on. Your next sign-in asks for a code from the app.' }).waitFor();

  const mine = standIn.userApiCalls.filter((c) => standIn.userOf(c.body.AccessToken as string) === user);
  expect(mine.map((c) => c.target.replace('AWSCognitoIdentityProviderService.', ''))).toEqual(['GetUser', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'SetUserMFAPreference']);
  for (const call of mine) expect(call.headers).toEqual({ 'content-type': 'application/x-amz-json-1.1', authorization: undefined, origin: standIn.pageOrigin });
  expect(mine[2]!.body).toEqual({ AccessToken: expect.stringMatching(/^access-/), UserCode: expect.stringMatching(/^\d{6}$/), FriendlyDeviceName: 'Authenticator app' });
  expect(mine[3]!.body).toEqual({ AccessToken: expect.any(String), SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  // A reload (a new sign-in, the same user) reads the state back from GetUser.
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Two-step sign-in' }).click();
  await page.getByText(/^Two-step sign-in is on:/).waitFor();

  expect(await page.evaluate('window.violations')).toEqual([]);
  expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]); // the secret was never stored
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a wrong code is refused at the field and changes nothing; a code that is not 6 digits is refused without asking Cognito', async () => {
  const { page } = await signedIn(320);
  const { secret } = await startSetup(page);
  const user = standIn.userOf(lastToken())!;
  const code = page.getByLabel('Code from the app');

  const verifies = calls('VerifySoftwareToken').length;
  await code.fill('12 34a');
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByText('Type the 6 digits the app shows, without spaces.').waitFor();
  expect(calls('VerifySoftwareToken').length).toBe(verifies);

  const right = totp(secret);
  const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
  await code.fill(wrong);
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByText(/^That code does not match\./).waitFor();
  expect(await code.getAttribute('aria-invalid')).toBe('true');
  const described = (await code.getAttribute('aria-describedby'))!.split(' ');
  const errorId = await page.getByText(/^That code does not match\./).getAttribute('id');
  expect(described).toContain(errorId);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true'); // focus on the field in error
  expect(calls('VerifySoftwareToken').length).toBe(verifies + 1);
  expect(user).toMatchObject({ totpEnabled: false, pendingSecret: secret });
  expect(user.secret).toBeUndefined();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
  await expectConsoleAccessible(page, 'two-step wrong code at 320 px');

  // The user types the right one: on.
  await code.fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByText(/^Two-step sign-in is on:/).waitFor();
  await page.context().close();
});

test('turning it off (optional pool) asks first, then Cognito turns TOTP off', async () => {
  const { page } = await signedIn();
  const { secret } = await startSetup(page);
  const user = standIn.userOf(lastToken())!;
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();

  const dialog = page.getByRole('dialog', { name: 'Turn off two-step sign-in?' });
  await dialog.getByRole('button', { name: 'Keep it' }).click(); // kept: nothing asked of Cognito
  expect(user.totpEnabled).toBe(true);
  await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
  await expectConsoleAccessible(page, 'two-step turn-off dialog');
  await dialog.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
  await page.getByText('Two-step sign-in is off: signing in asks for your password only.').waitFor();
  expect(user).toMatchObject({ totpEnabled: false, totpPreferred: false });
  expect(calls('SetUserMFAPreference').at(-1)!.body.SoftwareTokenMfaSettings).toEqual({ Enabled: false, PreferredMfa: false });
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).waitFor();
  await page.context().close();
});

test('a pool that requires two-step sign-in: on, said so, and no way to turn it off', async () => {
  setPool('required');
  try {
    const { page } = await signedIn();
    const { secret } = await startSetup(page);
    await page.getByLabel('Code from the app').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByText(/^Two-step sign-in is on:/).waitFor();
    await page.getByText('The practice requires two-step sign-in for every sign-in, so it cannot be turned off here.').waitFor();
    expect(await page.getByRole('button', { name: /turn off/i }).count()).toBe(0);
    await expectConsoleAccessible(page, 'two-step required');
    await page.context().close();
  } finally {
    setPool('optional');
  }
});

test('a refused access token is refreshed once; a sign-in that ended signs in again and comes back to this view', async () => {
  const { page } = await signedIn();
  // Refused (revoked or ended): the refresh token gets a new access token, and the call goes through.
  standIn.refuseAccessToken(lastToken());
  await startSetup(page);
  const associates = calls('AssociateSoftwareToken').slice(-2);
  expect(associates.map((c) => c.body.AccessToken === associates[0]!.body.AccessToken)).toEqual([true, false]);

  // Ended altogether (the refresh token revoked too): the console signs in again, back on this view.
  const authorizes = standIn.requests.filter((r) => r.path === '/oauth2/authorize').length;
  standIn.endSignIn(lastToken());
  await page.getByLabel('Code from the app').fill('123456');
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.waitForURL((url) => url.searchParams.has('code'), { waitUntil: 'commit' });
  await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
  await page.getByText(/^Two-step sign-in is off:/).waitFor();
  expect(standIn.requests.filter((r) => r.path === '/oauth2/authorize').length).toBe(authorizes + 1);
  expect(new URL(page.url()).hash).toBe('#/security');
  // Nothing of the set-up was kept for the way back: a new key is asked for.
  expect(await page.getByLabel('Setup key').count()).toBe(0);
  expect(await page.evaluate('sessionStorage.length')).toBe(0);
  await page.context().close();
});

test('in the local runtime the view says two-step sign-in is set up on the practice\'s Cognito sign-in in AWS', async () => {
  const { page, foreign, errors } = await openConsole(browser, asAdmin);
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  await menu.getByRole('link', { name: 'Two-step sign-in' }).click();
  await page.getByRole('heading', { name: 'Two-step sign-in', level: 1 }).waitFor();
  await page.getByText('Two-step sign-in is set up on the practice’s Cognito sign-in, in AWS. It is not available in the local runtime, which signs in without a password.').waitFor();
  expect(await page.getByRole('button', { name: /two-step/i }).count()).toBe(0);
  await expectConsoleAccessible(page, 'two-step sign-in, local');
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await page.context().close();
});
