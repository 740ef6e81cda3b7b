/**
 * The security headers of every answer, in one place (issue 17, decisions 140-141): the handler
 * stack (json-response, raw and 204 answers), the local gateway's own answers (its 4xx, the
 * `/_local/*` endpoints, the demo page, the console and the widget script) all take them from here,
 * and the CDK response-headers policies build their CSPs with `pageCsp`. HSTS is not here: it is
 * CloudFront's (the local runtime speaks plain http, where HSTS means nothing).
 */

/** Every answer, of any kind: a browser never guesses a content type (no JSON run as script). */
export const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

/**
 * An API answer is data, never a document: it may load nothing and be framed by nobody; the URL
 * it was fetched from (a manage or feed token may be in it) goes to nobody as a Referer.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** What an API answer must carry whatever the handler says (these cannot be overridden). */
export const API_SECURITY_HEADERS = {
  ...NOSNIFF,
  'content-security-policy': API_CSP,
  'referrer-policy': 'no-referrer',
} as const;

/**
 * The headers of an API answer: `cache-control: no-store` unless the handler chose otherwise (only
 * the OpenAPI document does: it holds no personal data), and the security headers, always.
 */
export function apiHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return { 'cache-control': 'no-store', ...headers, ...API_SECURITY_HEADERS };
}

export interface PageCspOptions {
  /** Origins besides the page's own that its script may call (the API, the sign-in domain). */
  connect?: string[];
  /** Who may frame the page: `'none'`, or the origins that embed it. */
  frameAncestors: 'none' | string[];
  /** Where forms may post besides the page itself (the sign-in domain). */
  formAction?: string[];
}

/**
 * A page's Content-Security-Policy: its own script and style files only (no inline script, no
 * inline style, no eval), images from itself or data: URLs, no plugins, no base rewriting.
 */
export function pageCsp(options: PageCspOptions): string {
  const list = (extra: string[] | undefined) => ["'self'", ...(extra ?? [])].join(' ');
  const ancestors = options.frameAncestors === 'none' || options.frameAncestors.length === 0 ? "'none'" : options.frameAncestors.join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${list(options.connect)}`,
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    `form-action ${list(options.formAction)}`,
  ].join('; ');
}

/** A page's headers: its CSP, no referrer, nosniff. */
export function pageHeaders(options: PageCspOptions): Record<string, string> {
  return { ...NOSNIFF, 'content-security-policy': pageCsp(options), 'referrer-policy': 'no-referrer' };
}

/** What a CSP's source list may name as an embedding origin: a scheme and host, nothing a header could be split with. */
export function isCspOrigin(origin: string): boolean {
  return /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin);
}
