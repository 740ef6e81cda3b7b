import { CalendarReadError } from './calendar-source';
import { safeFetch } from './safe-fetch';

/**
 * Every CalDAV request goes through safeFetch (the SSRF guard: HTTPS only, no private or metadata
 * addresses after DNS, the connection pinned to the checked address, bounded size, time and
 * redirects). tsdav takes a `fetch` of its own per call, so this gives it one that is safeFetch
 * underneath (decision 99); the writer calls `davFetch` directly.
 */
export interface DavAccess {
  username: string;
  password: string;
  /** Plain http to loopback: the local runtime and its tests only. */
  allowLoopbackHttp: boolean;
}

export function basicAuthorization(access: Pick<DavAccess, 'username' | 'password'>): string {
  return `Basic ${Buffer.from(`${access.username}:${access.password}`, 'utf8').toString('base64')}`;
}

export async function davFetch(
  url: string,
  access: DavAccess,
  request: { method: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Headers; text: string }> {
  return safeFetch(url, {
    method: request.method,
    headers: { ...request.headers, authorization: basicAuthorization(access) },
    ...(request.body !== undefined ? { body: request.body } : {}),
    allowLoopbackHttp: access.allowLoopbackHttp,
  });
}

/** Statuses a Response may not carry a body with. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** A `fetch` for tsdav whose every request is safeFetch with the source's credentials. */
export function guardedFetchFor(access: DavAccess): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new CalendarReadError('The calendar request could not be sent');
    }
    const answer = await davFetch(url, access, {
      method: init?.method ?? 'GET',
      headers,
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    });
    return new Response(NULL_BODY.has(answer.status) || answer.text === '' ? null : answer.text, { status: answer.status, headers: answer.headers });
  }) as typeof fetch;
}

/** A plain sentence for a CalDAV status that is not success: never the URL, never the credentials. */
export function davStatusMessage(status: number): string {
  if (status === 401) return 'The calendar server refused the username or app password';
  if (status === 403) return 'The calendar server does not allow this account to use this calendar';
  if (status === 404) return 'No calendar was found at this address';
  if (status === 405 || status === 501) return 'This address is not a CalDAV calendar';
  if (status >= 500) return `The calendar server had a problem (status ${status})`;
  return `The calendar server answered with status ${status}`;
}
