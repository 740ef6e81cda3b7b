import type { SignInMethod, Tokens } from './session';

export interface CognitoSignInConfig {
  /** `https://<prefix>.auth.<region>.amazoncognito.com` (no trailing slash needed). */
  domain: string;
  clientId: string;
  /** The console's URL, registered as the client's callback URL. */
  redirectUri: string;
  /** Where Cognito's /logout sends the browser, registered as a sign-out URL. */
  logoutUri: string;
  /** The pool's region: where Cognito's user API is (`cognito-idp.<region>.amazonaws.com`). */
  region: string;
  /** Whether the pool requires two-step sign-in of everyone (`signIn.mfa`). */
  mfa: 'optional' | 'required';
  /** The discreet name authenticator apps list this sign-in under. */
  issuer: string;
}

/** A sign-in that came back but cannot be trusted or finished (wrong state, refused code): the user signs in again. */
export class SignInRefused extends Error {
  override name = 'SignInRefused';
}

/**
 * What must survive the trip to managed login and back: the PKCE verifier and the `state`. They
 * sit in sessionStorage (this tab only, gone with it) for that trip alone and are removed as soon
 * as the browser is back, before anything else. Tokens never go there, nor to localStorage: they
 * live in memory, and a reload signs in again (managed login's own session cookie makes that quick).
 */
const PENDING_KEY = 'console.sign-in.pending';
const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri'];
/**
 * `aws.cognito.signin.user.admin` lets the access token call Cognito's user API for this user alone
 * (two-step sign-in's enrolment, security-view.ts); the client's write list still keeps the user
 * from rewriting anything but their locale (decision 58).
 */
const SCOPES = 'openid email profile aws.cognito.signin.user.admin';

interface Pending { state: string; verifier: string }
interface TokenAnswer { id_token?: string; access_token?: string; refresh_token?: string; expires_in?: number }

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = (bytes: number): string => base64url(crypto.getRandomValues(new Uint8Array(bytes)));
/** RFC 7636's S256: BASE64URL(SHA-256(ASCII(verifier))). */
const challengeOf = async (verifier: string): Promise<string> => base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

function takePending(): Pending | undefined {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as Partial<Pending>;
    return typeof p.state === 'string' && typeof p.verifier === 'string' ? { state: p.state, verifier: p.verifier } : undefined;
  } catch {
    return undefined;
  }
}

/** The code must not stay in the address bar, the history or a bookmark: it is removed at once. */
function cleanUrl(url: URL): void {
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/** Cognito's managed login with the authorization-code flow and PKCE (S256), for a public client. */
export function cognitoSignIn(config: CognitoSignInConfig): SignInMethod {
  const domain = config.domain.replace(/\/+$/, '');
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${domain}${path}`, {
      method: 'POST',
      // Form-encoded with no other header: a simple CORS request, so no preflight.
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      credentials: 'omit',
      cache: 'no-store',
    });
  const tokensOf = (answer: TokenAnswer, previous?: Tokens): Tokens => {
    if (!answer.id_token) throw new SignInRefused('the sign-in answered without an ID token');
    const tokens: Tokens = { idToken: answer.id_token, expiresAt: Date.now() + (answer.expires_in ?? 3600) * 1000 };
    if (answer.access_token) tokens.accessToken = answer.access_token;
    // A refresh answer carries no refresh token (unless rotation is on): the one we have stays.
    const refreshToken = answer.refresh_token ?? previous?.refreshToken;
    if (refreshToken) tokens.refreshToken = refreshToken;
    return tokens;
  };

  return {
    async resume() {
      const url = new URL(location.href);
      const code = url.searchParams.get('code');
      const state = url.searchParams.get('state');
      const error = url.searchParams.get('error');
      if (!code && !error) return undefined;
      const pending = takePending();
      cleanUrl(url);
      if (error) throw new SignInRefused(`sign-in was not completed (${error})`);
      // A code we did not ask for (another tab's, or one planted in a link) is never exchanged.
      if (!pending || !state || state !== pending.state) throw new SignInRefused('the sign-in came back with a state this page did not send');
      const response = await post('/oauth2/token', {
        grant_type: 'authorization_code',
        client_id: config.clientId,
        code: code!,
        redirect_uri: config.redirectUri,
        code_verifier: pending.verifier,
      });
      if (!response.ok) throw new SignInRefused(`the sign-in's code was refused (${response.status})`);
      return tokensOf((await response.json()) as TokenAnswer);
    },

    async begin() {
      const pending: Pending = { state: randomText(16), verifier: randomText(32) };
      sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      const authorize = new URL(`${domain}/oauth2/authorize`);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: config.redirectUri,
        scope: SCOPES,
        state: pending.state,
        code_challenge: await challengeOf(pending.verifier),
        code_challenge_method: 'S256',
      }).toString();
      location.assign(authorize.toString());
      return new Promise<Tokens>(() => {}); // the page is leaving
    },

    async refresh(tokens) {
      if (!tokens.refreshToken) return undefined;
      const response = await post('/oauth2/token', { grant_type: 'refresh_token', client_id: config.clientId, refresh_token: tokens.refreshToken });
      // Revoked or expired (400 invalid_grant): the user signs in again.
      if (!response.ok) return undefined;
      return tokensOf((await response.json()) as TokenAnswer, tokens);
    },

    async signOut(tokens) {
      // Revoking the refresh token also revokes the ID and access tokens it issued. A failed
      // revoke must not keep the user signed in here: the sign-out goes on either way.
      if (tokens.refreshToken) {
        try {
          await post('/oauth2/revoke', { token: tokens.refreshToken, client_id: config.clientId });
        } catch {
          /* offline: the refresh token expires by itself */
        }
      }
      sessionStorage.removeItem(PENDING_KEY);
      const logout = new URL(`${domain}/logout`);
      logout.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutUri }).toString();
      location.assign(logout.toString());
    },
  };
}
