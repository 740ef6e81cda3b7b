import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { newTotpSecret, totpMatches } from './totp';

/**
 * A small stand-in for Cognito's managed-login endpoints, for the browser's side of the
 * authorization-code flow with PKCE (there is no Cognito to run locally). It plays what the
 * console relies on:
 * - `GET /oauth2/authorize` checks the client, the registered redirect URI and an S256 challenge,
 *   and sends the browser straight back (no login form: the user "signs in" at once) with a code
 *   bound to that challenge, client and redirect URI, and to a user: a new one, or the one its
 *   session cookie names (a browser that signed in before is the same user again);
 * - `POST /oauth2/token` (form) exchanges a code once, only with the verifier whose SHA-256 is the
 *   challenge, and refreshes with a refresh token that was issued and not revoked;
 * - `POST /oauth2/revoke` (form) revokes a refresh token, and records it;
 * - `GET /logout` sends the browser to a registered sign-out URL;
 * - `POST /` is Cognito's user API (JSON 1.1, the operation in `x-amz-target`, the access token in
 *   the body, never a bearer header), for the user the access token was issued to: GetUser,
 *   AssociateSoftwareToken (a fresh base32 secret), VerifySoftwareToken (a real RFC 6238 check of
 *   the code against that secret, a wrong code refused with EnableSoftwareTokenMFAException as
 *   Cognito does) and SetUserMFAPreference; an unknown or revoked token is NotAuthorizedException.
 *   Its preflight allows only the two headers the console needs, so a third one fails as in AWS.
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
  /** Claims every ID token carries besides the standard ones (`cognito:groups`, …). */
  idTokenClaims?: Record<string, unknown>;
}

/** A user of the stand-in's pool: one per sign-in (authorization code exchanged). */
export interface StandInUser {
  username: string;
  email: string;
  /** The secret handed out by the last AssociateSoftwareToken, until verified. */
  pendingSecret?: string;
  /** The verified secret. */
  secret?: string;
  totpEnabled: boolean;
  totpPreferred: boolean;
}

