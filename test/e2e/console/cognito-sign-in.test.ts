import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { consoleCsp } from '../../../infra/aws/constructs/console-hosting';
import { foreignRequests, launchChromium } from '../../support/browser';
import { startOAuthStandIn, type OAuthStandIn } from '../../support/oauth-stand-in';

/**
 * The console's Cognito sign-in (widget/src/console/cognito-sign-in.ts) in Chromium, against the
 * OAuth stand-in: the page and the "Cognito domain" are two origins, the page carries the
 * console's CSP, and the module is bundled by esbuild as the console is.
 */
const CLIENT_ID = 'cognito-sign-in-test-client';
/** A page that only runs the sign-in: it reads config.json as the console does and reports what resume() gave. */
const HARNESS = `
import { cognitoSignIn } from './cognito-sign-in';
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
const ready = fetch('config.json', { cache: 'no-store' }).then((r) => r.json()).then((config) => {
  const method = cognitoSignIn(config.signIn);
  const resumed = method.resume().then((tokens) => ({ ok: true, tokens }), (e) => ({ ok: false, name: e.name, message: e.message }));
  return { method, resumed };
});
(window as any).harness = { ready, violations };
`;

let browser: Browser;
let standIn: OAuthStandIn;
let harnessJs: string;
const files: Record<string, { type: string; body: string }> = {};
/** Headers the stand-in's page server sends: the CSP is filled in once the ports are known. */
const pageHeaders: Record<string, string> = {};

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: HARNESS, resolveDir: path.resolve('widget/src/console'), loader: 'ts', sourcefile: 'harness.ts' },
    bundle: true, format: 'iife', platform: 'browser', target: ['es2020'], write: false, logLevel: 'silent',
  });
  harnessJs = bundle.outputFiles[0]!.text;
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in test</title><script src="harness.js" defer></script></head><body><main>sign-in test</main></body></html>';
  Object.assign(files, {
    '/console/': { type: 'text/html; charset=utf-8', body: html },
    '/console/harness.js': { type: 'text/javascript', body: harnessJs },
  });
  [browser, standIn] = await Promise.all([
    launchChromium(),
    startOAuthStandIn({ clientId: CLIENT_ID, pageFiles: files, redirectPaths: ['/console/'], pageHeaders }),
  ]);
  const consoleUrl = `${standIn.pageOrigin}/console/`;
  files['/console/config.json'] = {
    type: 'application/json',
    body: JSON.stringify({ apiUrl: standIn.pageOrigin, signIn: { kind: 'cognito', domain: standIn.domain, clientId: CLIENT_ID, redirectUri: consoleUrl, logoutUri: consoleUrl } }),
  };
  // The console's own CSP, with the stand-in as the sign-in domain (the page's origin stands for the API).
  pageHeaders['content-security-policy'] = consoleCsp(standIn.pageOrigin, standIn.domain, standIn.domain);
});
afterAll(async () => {
  await browser?.close();
  await standIn?.close();
});

interface Resumed { ok: boolean; tokens?: { idToken: string; accessToken?: string; refreshToken?: string; expiresAt: number }; name?: string; message?: string }
const resumed = (page: Page) => page.evaluate('window.harness.ready.then((h) => h.resumed)') as Promise<Resumed>;
const storage = (page: Page) => page.evaluate('({ local: localStorage.length, session: Object.keys(sessionStorage), history: history.length })') as Promise<{ local: number; session: string[]; history: number }>;
const violations = (page: Page) => page.evaluate('window.harness.violations') as Promise<string[]>;
const tokenRequests = () => standIn.requests.filter((r) => r.path === '/oauth2/token');

async function openConsole() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const foreign = foreignRequests(page);
  await page.goto(`${standIn.pageOrigin}/console/`);
  return { context, page, foreign };
}

/** begin() navigates away and back: wait for the page that comes back with the code. */
async function signIn(page: Page): Promise<Resumed> {
  expect(await resumed(page)).toEqual({ ok: true }); // nothing to finish on a plain load
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/console/' && url.searchParams.has('code'), { waitUntil: 'commit' }),
    page.evaluate('window.harness.ready.then((h) => { h.method.begin(); })'),
  ]);
  await page.waitForFunction('window.harness !== undefined');
  return resumed(page);
}

test('full round trip: authorize with an S256 challenge, back with a code, exchanged once with the verifier; the URL cleaned, nothing stored', async () => {
  const { context, page, foreign } = await openConsole();
  const before = tokenRequests().length;
  const result = await signIn(page);
  expect(result).toEqual({ ok: true, tokens: { idToken: standIn.idTokens.at(-1), accessToken: expect.stringMatching(/^access-/), refreshToken: expect.any(String), expiresAt: expect.any(Number) } });
  expect(result.tokens!.expiresAt).toBeGreaterThan(Date.now() + 3500_000);

  const authorize = standIn.requests.filter((r) => r.path === '/oauth2/authorize').at(-1)!;
  expect(authorize.params).toEqual({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: `${standIn.pageOrigin}/console/`, scope: 'openid email profile aws.cognito.signin.user.admin',
    state: expect.stringMatching(/^[\w-]{22}$/), code_challenge: expect.stringMatching(/^[\w-]{43}$/), code_challenge_method: 'S256',
  });
  const exchanges = tokenRequests().slice(before);
  expect(exchanges).toHaveLength(1);
  expect(exchanges[0]).toEqual({
    path: '/oauth2/token', origin: standIn.pageOrigin,
    params: { grant_type: 'authorization_code', client_id: CLIENT_ID, code: expect.any(String), redirect_uri: `${standIn.pageOrigin}/console/`, code_verifier: expect.stringMatching(/^[\w-]{43}$/) },
  });
  expect(exchanges[0]!.params.code_verifier).not.toBe(authorize.params.code_challenge);

  // The code and state are gone from the address bar and from the history entry.
  expect(new URL(page.url()).search).toBe('');
  expect(await page.evaluate('location.href')).toBe(`${standIn.pageOrigin}/console/`);
  // Verifier and state were removed once used; tokens never written anywhere.
  expect(await storage(page)).toMatchObject({ local: 0, session: [] });
  expect(await violations(page)).toEqual([]);
  expect(foreign).toEqual([]);

  // A reload keeps nothing: tokens lived in memory only.
  await page.reload();
  expect(await resumed(page)).toEqual({ ok: true });
  await context.close();
});

