// The logs are read in one test below: the logger reads its level when first loaded.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
import { CalendarReadError, type BusyReader, type CalendarSource } from '../../shared/calendars/calendar-source';
import { syncAllSources } from '../../shared/calendars/calendar-sync';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { CONFIG_SK_FLOOR, keys } from '../../shared/store/table-schema';
import { claimsFor } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';
import { addressedTo, storedEmails } from '../support/ses-store';

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
/** What the fake readers answer, by source URL: busy intervals, or an error to throw. */
const answers = new Map<string, Array<{ start: string; end: string }> | Error>();
const seen: Array<CalendarSource & { password?: string }> = [];
const fake: BusyReader = async (source) => {
  seen.push(source);
  const answer = answers.get(source.url);
  if (answer instanceof Error) throw answer;
  return answer ?? [];
};
/** The runtime's own readers, put back after this file's fakes. */
let registered: ReturnType<typeof dependencies>['readers'];
beforeAll(() => {
  registered = dependencies().readers;
  overrideDependencies({ clock, readers: { ics: fake, caldav: fake } });
});
afterEach(() => {
  backToSharedPractice();
  clock.set('2026-12-01T06:00:00Z');
});
afterAll(() => overrideDependencies({ readers: registered }));

let feeds = 0;
const feedUrl = () => `https://calendar.example/feeds/${++feeds}/basic.ics?secret=s3cr3t-${feeds}`;
const schedule = { bufferMinutes: 10, minimumNoticeMinutes: 0, slotIntervalMinutes: 60, weekly: { wed: [{ start: '09:00', end: '13:00' }] } };
const starts = async (therapistId: string, date: string) =>
  ((await call('getAvailability', { pathParameters: { therapistId }, query: { sessionTypeId: 'individual-50', from: date, to: date, timeZone: 'Europe/Berlin' } })).json.days as { slots: { start: string }[] }[])
    .flatMap((d) => d.slots.map((s) => s.start));

async function addIcs(therapistId: string, url = feedUrl(), label = 'Personal') {
  const r = await call('createMyCalendar', { claims: claimsFor(therapistId), body: { kind: 'ics', url, label } });
  expect(r.status).toBe(201);
  return r.json.calendar as { id: string; url: string; status: string };
}
const sync = (therapistId: string, id: string) => call('syncMyCalendar', { claims: claimsFor(therapistId), pathParameters: { id } });

