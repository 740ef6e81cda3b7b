import http from 'node:http';
import net from 'node:net';
import { ROUTES } from '../../infra/routes';
import { MAX_HEADER_BYTES, MAX_URL_BYTES, NODE_MAX_HEADER_BYTES } from '../../infra/local/http-gateway';
import { API_CSP } from '../../shared/http/security-headers';
import { launchChromium } from '../support/browser';

// What page.evaluate's functions see: the page's globals (the project's types are Node's only).
declare const document: any;
declare const getComputedStyle: any;

/**
 * Issue 17's headers, over HTTP against `npm start`: every route of the route table (iterated, not
 * listed), each of the local gateway's own errors, the `.ics` feed, the pages and their assets.
 */
const api = process.env.E2E_API!;
const { hostname, port } = new URL(api);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with node:http, so a test controls the method, the URL and the headers byte for byte. */
function request(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes written straight to the socket (what an HTTP client refuses to send), and the whole answer read back. */
function rawRequest(bytes: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (c) => (data += c));
    socket.on('end', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head!.split('\r\n');
      const headers: http.IncomingHttpHeaders = {};
      for (const line of lines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.on('error', reject);
    socket.write(bytes);
  });
}

/** What every API answer carries (the gateway's own answers and every handler's). */
function expectApiHeaders(answer: Answer, what: string, { noStore = true } = {}): void {
  const seen = { what, nosniff: answer.headers['x-content-type-options'], csp: answer.headers['content-security-policy'], referrer: answer.headers['referrer-policy'] };
  expect(seen).toEqual({ what, nosniff: 'nosniff', csp: API_CSP, referrer: 'no-referrer' });
  if (noStore) expect({ what, cache: answer.headers['cache-control'] }).toEqual({ what, cache: 'no-store' });
}

/** An error in the contract's shape with this code. */
function expectError(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, code: JSON.parse(answer.body).error?.code }).toEqual({ status, code });
  expect(typeof JSON.parse(answer.body).error.message).toBe('string');
}

async function localToken(therapistId: string, role: 'therapist' | 'admin'): Promise<string> {
  const answer = await request('POST', '/_local/token', {}, JSON.stringify({ therapistId, role }));
  return JSON.parse(answer.body).token as string;
}

let admin: string;
let therapist: string;
let therapistId: string;

beforeAll(async () => {
  admin = await localToken('local-admin', 'admin');
  // A therapist of this file's own: the route walk below may change their data, nobody else's.
  const created = await request('POST', '/v1/admin/therapists', { authorization: `Bearer ${admin}` },
    JSON.stringify({ displayName: 'Header Walk', email: `headers-${Date.now()}@practice.example`, timeZone: 'Europe/Berlin' }));
  expect(created.status).toBe(201);
  therapistId = JSON.parse(created.body).therapist.id;
  therapist = await localToken(therapistId, 'therapist');
});

const signedInStatus = new Map<string, number>();

