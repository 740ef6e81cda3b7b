import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for Cognito's managed-login endpoints, for the browser's side of the
 * authorization-code flow with PKCE (there is no Cognito to run locally). It plays what the
 * console relies on:
 * - `GET /oauth2/authorize` checks the client, the registered redirect URI and an S256 challenge,
 *   and sends the browser straight back (no login form: the user "signs in" at once) with a code
 *   bound to that challenge, client and redirect URI;
 * - `POST /oauth2/token` (form) exchanges a code once, only with the verifier whose SHA-256 is the
 *   challenge, and refreshes with a refresh token that was issued and not revoked;
 * - `POST /oauth2/revoke` (form) revokes a refresh token, and records it;
 * - `GET /logout` sends the browser to a registered sign-out URL.
 * The token and revoke answers carry `Access-Control-Allow-Origin: *`, as Cognito's endpoints do
 * for a browser's simple (form-encoded, credential-less) requests, so a page on another origin
 * reads them only because of that header.
 *
 * It also serves the page under test on a second port: another origin, as the console's
 * CloudFront domain is another origin than the Cognito domain.
 */
export interface OAuthStandInOptions {
  clientId: string;
  /** Files of the page's origin, by path (`/console/` etc.), with their content type. */
  pageFiles: Record<string, { type: string; body: string | Buffer }>;
  /** Headers every page answer carries (the console's CSP). */
  pageHeaders?: Record<string, string>;
  /** Paths (on the page's origin) registered as callback and sign-out URLs. */
  redirectPaths: string[];
}

export interface RecordedRequest { path: string; params: Record<string, string>; origin?: string }

export interface OAuthStandIn {
  /** The "Cognito domain": `http://127.0.0.1:<port>`. */
  domain: string;
  /** The page's origin. */
  pageOrigin: string;
  requests: RecordedRequest[];
  /** Refresh tokens revoked, in order. */
  revoked: string[];
  /** Every ID token issued, in order. */
  idTokens: string[];
  /** Makes the next authorization redirect come back with this state instead of the one sent. */
  forgeNextState(state: string): void;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const challengeOf = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

async function readForm(req: http.IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

const listen = (server: http.Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

export async function startOAuthStandIn(options: OAuthStandInOptions): Promise<OAuthStandIn> {
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  const refreshTokens = new Set<string>();
  const requests: RecordedRequest[] = [];
  const revoked: string[] = [];
  const idTokens: string[] = [];
  let forgedState: string | undefined;
  let pageOrigin = '';

  const registered = (uri: string | undefined) => !!uri && options.redirectPaths.some((p) => uri === `${pageOrigin}${p}`);
  const idToken = () => {
    const now = Math.floor(Date.now() / 1000);
    const token = [
      base64url(JSON.stringify({ alg: 'none', kid: 'stand-in' })),
      base64url(JSON.stringify({ token_use: 'id', aud: options.clientId, sub: 'stand-in-user', iat: now, exp: now + 3600, jti: randomBytes(8).toString('hex') })),
      'stand-in',
    ].join('.');
    idTokens.push(token);
    return token;
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  };

  const cognito = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const params = req.method === 'POST' ? await readForm(req) : Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, params, ...(req.headers.origin ? { origin: req.headers.origin } : {}) });

    if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
      if (params.client_id !== options.clientId || !registered(params.redirect_uri) || params.response_type !== 'code') return json(res, 400, { error: 'invalid_request' });
      if (params.code_challenge_method !== 'S256' || !params.code_challenge) return json(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: params.code_challenge, redirectUri: params.redirect_uri!, clientId: params.client_id });
      const back = new URL(params.redirect_uri!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', forgedState ?? params.state ?? '');
      forgedState = undefined;
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      if (params.client_id !== options.clientId) return json(res, 400, { error: 'invalid_client' });
      if (params.grant_type === 'authorization_code') {
        const bound = codes.get(params.code ?? '');
        codes.delete(params.code ?? ''); // one use, whatever the outcome
        if (!bound || bound.redirectUri !== params.redirect_uri || !params.code_verifier || challengeOf(params.code_verifier) !== bound.challenge) return json(res, 400, { error: 'invalid_grant' });
        const refresh = randomBytes(24).toString('base64url');
        refreshTokens.add(refresh);
        return json(res, 200, { id_token: idToken(), access_token: `access-${randomBytes(8).toString('hex')}`, refresh_token: refresh, expires_in: 3600, token_type: 'Bearer' });
      }
      if (params.grant_type === 'refresh_token') {
        if (!refreshTokens.has(params.refresh_token ?? '')) return json(res, 400, { error: 'invalid_grant' });
        return json(res, 200, { id_token: idToken(), access_token: `access-${randomBytes(8).toString('hex')}`, expires_in: 3600, token_type: 'Bearer' });
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/revoke') {
      if (params.client_id !== options.clientId || !params.token) return json(res, 400, { error: 'invalid_request' });
      revoked.push(params.token);
      refreshTokens.delete(params.token);
      res.writeHead(200, { 'access-control-allow-origin': '*', 'content-length': '0' });
      return res.end();
    }
    if (req.method === 'GET' && url.pathname === '/logout') {
      if (params.client_id !== options.clientId || !registered(params.logout_uri)) return json(res, 400, { error: 'invalid_request' });
      res.writeHead(302, { location: params.logout_uri! });
      return res.end();
    }
    json(res, 404, { error: 'not_found' });
  });

  const page = http.createServer((req, res) => {
    const file = options.pageFiles[new URL(req.url ?? '/', 'http://page').pathname];
    if (!file) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...options.pageHeaders });
    res.end(file.body);
  });

  const domain = await listen(cognito);
  pageOrigin = await listen(page);
  const close = (server: http.Server) => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return {
    domain,
    pageOrigin,
    requests,
    revoked,
    idTokens,
    forgeNextState: (state) => { forgedState = state; },
    close: async () => { await Promise.all([close(cognito), close(page)]); },
  };
}
