import type { AddressInfo } from 'node:net';
import type { HandlerSource } from '../../../infra/local/handler-loader';
import { createHttpGateway } from '../../../infra/local/http-gateway';
import { API_CSP, apiHeaders, isCspOrigin, pageCsp } from '../../../shared/http/security-headers';
import { capturedLogLines } from '../../support/log-scan';

test('a handler chooses its caching, never the security headers', () => {
  expect(apiHeaders({ 'cache-control': 'public, max-age=300', 'x-content-type-options': 'sniff', 'content-security-policy': "default-src *", 'referrer-policy': 'unsafe-url' })).toEqual({
    'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff', 'content-security-policy': API_CSP, 'referrer-policy': 'no-referrer',
  });
  expect(apiHeaders()['cache-control']).toBe('no-store');
});

test("a page's CSP allows its own files only, and frame-ancestors is the given origins or 'none'", () => {
  const csp = pageCsp({ frameAncestors: ['https://www.harbor-light.example'], connect: ['https://api.example'] });
  expect(csp).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://api.example; frame-ancestors https://www.harbor-light.example; base-uri 'none'; form-action 'self'");
  expect(pageCsp({ frameAncestors: [] })).toContain("frame-ancestors 'none'");
  expect(pageCsp({ frameAncestors: 'none' })).toContain("frame-ancestors 'none'");
});

test('only a plain origin may be named in a CSP: nothing that could add a directive', () => {
  expect(['https://www.harbor-light.example', 'http://localhost:3000', 'http://127.0.0.1:44000'].every(isCspOrigin)).toBe(true);
  for (const bad of ["https://a.example; script-src 'unsafe-inline'", 'https://a.example/path', '*', "'self'", 'javascript:alert(1)', 'https://a.example\r\nx: y']) expect(isCspOrigin(bad)).toBe(false);
});

test("a handler that throws: the gateway's 500 in the contract's shape with the headers, and its log line names the error, not the URL", async () => {
  const loader: HandlerSource = { load: async () => async () => { throw new Error('failed for /v1/calendar-feeds/demo/secret-feed-token-123'); } };
  const server = createHttpGateway({ routes: [{ operationId: 'getCalendarFeed', method: 'GET', path: '/v1/calendar-feeds/{therapistId}/{feedToken}', handler: 'x.ts', auth: 'none', area: 'public', areaHandler: 'x.ts' }], loader });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    let response: Response | undefined;
    const lines = await capturedLogLines(async () => {
      response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/calendar-feeds/demo/secret-feed-token-123`);
    });
    expect(response!.status).toBe(500);
    expect(((await response!.json()) as { error: { code: string } }).error.code).toBe('internal');
    expect(response!.headers.get('content-security-policy')).toBe(API_CSP);
    expect(response!.headers.get('x-content-type-options')).toBe('nosniff');
    expect(lines).toEqual(['local gateway: Error']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