test('the callback URL replayed (back button, a copied link) is refused by the page without a token request', async () => {
  const { context, page } = await openConsole();
  let callback = '';
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame() && frame.url().includes('code=')) callback = frame.url(); });
  expect((await signIn(page)).ok).toBe(true);
  await page.goto(callback);
  // No verifier and state are pending any more: the page does not even ask.
  const before = tokenRequests().length;
  expect(await resumed(page)).toMatchObject({ ok: false, name: 'SignInRefused' });
  expect(tokenRequests().length).toBe(before);
  expect(new URL(page.url()).search).toBe('');
  await context.close();
});

test('a wrong state is refused: the code is never exchanged, the pending verifier is gone, the URL is cleaned', async () => {
  const { context, page } = await openConsole();
  const before = tokenRequests().length;
  standIn.forgeNextState('forged-state-from-elsewhere');
  const result = await signIn(page);
  expect(result).toEqual({ ok: false, name: 'SignInRefused', message: expect.stringMatching(/state/) });
  expect(tokenRequests().length).toBe(before);
  expect(new URL(page.url()).search).toBe('');
  expect(await storage(page)).toMatchObject({ local: 0, session: [] });
  await context.close();
});

test('a code planted in a link, with no sign-in begun in this tab, is refused without a token request', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const before = tokenRequests().length;
  await page.goto(`${standIn.pageOrigin}/console/?code=planted&state=whatever`);
  expect(await resumed(page)).toMatchObject({ ok: false, name: 'SignInRefused' });
  expect(tokenRequests().length).toBe(before);
  expect(new URL(page.url()).search).toBe('');
  await context.close();
});

test('refresh: new tokens from the refresh token, which is kept; none once it is revoked', async () => {
  const { context, page } = await openConsole();
  const { tokens } = await signIn(page);
  const refreshed = (await page.evaluate(`window.harness.ready.then((h) => h.method.refresh(${JSON.stringify(tokens)}))`)) as Resumed['tokens'];
  expect(refreshed).toEqual({ idToken: standIn.idTokens.at(-1), accessToken: expect.stringMatching(/^access-/), refreshToken: tokens!.refreshToken, expiresAt: expect.any(Number) });
  expect(refreshed!.idToken).not.toBe(tokens!.idToken);
  expect(tokenRequests().at(-1)!.params).toEqual({ grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: tokens!.refreshToken });
  expect(await page.evaluate(`window.harness.ready.then((h) => h.method.refresh({ idToken: 'x', expiresAt: 0 }))`)).toBeUndefined(); // no refresh token: nothing to try
  standIn.revoked.length = 0;
  await page.evaluate(`fetch(${JSON.stringify(`${standIn.domain}/oauth2/revoke`)}, { method: 'POST', body: new URLSearchParams({ token: ${JSON.stringify(tokens!.refreshToken)}, client_id: ${JSON.stringify(CLIENT_ID)} }) })`);
  expect(await page.evaluate(`window.harness.ready.then((h) => h.method.refresh(${JSON.stringify(tokens)}))`)).toBeUndefined();
  expect(await storage(page)).toMatchObject({ local: 0, session: [] });
  await context.close();
});

test('sign-out revokes the refresh token, then goes through /logout back to the sign-out URL', async () => {
  const { context, page } = await openConsole();
  const { tokens } = await signIn(page);
  const revokedBefore = standIn.revoked.length;
  // The page is on /console/ already: wait for the trip through /logout itself, then for the page it lands on.
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/logout'),
    page.evaluate(`window.harness.ready.then((h) => h.method.signOut(${JSON.stringify(tokens)}))`).catch(() => undefined), // the page leaves
  ]);
  await page.waitForURL((url) => url.pathname === '/console/' && !url.search, { waitUntil: 'load' });
  expect(standIn.revoked.slice(revokedBefore)).toEqual([tokens!.refreshToken]);
  const revoke = standIn.requests.filter((r) => r.path === '/oauth2/revoke').at(-1)!;
  expect(revoke).toEqual({ path: '/oauth2/revoke', origin: standIn.pageOrigin, params: { token: tokens!.refreshToken, client_id: CLIENT_ID } });
  const logout = standIn.requests.filter((r) => r.path === '/logout').at(-1)!;
  expect(logout.params).toEqual({ client_id: CLIENT_ID, logout_uri: `${standIn.pageOrigin}/console/` });
  // Back on the console, signed out: nothing to resume, nothing stored, and the old refresh token is dead.
  await page.waitForFunction('window.harness !== undefined');
  expect(await resumed(page)).toEqual({ ok: true });
  expect(await storage(page)).toMatchObject({ local: 0, session: [] });
  expect(await page.evaluate(`window.harness.ready.then((h) => h.method.refresh(${JSON.stringify(tokens)}))`)).toBeUndefined();
  await context.close();
});
