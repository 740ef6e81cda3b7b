import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { CalendarReadError } from './calendar-source';

/**
 * An HTTP request to an address a therapist typed: a server-side request to a user-given URL, so
 * it must not reach anything but the public internet (decision 98).
 *
 * - https only; plain http only to loopback when `allowLoopbackHttp` (the local runtime and tests).
 * - The host name is resolved first and EVERY address it resolves to is checked: private, loopback
 *   (unless allowed), link-local (the instance metadata endpoint 169.254.169.254), unique-local,
 *   CGNAT, multicast, reserved and unspecified addresses are refused. The connection is then made
 *   to the address that was checked (a pinned lookup), so a name that answers differently a moment
 *   later (DNS rebinding) cannot send it elsewhere; TLS still verifies the certificate for the name.
 * - Every redirect hop is checked the same way; at most `maxRedirects`; credentials (Authorization,
 *   Cookie) are not carried to another origin.
 * - The body is read as a stream and abandoned past `maxBytes`; one deadline covers the lookups,
 *   connections, redirects and body.
 *
 * Each refusal is a CalendarReadError whose message is plain and carries no part of the URL (an ICS
 * address is itself a secret).
 */
export interface SafeFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  allowLoopbackHttp: boolean;
  /** Default 5 MB. */
  maxBytes?: number;
  /** The whole request, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Default 3. */
  maxRedirects?: number;
  /** How a host name becomes addresses (a port: tests give names their own answers). Default: the system resolver. */
  resolve?: (hostname: string) => Promise<string[]>;
}

export interface SafeFetchAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 3;

const REFUSED_ADDRESS = 'The calendar address leads to a private or local network address, which is not allowed.';

/** Never reachable: not the public internet (IANA special-purpose registries). */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['169.254.0.0', 16], // link-local, the metadata endpoint
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 96], // unspecified and IPv4-compatible
  ['64:ff9b::', 96], // NAT64: would reach an IPv4 address by the back door
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) blocked.addSubnet(network, prefix, 'ipv6');

/** Loopback: refused too, unless the local runtime allows it. BlockList matches IPv4-mapped IPv6 forms as IPv4. */
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');
const isLoopback = (address: string) => loopback.check(address, family(address));

const systemResolve = async (hostname: string) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export async function safeFetch(url: string, options: SafeFetchOptions): Promise<SafeFetchAnswer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const timedOut = () => new CalendarReadError(`The calendar server did not answer within ${formatDuration(timeoutMs)}.`);
  try {
    let target = parse(url);
    let method = (options.method ?? 'GET').toUpperCase();
    let body = options.body;
    let headers = { ...options.headers };
    for (let redirects = 0; ; redirects++) {
      const address = await checkedAddress(target, options, deadline.signal, timedOut);
      const answer = await request(target, address, { method, headers, body, maxBytes }, deadline.signal, timedOut);
      const location = answer.headers.get('location');
      if (!isRedirect(answer.status) || !location) return answer;
      if (redirects >= maxRedirects) throw new CalendarReadError('The calendar address redirected too many times.');
      const next = parse(location, target);
      // As browsers do: 303 (and 301/302 after a POST) become a GET without a body.
      if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      if (next.origin !== target.origin) headers = withoutCredentials(headers);
      target = next;
    }
  } finally {
    clearTimeout(timer);
  }
}

function parse(url: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new CalendarReadError('The calendar address is not a valid web address.');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new CalendarReadError('The calendar address must start with https://.');
  }
  if (parsed.username || parsed.password) {
    throw new CalendarReadError('The calendar address must not contain a user name or password.');
  }
  return parsed;
}

/** The one address the request will connect to, after every address of the name was found allowed. */
async function checkedAddress(target: URL, options: SafeFetchOptions, signal: AbortSignal, timedOut: () => Error): Promise<string> {
  // Plain http is refused before any lookup unless the local runtime allows it at all.
  if (target.protocol === 'http:' && !options.allowLoopbackHttp) throw new CalendarReadError('The calendar address must start with https://.');
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(hostname)) addresses = [hostname];
  else {
    try {
      addresses = await abortable((options.resolve ?? systemResolve)(hostname), signal, timedOut);
    } catch (error) {
      if (error instanceof CalendarReadError) throw error;
      throw new CalendarReadError('The calendar server\'s name could not be found.');
    }
  }
  if (addresses.length === 0) throw new CalendarReadError('The calendar server\'s name could not be found.');
  for (const address of addresses) {
    if (!isIP(address) || blocked.check(address, family(address))) throw new CalendarReadError(REFUSED_ADDRESS);
    if (isLoopback(address) && !options.allowLoopbackHttp) throw new CalendarReadError(REFUSED_ADDRESS);
  }
  if (target.protocol === 'http:' && !addresses.every(isLoopback)) throw new CalendarReadError('The calendar address must start with https://.');
  return addresses[0]!;
}

interface RequestParts {
  method: string;
  headers: Record<string, string>;
  body?: string;
  maxBytes: number;
}

function request(target: URL, address: string, parts: RequestParts, signal: AbortSignal, timedOut: () => Error): Promise<SafeFetchAnswer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(timedOut());
    const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
    // The pinned lookup: whatever the name resolves to now, connect to the address checked above.
    const pinned: LookupFunction = (_name, lookupOptions, callback) => {
      const entry = { address, family: isIP(address) };
      if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (e: null, all: Array<typeof entry>) => void)(null, [entry]);
      else callback(null, entry.address, entry.family);
    };
    const client = target.protocol === 'https:' ? https : http;
    const body = parts.body === undefined ? undefined : Buffer.from(parts.body, 'utf8');
    const outgoing = client.request(
      {
        protocol: target.protocol,
        hostname,
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: parts.method,
        headers: { 'accept-encoding': 'identity', ...parts.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        lookup: pinned,
        // A connection of its own: a pooled socket could have been opened to another address.
        agent: false,
        ...(isIP(hostname) ? {} : { servername: hostname }),
      },
      (incoming) => {
        const declared = Number(incoming.headers['content-length']);
        if (Number.isFinite(declared) && declared > parts.maxBytes) {
          incoming.destroy();
          return fail(tooLarge(parts.maxBytes));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > parts.maxBytes) {
            // Stop reading: the rest is never downloaded.
            incoming.destroy();
            return fail(tooLarge(parts.maxBytes));
          }
          chunks.push(chunk);
        });
        incoming.on('error', (error) => fail(connectionError(error)));
        incoming.on('end', () => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value === undefined) continue;
            for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
          }
          resolve({ status: incoming.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outgoing.destroy();
      reject(error);
    };
    const onAbort = () => fail(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error) => fail(connectionError(error)));
    outgoing.end(body);
  });
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal, timedOut: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(timedOut());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const isRedirect = (status: number) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !['authorization', 'cookie', 'proxy-authorization'].includes(name.toLowerCase())));
}

const tooLarge = (maxBytes: number) =>
  new CalendarReadError(`The calendar is larger than ${formatSize(maxBytes)}, more than can be read.`);

const formatDuration = (ms: number) => {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
};

const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** A socket or TLS failure in plain words; the system's message can name the address. */
function connectionError(error: Error): CalendarReadError {
  if (error instanceof CalendarReadError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new CalendarReadError('The calendar server\'s secure connection could not be verified (certificate).');
  }
  return new CalendarReadError('The calendar server could not be reached.');
}