describe("a therapist's other calendars block their slots", () => {
  test('busy time from a source blocks exactly the slots it overlaps (with the buffer after a session), and nothing before it syncs', async () => {
    const id = await createTherapist(schedule);
    // 2026-12-02 is a Wednesday; Berlin is UTC+1. Busy 10:30-11:00 local.
    const calendar = await addIcs(id);
    answers.set(calendar.url, [{ start: '2026-12-02T09:30:00Z', end: '2026-12-02T10:00:00Z' }]);
    expect(calendar.status).toBe('pending');
    expect(await starts(id, '2026-12-02')).toHaveLength(4);
    const synced = await sync(id, calendar.id);
    expect(synced.status).toBe(200);
    expect(synced.json.calendar).toEqual({ id: calendar.id, kind: 'ics', url: calendar.url, label: 'Personal', writeBookings: false, status: 'ok', lastSyncedAt: '2026-12-01T06:00:00.000Z' });
    // 10:00 + 50 min + 10 min buffer reaches 11:00 and overlaps; 09:00 ends (with buffer) at 10:00, before it; 11:00 starts after it.
    expect(await starts(id, '2026-12-02')).toEqual(['2026-12-02T09:00:00+01:00', '2026-12-02T11:00:00+01:00', '2026-12-02T12:00:00+01:00']);
    // The reader was asked for the therapist's horizon, in the therapist's zone.
    expect(seen.at(-1)).toMatchObject({ id: calendar.id, url: calendar.url });
  });

  test('a booking re-checked against busy time that appeared after the slot was listed is refused 409', async () => {
    const id = await createTherapist(schedule);
    const calendar = await addIcs(id);
    expect(await starts(id, '2026-12-02')).toContain('2026-12-02T10:00:00+01:00');
    answers.set(calendar.url, [{ start: '2026-12-02T09:15:00Z', end: '2026-12-02T09:45:00Z' }]);
    expect((await sync(id, calendar.id)).status).toBe(200);
    const r = await call('createBooking', { body: { therapistId: id, sessionTypeId: 'individual-50', start: '2026-12-02T10:00:00+01:00', timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true } });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('slot_unavailable');
  });

  test('busy items are per source and UTC month, in the therapist partition; GET /v1/me/busy shows them with the label only', async () => {
    const id = await createTherapist(schedule);
    const calendar = await addIcs(id, feedUrl(), 'School run');
    answers.set(calendar.url, [
      { start: '2026-12-31T22:00:00Z', end: '2027-01-01T02:00:00Z' }, // crosses the month edge: cut in two
      { start: '2026-12-02T09:30:00Z', end: '2026-12-02T10:00:00Z' },
      { start: '2026-12-02T09:45:00Z', end: '2026-12-02T10:15:00Z' }, // overlaps: merged
    ]);
    expect((await sync(id, calendar.id)).status).toBe(200);
    const items = (await tableItems()).filter((i) => i.PK === `THERAPIST#${id}` && String(i.SK).startsWith('EXTBUSY#'));
    expect(items.map((i) => i.SK).sort()).toEqual([`EXTBUSY#${calendar.id}#2026-12`, `EXTBUSY#${calendar.id}#2027-01`]);
    expect(items.find((i) => i.SK.endsWith('2026-12'))!.intervals).toEqual([
      { start: '2026-12-02T09:30:00.000Z', end: '2026-12-02T10:15:00.000Z' },
      { start: '2026-12-31T22:00:00.000Z', end: '2027-01-01T00:00:00.000Z' },
    ]);
    const busy = await call('getMyBusy', { claims: claimsFor(id), query: { from: '2026-12-31T00:00:00Z', to: '2027-01-02T00:00:00Z' } });
    expect(busy.status).toBe(200);
    expect(busy.json.busy).toEqual([
      { start: '2026-12-31T22:00:00.000Z', end: '2027-01-01T00:00:00.000Z', label: 'School run' },
      { start: '2027-01-01T00:00:00.000Z', end: '2027-01-01T02:00:00.000Z', label: 'School run' },
    ]);
    // A later sync replaces them: the January item goes when January is no longer busy.
    answers.set(calendar.url, [{ start: '2026-12-02T09:30:00Z', end: '2026-12-02T10:00:00Z' }]);
    expect((await sync(id, calendar.id)).status).toBe(200);
    const after = (await tableItems()).filter((i) => i.PK === `THERAPIST#${id}` && String(i.SK).startsWith('EXTBUSY#'));
    expect(after.map((i) => i.SK)).toEqual([`EXTBUSY#${calendar.id}#2026-12`]);
  });

  test('deleting a source removes it and its busy time; another therapist cannot see, sync or delete it (404)', async () => {
    const id = await createTherapist(schedule);
    const other = await createTherapist(schedule);
    const calendar = await addIcs(id);
    answers.set(calendar.url, [{ start: '2026-12-02T09:30:00Z', end: '2026-12-02T10:00:00Z' }]);
    await sync(id, calendar.id);
    expect((await call('listMyCalendars', { claims: claimsFor(other) })).json.calendars).toEqual([]);
    expect((await sync(other, calendar.id)).status).toBe(404);
    expect((await call('deleteMyCalendar', { claims: claimsFor(other), pathParameters: { id: calendar.id } })).status).toBe(404);
    expect(await starts(id, '2026-12-02')).toHaveLength(3);
    expect((await call('deleteMyCalendar', { claims: claimsFor(id), pathParameters: { id: calendar.id } })).status).toBe(204);
    expect((await call('deleteMyCalendar', { claims: claimsFor(id), pathParameters: { id: calendar.id } })).status).toBe(404);
    expect((await tableItems()).filter((i) => String(i.SK).startsWith(`EXTBUSY#${calendar.id}`) || String(i.SK) === `SOURCE#${calendar.id}`)).toEqual([]);
    expect(await starts(id, '2026-12-02')).toHaveLength(4);
    expect((await call('listMyCalendars', { claims: claimsFor(id) })).json.calendars).toEqual([]);
  });
});

