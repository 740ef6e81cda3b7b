import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CalendarReadError } from '../../../shared/calendars/calendar-source';
import { safeFetch, type SafeFetchOptions } from '../../../shared/calendars/safe-fetch';

/** A local HTTP server whose routes the tests write; it records what reached it. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  servers.push(server);
  return { port, base: `http://127.0.0.1:${port}`, seen };
}
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); })));
});

const local: SafeFetchOptions = { allowLoopbackHttp: true };
const aws: SafeFetchOptions = { allowLoopbackHttp: false };
const REFUSED = 'The calendar address leads to a private or local network address, which is not allowed.';

async function refusal(url: string, options: SafeFetchOptions): Promise<CalendarReadError> {
  try {
    await safeFetch(url, options);
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarReadError);
    // The message never repeats the address: an ICS URL is itself a secret.
    expect((error as Error).message).not.toMatch(/127\.0|10\.0|169\.254|localhost|calendar\.test|http:\/\/|secret/);
    return error as CalendarReadError;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('safeFetch: what it reads', () => {
  it('GETs over http from loopback when the local runtime allows it, and answers status, headers and text', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'x-thing': 'yes' });
      res.end('BEGIN:VCALENDAR\r\nX-WR-CALNAME:Grüße\r\nEND:VCALENDAR\r\n');
    });
    const answer = await safeFetch(`${server.base}/feed.ics?secret=abc`, local);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(answer.text).toContain('Grüße');
    expect(server.seen[0]).toMatchObject({ method: 'GET', url: '/feed.ics?secret=abc' });
  });

  it('sends the method, headers and body it is given (a CalDAV REPORT)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(207);
      res.end('<multistatus/>');
    });
    const answer = await safeFetch(`${server.base}/cal/`, { ...local, method: 'REPORT', headers: { depth: '1', authorization: 'Basic dTpw' }, body: '<calendar-query/>' });
    expect(answer.status).toBe(207);
    expect(server.seen[0]).toMatchObject({ method: 'REPORT', body: '<calendar-query/>' });
    expect(server.seen[0]!.headers).toMatchObject({ depth: '1', authorization: 'Basic dTpw' });
  });

  it('answers other statuses as they are, for the caller to judge', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404);
      res.end('no');
    });
    expect((await safeFetch(`${server.base}/gone.ics`, local)).status).toBe(404);
  });

  it('follows redirects within the limit, re-checked each hop, and does not carry credentials to another origin', async () => {
    const second = await serve((_req, res) => res.end('moved here'));
    const first = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (req.url === '/b') res.writeHead(301, { location: `http://localhost:${second.port}/c` }).end();
    });
    const answer = await safeFetch(`${first.base}/a`, { ...local, headers: { authorization: 'Basic dTpw', accept: 'text/calendar' } });
    expect(answer).toMatchObject({ status: 200, text: 'moved here' });
    // Same origin keeps the credentials; another origin gets none.
    expect(first.seen.map((s) => s.headers.authorization)).toEqual(['Basic dTpw', 'Basic dTpw']);
    expect(second.seen[0]!.headers.authorization).toBeUndefined();
    expect(second.seen[0]!.headers.accept).toBe('text/calendar');
  });

  it('connects to the address it checked: the name is resolved once per hop and a later, different answer is never used', async () => {
    const server = await serve((_req, res) => res.end('pinned'));
    const answers = ['127.0.0.1', '10.0.0.7'];
    const asked: string[] = [];
    const resolve = async (hostname: string) => {
      asked.push(hostname);
      return [answers.shift() ?? '10.0.0.7'];
    };
    // calendar.test exists in no DNS: only the pinned lookup can connect it.
    const answer = await safeFetch(`http://calendar.test:${server.port}/feed.ics`, { ...local, resolve });
    expect(answer.text).toBe('pinned');
    expect(asked).toEqual(['calendar.test']);
  });
});

describe('safeFetch: each refusal', () => {
  it('plain http when the runtime is AWS, before any lookup', async () => {
    const resolve = jest.fn(async () => ['93.184.215.14']);
    const error = await refusal('http://calendar.example.com/feed.ics', { ...aws, resolve });
    expect(error.message).toBe('The calendar address must start with https://.');
    expect(resolve).not.toHaveBeenCalled();
    expect((await refusal('http://127.0.0.1:1/feed.ics', aws)).message).toBe('The calendar address must start with https://.');
  });

  it('plain http even in the local runtime when the address is not loopback', async () => {
    const error = await refusal('http://calendar.example.com/feed.ics', { ...local, resolve: async () => ['93.184.215.14'] });
    expect(error.message).toBe('The calendar address must start with https://.');
  });

  it('other schemes, a user name in the address, and what is not an address at all', async () => {
    expect((await refusal('file:///etc/passwd', local)).message).toBe('The calendar address must start with https://.');
    expect((await refusal('webcal://calendar.example.com/x.ics', local)).message).toBe('The calendar address must start with https://.');
    expect((await refusal('https://user:pw@calendar.example.com/x.ics', local)).message).toBe('The calendar address must not contain a user name or password.');
    expect((await refusal('not a url', local)).message).toBe('The calendar address is not a valid web address.');
  });

  it.each([
    ['127.0.0.1', 'https://127.0.0.1/feed.ics'],
    ['127.x', 'https://127.1.2.3/feed.ics'],
    ['::1', 'https://[::1]/feed.ics'],
    ['localhost', 'https://localhost/feed.ics'],
    ['loopback written as a number', 'https://2130706433/feed.ics'],
    ['loopback as IPv4-mapped IPv6', 'https://[::ffff:127.0.0.1]/feed.ics'],
  ])('loopback when it is not allowed: %s', async (_what, url) => {
    expect((await refusal(url, aws)).message).toBe(REFUSED);
  });

  it.each([
    ['10.x', 'https://10.1.2.3/'],
    ['172.16.x', 'https://172.16.0.1/'],
    ['172.31.x', 'https://172.31.255.254/'],
    ['192.168.x', 'https://192.168.1.10/'],
    ['the metadata endpoint 169.254.169.254', 'http://169.254.169.254/latest/meta-data/'],
    ['link-local fe80::', 'https://[fe80::1]/'],
    ['unique-local fc00::', 'https://[fc00::1]/'],
    ['unique-local fd00::', 'https://[fd12:3456::1]/'],
    ['CGNAT 100.64.x', 'https://100.64.0.1/'],
    ['unspecified 0.0.0.0', 'https://0.0.0.0/'],
    ['unspecified ::', 'https://[::]/'],
    ['multicast 224.x', 'https://224.0.0.1/'],
    ['multicast ff02::', 'https://[ff02::1]/'],
    ['private as IPv4-mapped IPv6', 'https://[::ffff:10.0.0.1]/'],
    ['private through NAT64', 'https://[64:ff9b::a00:1]/'],
  ])('a private or special address, even in the local runtime: %s', async (_what, url) => {
    expect((await refusal(url, local)).message).toBe(REFUSED);
  });

  it('a host name that resolves to a private address (any of its addresses)', async () => {
    expect((await refusal('https://calendar.test/feed.ics', { ...aws, resolve: async () => ['10.0.0.5'] })).message).toBe(REFUSED);
    expect((await refusal('https://calendar.test/feed.ics', { ...aws, resolve: async () => ['93.184.215.14', '169.254.169.254'] })).message).toBe(REFUSED);
    expect((await refusal('https://calendar.test/feed.ics', { ...aws, resolve: async () => ['::1'] })).message).toBe(REFUSED);
  });

  it('a name that does not resolve', async () => {
    const error = await refusal('https://calendar.test/feed.ics', { ...aws, resolve: async () => { throw Object.assign(new Error('getaddrinfo ENOTFOUND calendar.test'), { code: 'ENOTFOUND' }); } });
    expect(error.message).toBe('The calendar server\'s name could not be found.');
  });

  it('a redirect to a private address (or to the metadata endpoint), which is never requested', async () => {
    const server = await serve((req, res) => {
      const to = req.url === '/meta' ? 'http://169.254.169.254/latest/meta-data/iam/' : 'https://10.0.0.1/admin';
      res.writeHead(302, { location: to }).end();
    });
    expect((await refusal(`${server.base}/private`, local)).message).toBe(REFUSED);
    expect((await refusal(`${server.base}/meta`, local)).message).toBe(REFUSED);
    // A name that redirects to a name resolving privately is refused at that hop.
    const named = await serve((_req, res) => res.writeHead(307, { location: 'https://internal.test/' }).end());
    const resolve = async (hostname: string) => (hostname === 'internal.test' ? ['192.168.0.10'] : ['127.0.0.1']);
    expect((await refusal(`http://calendar.test:${named.port}/`, { ...local, resolve })).message).toBe(REFUSED);
  });

  it('too many redirects', async () => {
    const server = await serve((req, res) => {
      const n = Number(req.url!.slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    expect((await refusal(`${server.base}/0`, local)).message).toBe('The calendar address redirected too many times.');
    // Three are followed (the default): /0 -> /1 -> /2 -> /3, the fourth redirect is refused.
    expect(server.seen.map((s) => s.url)).toEqual(['/0', '/1', '/2', '/3']);
    const limited = await serve((req, res) => (req.url === '/0' ? res.writeHead(302, { location: '/1' }).end() : res.end('ok')));
    expect((await refusal(`${limited.base}/0`, { ...local, maxRedirects: 0 })).message).toBe('The calendar address redirected too many times.');
  });

  it('a body over the limit, announced by Content-Length', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(6 * 1024 * 1024) });
      res.write('BEGIN:VCALENDAR\r\n');
    });
    expect((await refusal(`${server.base}/big.ics`, local)).message).toBe('The calendar is larger than 5 MB, more than can be read.');
  });

  it('a streamed body over the limit: it stops reading, and the server sees the connection closed long before the end', async () => {
    let sent = 0;
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      // Writes for as long as the reader reads: 1 GB if it never stopped.
      const pump = () => {
        while (sent < 1024 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', closed);
      pump();
    });
    const error = await refusal(`${server.base}/endless.ics`, { ...local, maxBytes: 100 * 1024 });
    expect(error.message).toBe('The calendar is larger than 100 KB, more than can be read.');
    await serverSawClose;
    // What was written before the close is the limit plus socket buffers, nowhere near the gigabyte.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('a server that never answers: refused at the deadline', async () => {
    const server = await serve(() => {
      /* accepts the request and says nothing */
    });
    const started = Date.now();
    const error = await refusal(`${server.base}/silent.ics`, { ...local, timeoutMs: 300 });
    expect(error.message).toBe('The calendar server did not answer within 300 ms.');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a server that answers and then trickles its body: the one deadline covers the body too', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write('BEGIN:VCALENDAR\r\n');
      /* and never more */
    });
    const error = await refusal(`${server.base}/slow.ics`, { ...local, timeoutMs: 1000 });
    expect(error.message).toBe('The calendar server did not answer within 1 second.');
  });

  it('a server that refuses the connection', async () => {
    const server = await serve(() => undefined);
    const port = server.port;
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    expect((await refusal(`http://127.0.0.1:${port}/`, local)).message).toBe('The calendar server could not be reached.');
  });
});

describe('safeFetch over https', () => {
  it('connects to the pinned address and verifies the certificate for the name: a self-signed one is refused plainly', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const https = await import('node:https');
    const dir = mkdtempSync(join(tmpdir(), 'safe-fetch-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=calendar.test'], { stdio: 'ignore' });
      let reached = 0;
      const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
        reached++;
        res.end('never');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      // Accepted before the server's certificate is sent, so before the client can refuse it.
      let connections = 0;
      server.on('connection', () => connections++);
      const port = (server.address() as AddressInfo).port;
      const error = await refusal(`https://calendar.test:${port}/feed.ics`, { ...local, resolve: async () => ['127.0.0.1'] });
      expect(error.message).toBe('The calendar server\'s secure connection could not be verified (certificate).');
      // It did reach the pinned address (calendar.test is in no DNS), and sent no request over it.
      expect(connections).toBe(1);
      expect(reached).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