describe('every route of the route table', () => {
  // Path variables get a value no item has: each route answers (a 2xx, 400, 403 or 404), and changes nothing of anyone else's.
  const concrete = (path: string) => path.replace(/\{proxy\+\}/, 'v1/therapists').replace(/\{therapistId\}/, 'no-such-therapist').replace(/\{date\}/, '2030-01-01').replace(/\{\w+\}/g, 'no-such-item');

  test.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers with the API security headers, signed in or not', async (_name, route) => {
    const path = concrete(route.path);
    // A body that is not JSON: every write is refused (400) before it changes the shared runtime's data
    // (a partial settings PUT of `{}` would be a write); the reads answer for real.
    const body = route.method === 'POST' || route.method === 'PUT' ? '{"not json' : undefined;
    const token = route.operationId.endsWith('Admin') || /admin/.test(route.path) ? admin : therapist;
    const signedIn = await request(route.method, path, { authorization: `Bearer ${token}`, origin: 'https://elsewhere.example' }, body);
    expect(signedIn.status).toBeLessThan(500);
    signedInStatus.set(`${route.method} ${route.path}`, signedIn.status);
    // The OpenAPI document is the one public, cacheable answer: it holds no personal data.
    expectApiHeaders(signedIn, `${route.method} ${path} signed in (${signedIn.status})`, { noStore: route.operationId !== 'getOpenApi' });
    const anonymous = await request(route.method, path, {}, body);
    expect(anonymous.status).toBeLessThan(500);
    expectApiHeaders(anonymous, `${route.method} ${path} anonymous (${anonymous.status})`, { noStore: route.operationId !== 'getOpenApi' });
    if (route.auth === 'jwt') expectError(anonymous, 401, 'unauthorized');
  });

  test('the route walk covered every route: the table is not empty and holds each kind of access', () => {
    expect(new Set(ROUTES.map((r) => r.auth))).toEqual(new Set(['none', 'jwt']));
    expect(ROUTES.length).toBeGreaterThan(40);
    // The walk reached the handlers signed in, not only the gateway's 401: reads answered for real.
    expect(signedInStatus.size).toBe(ROUTES.length);
    expect([signedInStatus.get('GET /v1/me'), signedInStatus.get('GET /v1/admin/settings'), signedInStatus.get('GET /v1/me/calendar-feed')]).toEqual([200, 200, 200]);
    expect([...signedInStatus.values()].filter((s) => s < 300).length).toBeGreaterThanOrEqual(15);
  });
});

test('the .ics calendar feed: a calendar, never cached, nosniff, no referrer, no CSP exception', async () => {
  const url = JSON.parse((await request('GET', '/v1/me/calendar-feed', { authorization: `Bearer ${therapist}` })).body).url as string;
  const feed = await request('GET', new URL(url).pathname);
  expect(feed.status).toBe(200);
  expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
  expect(feed.body).toContain('BEGIN:VCALENDAR');
  expectApiHeaders(feed, 'calendar feed');
  const wrong = await request('GET', new URL(url).pathname.replace(/[^/]+$/, 'not-the-token'));
  expect(wrong.status).toBeGreaterThanOrEqual(400);
  expectApiHeaders(wrong, 'calendar feed with a wrong token');
});