describe('validation', () => {
  const bad: Array<[string, unknown, string]> = [
    ['plain http to another host', { kind: 'ics', url: 'http://calendar.example/a.ics' }, 'url'],
    ['not a URL', { kind: 'ics', url: 'calendar' }, 'url'],
    ['credentials inside the URL', { kind: 'ics', url: 'https://me:pw@calendar.example/a.ics' }, 'url'],
    ['a password for a feed', { kind: 'ics', url: 'https://calendar.example/a.ics', password: 'x' }, 'password'],
    ['writing bookings to a feed', { kind: 'ics', url: 'https://calendar.example/a.ics', writeBookings: true }, 'writeBookings'],
    ['CalDAV without a password', { kind: 'caldav', url: 'https://dav.example/cal/', username: 'me' }, 'password'],
    ['CalDAV without a username', { kind: 'caldav', url: 'https://dav.example/cal/', password: 'pw' }, 'username'],
    ['an unknown kind', { kind: 'google', url: 'https://calendar.example/a.ics' }, 'kind'],
    ['a label with a line break', { kind: 'ics', url: 'https://calendar.example/a.ics', label: 'a\nb' }, 'label'],
  ];
  test.each(bad)('%s: 400 naming the field, nothing stored', async (_, body, field) => {
    const id = await createTherapist(schedule);
    const r = await call('createMyCalendar', { claims: claimsFor(id), body });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect((await call('listMyCalendars', { claims: claimsFor(id) })).json.calendars).toEqual([]);
  });

  test('plain http to localhost is allowed in the local runtime; the eleventh source is refused 409', async () => {
    const id = await createTherapist(schedule);
    expect((await call('createMyCalendar', { claims: claimsFor(id), body: { kind: 'ics', url: 'http://127.0.0.1:9/a.ics' } })).status).toBe(201);
    for (let i = 0; i < 9; i++) await addIcs(id);
    const r = await call('createMyCalendar', { claims: claimsFor(id), body: { kind: 'ics', url: feedUrl() } });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('conflict');
    expect((await call('listMyCalendars', { claims: claimsFor(id) })).json.calendars).toHaveLength(10);
  });

  test('the busy range must be ordered and at most 62 days', async () => {
    const id = await createTherapist(schedule);
    expect((await call('getMyBusy', { claims: claimsFor(id), query: { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' } })).status).toBe(400);
    expect((await call('getMyBusy', { claims: claimsFor(id), query: { from: '2026-12-01T00:00:00Z', to: '2027-03-01T00:00:00Z' } })).status).toBe(400);
    expect((await call('getMyBusy', { claims: claimsFor(id), query: { from: 'yesterday', to: '2026-12-01T00:00:00Z' } })).status).toBe(400);
  });
});

describe('a failing source', () => {
  test('keeps its last busy times, is failing with a plain lastError, and the therapist is emailed once per failing spell', async () => {
    await useOwnPractice();
    const id = await createTherapist(schedule);
    const email = `${id}@example.test`;
    const calendar = await addIcs(id);
    answers.set(calendar.url, [{ start: '2026-12-02T09:30:00Z', end: '2026-12-02T10:00:00Z' }]);
    await syncAllSources(dependencies());
    expect(await starts(id, '2026-12-02')).toHaveLength(3);

    answers.set(calendar.url, new CalendarReadError('The calendar server answered 404: the address may have changed.'));
    clock.set('2026-12-01T06:10:00Z');
    expect(await syncAllSources(dependencies())).toEqual({ synced: 0, failing: 1 });
    const listed = (await call('listMyCalendars', { claims: claimsFor(id) })).json.calendars[0];
    expect(listed).toMatchObject({ status: 'failing', lastError: 'The calendar server answered 404: the address may have changed.', lastSyncedAt: '2026-12-01T06:00:00.000Z' });
    expect(await starts(id, '2026-12-02')).toHaveLength(3); // the last good busy time still blocks
    let mails = addressedTo(await storedEmails(), email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('A calendar could not be read');
    expect(mails[0]!.body.text).toContain('"Personal"');
    expect(mails[0]!.body.text).not.toContain('calendar.example');

    // Still failing: no second email; also not from an on-demand sync.
    clock.set('2026-12-01T06:20:00Z');
    await syncAllSources(dependencies());
    expect((await sync(id, calendar.id)).json.calendar.status).toBe('failing');
    expect(addressedTo(await storedEmails(), email)).toHaveLength(1);

    // Works again, then fails again: a new spell, one more email.
    answers.set(calendar.url, []);
    clock.set('2026-12-01T06:30:00Z');
    await syncAllSources(dependencies());
    const ok = (await call('listMyCalendars', { claims: claimsFor(id) })).json.calendars[0];
    expect(ok.status).toBe('ok');
    expect(ok.lastError).toBeUndefined();
    expect(await starts(id, '2026-12-02')).toHaveLength(4);
    answers.set(calendar.url, new CalendarReadError('The calendar took too long to answer.'));
    clock.set('2026-12-01T06:40:00Z');
    await syncAllSources(dependencies());
    await syncAllSources(dependencies());
    mails = addressedTo(await storedEmails(), email);
    expect(mails).toHaveLength(2);
  });

  test('a failing spell found by "Sync now" is emailed by the next scheduled sync, once', async () => {
    await useOwnPractice();
    const id = await createTherapist(schedule);
    const calendar = await addIcs(id);
    answers.set(calendar.url, new Error('ECONNRESET at https://calendar.example/feeds?secret=leak'));
    const now = await sync(id, calendar.id);
    // An unexpected error's own words (which may hold the URL) are never stored or shown.
    expect(now.json.calendar).toMatchObject({ status: 'failing', lastError: 'The calendar could not be read.' });
    expect(addressedTo(await storedEmails(), `${id}@example.test`)).toHaveLength(0);
    await syncAllSources(dependencies());
    await syncAllSources(dependencies());
    expect(addressedTo(await storedEmails(), `${id}@example.test`)).toHaveLength(1);
  });
});

describe('credentials', () => {
  test('a CalDAV password is stored only sealed, reaches the reader opened, and is in no answer and no log line', async () => {
    const lines: string[] = [];
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const password = 'app-pw-Zq8x-Very-Secret';
    const secretFeed = 'https://calendar.example/feeds/private-token-7f3a/basic.ics';
    let id = '';
    const answersSeen: string[] = [];
    try {
      id = await createTherapist(schedule);
      const created = await call('createMyCalendar', { claims: claimsFor(id), body: { kind: 'caldav', url: 'https://dav.example/cals/me/work/', username: 'me@dav.example', password, label: 'Clinic', writeBookings: true } });
      expect(created.status).toBe(201);
      answersSeen.push(created.text);
      const feed = await addIcs(id, secretFeed);
      answers.set('https://dav.example/cals/me/work/', new CalendarReadError('The calendar server refused the username or app password.'));
      answersSeen.push((await sync(id, created.json.calendar.id)).text, (await sync(id, feed.id)).text);
      answersSeen.push((await call('listMyCalendars', { claims: claimsFor(id) })).text);
      expect(seen.find((s) => s.id === created.json.calendar.id)?.password).toBe(password);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    for (const text of answersSeen) {
      expect(text).not.toContain(password);
      expect(text).not.toContain('passwordCiphertext');
      expect(text).not.toContain('me@dav.example');
    }
    const calendarId = JSON.parse(answersSeen[0]!).calendar.id as string;
    expect(JSON.parse(answersSeen[0]!).calendar).toEqual({ id: calendarId, kind: 'caldav', url: 'https://dav.example/cals/me/work/', label: 'Clinic', writeBookings: true, status: 'pending' });
    const item = (await tableItems()).find((i) => i.PK === keys.calendarsOfTherapist(id) && i.SK === `SOURCE#${calendarId}`)!;
    expect(JSON.stringify(item)).not.toContain(password);
    expect(item.passwordCiphertext).toMatch(/^local1\./);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(password);
      expect(line).not.toContain('private-token-7f3a');
      expect(line).not.toContain('dav.example/cals');
    }
  });
});

test("busy items sort after the day ledgers, where the configuration's one query reads them", () => {
  expect(keys.externalBusy('t', 's', '2026-12').SK > CONFIG_SK_FLOOR).toBe(true);
});