export interface UserApiCall { target: string; body: Record<string, unknown>; headers: Record<string, string | undefined> }

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
  /** Calls to the user API (`POST /`), in order. */
  userApiCalls: UserApiCall[];
  /** The user an access token was issued to. */
  userOf(accessToken: string): StandInUser | undefined;
  /** Makes an access token refused from now on (as an ended or revoked one is). */
  refuseAccessToken(accessToken: string): void;
  /** Ends the sign-in an access token belongs to: the token refused and its refresh token revoked. */
  endSignIn(accessToken: string): void;
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
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string; user: StandInUser }>();
  const refreshTokens = new Set<string>();
  const requests: RecordedRequest[] = [];
  const revoked: string[] = [];
  const idTokens: string[] = [];
  const userApiCalls: UserApiCall[] = [];
  const users = new Map<string, StandInUser>(); // by access token
  const userOfRefresh = new Map<string, StandInUser>();
  const refreshOfAccess = new Map<string, string>();
  const userByName = new Map<string, StandInUser>();
  let userCount = 0;
  let forgedState: string | undefined;
  let pageOrigin = '';

  const registered = (uri: string | undefined) => !!uri && options.redirectPaths.some((p) => uri === `${pageOrigin}${p}`);
  const idToken = (user: StandInUser) => {
    const now = Math.floor(Date.now() / 1000);
    const token = [
      base64url(JSON.stringify({ alg: 'none', kid: 'stand-in' })),
      base64url(JSON.stringify({ ...options.idTokenClaims, token_use: 'id', aud: options.clientId, sub: user.username, iat: now, exp: now + 3600, jti: randomBytes(8).toString('hex') })),
      'stand-in',
    ].join('.');
    idTokens.push(token);
    return token;
  };
  const tokensFor = (user: StandInUser, refresh: string) => {
    const access = `access-${randomBytes(8).toString('hex')}`;
    users.set(access, user);
    refreshOfAccess.set(access, refresh);
    return { id_token: idToken(user), access_token: access, expires_in: 3600, token_type: 'Bearer' };
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  };

  /** Cognito's user API answers every origin, as the real one does for browsers. */
  const userApiCors = { 'access-control-allow-origin': '*' };
  const userApiError = (res: http.ServerResponse, type: string, message: string) => {
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': `${type}:`, ...userApiCors });
    res.end(JSON.stringify({ __type: type, message }));
  };
  const userApiAnswer = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', ...userApiCors });
    res.end(JSON.stringify(body));
  };
  async function userApi(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return userApiError(res, 'SerializationException', 'not JSON');
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    userApiCalls.push({ target, body, headers: { 'content-type': req.headers['content-type'], authorization: req.headers.authorization, origin: req.headers.origin } });
    if (req.headers['content-type'] !== 'application/x-amz-json-1.1') return userApiError(res, 'UnknownOperationException', 'wrong content type');
    const operation = target.startsWith('AWSCognitoIdentityProviderService.') ? target.slice('AWSCognitoIdentityProviderService.'.length) : '';
    const user = typeof body.AccessToken === 'string' ? users.get(body.AccessToken) : undefined;
    if (!user) return userApiError(res, 'NotAuthorizedException', 'Invalid Access Token');
    switch (operation) {
      case 'GetUser':
        return userApiAnswer(res, {
          Username: user.username,
          UserAttributes: [{ Name: 'sub', Value: user.username }, { Name: 'email', Value: user.email }],
          ...(user.totpEnabled ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], ...(user.totpPreferred ? { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' } : {}) } : {}),
        });
      case 'AssociateSoftwareToken':
        user.pendingSecret = newTotpSecret();
        return userApiAnswer(res, { SecretCode: user.pendingSecret });
      case 'VerifySoftwareToken': {
        const code = body.UserCode;
        if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return userApiError(res, 'InvalidParameterException', "1 validation error detected: Value at 'userCode' failed to satisfy constraint");
        if (!user.pendingSecret) return userApiError(res, 'InvalidParameterException', 'User has not set up software token mfa');
        if (!totpMatches(user.pendingSecret, code)) return userApiError(res, 'EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
        user.secret = user.pendingSecret;
        delete user.pendingSecret;
        return userApiAnswer(res, { Status: 'SUCCESS' });
      }
      case 'SetUserMFAPreference': {
        const settings = body.SoftwareTokenMfaSettings as { Enabled?: boolean; PreferredMfa?: boolean } | undefined;
        if (!settings) return userApiAnswer(res, {});
        if (settings.Enabled && !user.secret) return userApiError(res, 'InvalidParameterException', 'User has not verified software token mfa');
        user.totpEnabled = Boolean(settings.Enabled);
        user.totpPreferred = Boolean(settings.Enabled && settings.PreferredMfa);
        if (!settings.Enabled) delete user.secret;
        return userApiAnswer(res, {});
      }
      default:
        return userApiError(res, 'UnknownOperationException', `not played by the stand-in: ${target}`);
    }
  }

  const cognito = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === '/' && req.method === 'OPTIONS') {
      res.writeHead(204, { ...userApiCors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, x-amz-target', 'access-control-max-age': '600' });
      return res.end();
    }
    if (url.pathname === '/' && req.method === 'POST') return userApi(req, res);
    const params = req.method === 'POST' ? await readForm(req) : Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, params, ...(req.headers.origin ? { origin: req.headers.origin } : {}) });

    if (req.method === 'GET' && url.pathname === '/oauth2/authorize') {
      if (params.client_id !== options.clientId || !registered(params.redirect_uri) || params.response_type !== 'code') return json(res, 400, { error: 'invalid_request' });
      if (params.code_challenge_method !== 'S256' || !params.code_challenge) return json(res, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      // Managed login's session cookie: the same browser signing in again is the same user.
      const session = /(?:^|;\s*)stand-in-session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
      let user = session ? userByName.get(session) : undefined;
      if (!user) {
        const n = ++userCount;
        user = { username: `stand-in-user-${n}`, email: `user-${n}@stand-in.example`, totpEnabled: false, totpPreferred: false };
        userByName.set(user.username, user);
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: params.code_challenge, redirectUri: params.redirect_uri!, clientId: params.client_id, user });
      const back = new URL(params.redirect_uri!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', forgedState ?? params.state ?? '');
      forgedState = undefined;
      res.writeHead(302, { location: back.toString(), 'set-cookie': `stand-in-session=${user.username}; Path=/; HttpOnly; SameSite=Lax` });
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
        userOfRefresh.set(refresh, bound.user);
        return json(res, 200, { ...tokensFor(bound.user, refresh), refresh_token: refresh });
      }
      if (params.grant_type === 'refresh_token') {
        if (!refreshTokens.has(params.refresh_token ?? '')) return json(res, 400, { error: 'invalid_grant' });
        return json(res, 200, tokensFor(userOfRefresh.get(params.refresh_token!)!, params.refresh_token!));
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
    userApiCalls,
    userOf: (accessToken) => users.get(accessToken),
    refuseAccessToken: (accessToken) => { users.delete(accessToken); },
    endSignIn: (accessToken) => {
      users.delete(accessToken);
      refreshTokens.delete(refreshOfAccess.get(accessToken) ?? '');
    },
    forgeNextState: (state) => { forgedState = state; },
    close: async () => { await Promise.all([close(cognito), close(page)]); },
  };
}