describe("the local gateway's own answers", () => {
  test('401 without a token, 404 on no route, 400 on a path that does not decode', async () => {
    const unauthorized = await request('GET', '/v1/me');
    expectError(unauthorized, 401, 'unauthorized');
    expectApiHeaders(unauthorized, '401');
    const missing = await request('GET', '/v1/nothing-here');
    expectError(missing, 404, 'not_found');
    expectApiHeaders(missing, '404');
    const badPath = await request('GET', '/v1/bookings/%E0%A4%A');
    expectError(badPath, 400, 'validation_failed');
    expectApiHeaders(badPath, '400');
  });

  test('405 method_not_allowed with Allow: a method the path does not take, one the API never takes, one Node does not know', async () => {
    const wrong = await request('DELETE', '/v1/therapists');
    expectError(wrong, 405, 'method_not_allowed');
    expect(wrong.headers.allow).toBe('GET, OPTIONS');
    expectApiHeaders(wrong, '405 DELETE');
    const patch = await request('PATCH', '/v1/me/schedule', {}, '{}');
    expectError(patch, 405, 'method_not_allowed');
    expect(patch.headers.allow!.split(', ').sort()).toEqual(['GET', 'OPTIONS', 'PUT']);
    const trace = await request('TRACE', '/v1/nothing-here');
    expectError(trace, 405, 'method_not_allowed');
    expect(trace.headers.allow).toBe('GET, POST, PUT, DELETE, OPTIONS');
    // A method outside HTTP's registry never reaches a request handler: Node's parser refuses it.
    const brew = await rawRequest(`BREW /v1/therapists HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
    expectError(brew, 405, 'method_not_allowed');
    expect(brew.headers.allow).toBe('GET, POST, PUT, DELETE, OPTIONS');
    expectApiHeaders(brew, '405 BREW');
  });

  test('414 uri_too_long for a URL over the limit, however long', async () => {
    const ok = await request('GET', `/v1/therapists?x=${'a'.repeat(MAX_URL_BYTES - 40)}`);
    expect(ok.status).toBe(200);
    const long = await request('GET', `/v1/therapists?x=${'a'.repeat(MAX_URL_BYTES)}`);
    expectError(long, 414, 'uri_too_long');
    expectApiHeaders(long, '414');
    const huge = await rawRequest(`GET /v1/therapists?x=${'a'.repeat(100 * 1024)} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
    expectError(huge, 414, 'uri_too_long');
    expectApiHeaders(huge, '414 of a 100 KiB URL');
  });

  test('431 headers_too_large for headers over API Gateway\'s quota, by the gateway and beyond what Node parses', async () => {
    const large = await request('GET', '/v1/therapists', { 'x-padding': 'a'.repeat(MAX_HEADER_BYTES) });
    expectError(large, 431, 'headers_too_large');
    expectApiHeaders(large, '431');
    const huge = await rawRequest(`GET /v1/therapists HTTP/1.1\r\nHost: ${hostname}\r\nX-Padding: ${'a'.repeat(NODE_MAX_HEADER_BYTES + 1024)}\r\n\r\n`);
    expectError(huge, 431, 'headers_too_large');
    expectApiHeaders(huge, '431 from the parser');
  });

  test('413 payload_too_large over 10 MB, and 400 for what is not HTTP', async () => {
    const large = await request('POST', '/v1/bookings', {}, Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
    expectError(large, 413, 'payload_too_large');
    expectApiHeaders(large, '413');
    const garbage = await rawRequest(`GET /v1/therapists HTTP/1.1\r\nHost: ${hostname}\r\nContent-Length: nope\r\n\r\n`);
    expectError(garbage, 400, 'validation_failed');
    expectApiHeaders(garbage, '400 from the parser');
  });

  test('the /_local endpoints answer with the API headers too', async () => {
    expectApiHeaders(await request('GET', '/_local/health'), 'health');
    const refused = await request('POST', '/_local/clock', {}, '{}');
    expect(refused.status).toBe(400);
    expectApiHeaders(refused, 'clock refused');
  });
});

describe('the pages and their assets', () => {
  const directives = (csp: string) => new Map(csp.split(/;\s*/).map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

  test("the widget's page: a strict CSP, framed only by the practice's origins, no referrer", async () => {
    const page = await request('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const csp = directives(String(page.headers['content-security-policy']));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    // npm start's allowed origins are the runtime's own two names for itself.
    expect(csp.get('frame-ancestors')!.sort()).toEqual([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
    expect(String(page.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(page.body).not.toMatch(/<script>|<style|\son\w+=/i); // nothing inline for the CSP to refuse
  });

  test("the console's page: a strict CSP, framed by nobody", async () => {
    const page = await request('GET', '/console/');
    const csp = directives(String(page.headers['content-security-policy']));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).not.toMatch(/<script>|<style|\son\w+=/i);
  });

  test.each(['/booking-widget.js', '/demo.css', '/console/console.js', '/console/console.css', '/console'])('%s carries nosniff', async (path) => {
    const asset = await request('GET', path);
    expect(asset.status).toBeLessThan(400);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  test("the console's config.json is data: the API's headers", async () => {
    expectApiHeaders(await request('GET', '/console/config.json'), 'config.json');
  });
});

test('under those CSPs the demo page, its widget and the console run in Chromium without one violation', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => /content security policy/i.test(m.text()) && violations.push(m.text()));
    await page.addInitScript('document.addEventListener("securitypolicyviolation", (e) => console.log("Content Security Policy violation: " + e.violatedDirective + " " + e.blockedURI))');
    await page.goto(`${api}/`);
    // The widget fetched the therapists (connect-src) and drew its first step in its shadow root (constructed style sheet).
    await page.locator('booking-widget').getByText(/Robin Hale/).first().waitFor();
    // The page's own style sheet applied (style-src 'self', a file).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header')).backgroundColor)).toBe('rgb(34, 65, 79)');
    await page.goto(`${api}/console/`);
    await page.getByRole('heading', { name: 'Sign in to the practice console' }).waitFor();
    expect(violations).toEqual([]);
  } finally {
    await browser.close();
  }
});
