import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CalendarSource } from '../../../shared/calendars/calendar-source';
import { CalendarReadError } from '../../../shared/calendars/calendar-source';
import { busyFromIcs } from '../../../shared/calendars/ics-busy';
import { icsReader } from '../../../shared/calendars/ics-reader';
import { busyReaders } from '../../../shared/calendars/readers';

const fixtures = join(__dirname, '../../fixtures/calendars');
const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z'), zone: 'Europe/Berlin' };

/** Serves the fixtures as a calendar host does, under a secret-looking path; anything else by status. */
let server: http.Server;
let base: string;
const requests: Array<{ url: string; accept?: string }> = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', accept: req.headers.accept });
    const match = /^\/calendar\/ical\/[a-z0-9]+\/private-[0-9a-f]+\/(\w+)\.ics$/.exec(req.url ?? '');
    if (match) {
      res.writeHead(200, { 'content-type': 'text/calendar; charset=UTF-8' });
      return void res.end(readFileSync(join(fixtures, `${match[1]}.ics`)));
    }
    if (req.url === '/moved') return void res.writeHead(301, { location: '/calendar/ical/p1/private-0a1b/outlook.ics' }).end();
    if (req.url === '/login') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Please sign in</body></html>');
    const status = Number(req.url?.slice(1)) || 404;
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const source = (url: string): CalendarSource => ({
  id: 'src-1', therapistId: 'th-1', kind: 'ics', url, writeBookings: false, status: 'ok',
  createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z',
});
const read = icsReader({ allowLoopbackHttp: true });

describe('the ICS reader against a local calendar host', () => {
  it.each(['google', 'outlook', 'apple'])('reads the %s export end to end: what busyFromIcs reads from the file', async (name) => {
    const busy = await read(source(`${base}/calendar/ical/p1/private-0a1b2c/${name}.ics`), range);
    expect(busy.length).toBeGreaterThan(3);
    expect(busy).toEqual(busyFromIcs(readFileSync(join(fixtures, `${name}.ics`), 'utf8'), range));
    expect(requests.at(-1)!.accept).toMatch(/^text\/calendar/);
  });

  it('follows a redirect to the feed', async () => {
    expect(await read(source(`${base}/moved`), range)).toContainEqual({ start: '2026-03-17T17:00:00.000Z', end: '2026-03-17T18:00:00.000Z' });
  });

  it.each([
    [401, 'The calendar address refused access: it may have been reset. Copy the address again from the calendar.'],
    [404, 'The calendar address was not found: it may have been reset or the calendar deleted.'],
    [410, 'The calendar address was not found: it may have been reset or the calendar deleted.'],
    [503, 'The calendar server had a problem (HTTP 503); it will be tried again later.'],
    [400, 'The calendar address answered HTTP 400 instead of a calendar.'],
  ])('an answer %i is a CalendarReadError in plain words', async (status, message) => {
    await expect(read(source(`${base}/${status}`), range)).rejects.toThrow(new CalendarReadError(message));
  });

  it('a page that is not a calendar (a sign-in page) is a CalendarReadError', async () => {
    await expect(read(source(`${base}/login`), range)).rejects.toThrow(CalendarReadError);
  });

  describe('the registered reader', () => {
    it('reads plain http from this machine only under the rule it is built with (the config\'s, in the runtime)', async () => {
      const url = `${base}/calendar/ical/p1/private-0a1b2c/google.ics`;
      expect((await busyReaders({ allowLoopbackHttp: true }).ics(source(url), range)).length).toBeGreaterThan(3);
      await expect(busyReaders({ allowLoopbackHttp: false }).ics(source(url), range)).rejects.toThrow(new CalendarReadError('The calendar address must start with https://.'));
    });

    it('takes no rule from the environment: the runtime passes the config\'s', async () => {
      const saved = process.env.CALENDAR_ALLOW_LOOPBACK_HTTP;
      process.env.CALENDAR_ALLOW_LOOPBACK_HTTP = '1';
      try {
        const url = `${base}/calendar/ical/p1/private-0a1b2c/google.ics`;
        await expect(busyReaders({ allowLoopbackHttp: false }).ics(source(url), range)).rejects.toThrow(CalendarReadError);
      } finally {
        if (saved === undefined) delete process.env.CALENDAR_ALLOW_LOOPBACK_HTTP;
        else process.env.CALENDAR_ALLOW_LOOPBACK_HTTP = saved;
      }
    });
  });
});
