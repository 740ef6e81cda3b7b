import { ApiError } from '../api-client';

export { ApiError };

/**
 * Thrown to a view whose call could not be made because the sign-in ended. The shell has already
 * kept the view's draft and started signing in again: the view shows nothing for it.
 */
export class SignInNeeded extends Error {
  constructor() {
    super('sign-in needed');
  }
}

export interface Authorisation {
  /** A token fresh enough to send, or SignInNeeded (after the shell has started signing in again). */
  token(): Promise<string>;
  /** The API or the gateway refused the token: a fresh one to retry with once, or SignInNeeded. */
  refused(): Promise<string>;
  /** Refused again with a fresh token: keep the view's draft, sign in again, throw SignInNeeded. */
  signInAgain(): Promise<never>;
  /** Whether the token in hand has ended (a gateway's 401 without CORS headers reads as a failed request). */
  ended(): boolean;
}

/**
 * The console's one door to the API: the bearer token on every call, the contract's error shape
 * read into ApiError (with its field paths), and a refused or ended token turned into a new
 * sign-in instead of an error. API Gateway's JWT authorizer answers an ended token with a 401 that
 * carries no CORS headers, which the browser reports as a failed request: a failed request while
 * the token has ended is therefore treated as that 401.
 */
export function consoleApi(base: string, auth: Authorisation) {
  async function attempt(token: string, method: string, path: string, body: unknown): Promise<Response | 'failed'> {
    try {
      return await fetch(base + path, {
        method,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      return 'failed';
    }
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const unauthorised = (r: Response | 'failed') => (r === 'failed' ? auth.ended() : r.status === 401);
    let response = await attempt(await auth.token(), method, path, body);
    if (unauthorised(response)) {
      response = await attempt(await auth.refused(), method, path, body);
      if (unauthorised(response)) return auth.signInAgain();
    }
    if (response === 'failed') throw new ApiError(0, 'network', 'network');
    if (response.status === 204) return undefined as T;
    const json = await response.json().catch(() => undefined);
    if (response.ok) return json as T;
    const error = json?.error;
    if (typeof error?.code !== 'string') throw new ApiError(response.status, 'unreadable', '');
    throw new ApiError(response.status, error.code, error.message ?? '', error.fields ?? []);
  }

  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown = {}) => call<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
    delete: <T = void>(path: string) => call<T>('DELETE', path),
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;

/** A path segment from an id or a date: never able to change the path's shape. */
export const segment = encodeURIComponent;
