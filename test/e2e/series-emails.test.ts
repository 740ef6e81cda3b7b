import { DateTime } from 'luxon';
import { httpClient } from '../support/http-client';
import { startNpmStart, type RunningRuntime } from '../support/npm-start';
import { addressedTo, calendarOf, runtimeOutbox, type StoredEmail } from '../support/ses-store';
import { expandedStarts } from '../unit/series-notifications/series-fixtures';

/**
 * A client's weekly series through `npm start` (a runtime of this file's own, for its virtual
 * clock): one confirmation whose .ics expands to exactly the booked starts, and, when the clock
 * reaches it, exactly one reminder for the first occurrence.
 */
let runtime: RunningRuntime;
let http: ReturnType<typeof httpClient>;
const NY = 'America/New_York';
const sam = { name: 'Sam Weekly', email: 'sam.weekly@private.example' };

beforeAll(async () => {
  runtime = await startNpmStart({ LOCAL_NOW: '2026-12-01T12:00:00Z' });
  http = httpClient(runtime.api);
});
afterAll(async () => {
  await runtime?.stop();
});

const outbox = () => runtimeOutbox(http).outbox();
const waitForMail = (predicate: (emails: StoredEmail[]) => boolean) => runtimeOutbox(http).waitForMail(predicate);
const toSam = (emails: StoredEmail[]) => addressedTo(emails, sam.email);
async function settle() {
  const r = await http('POST', '/_local/settle');
  expect(r.status).toBe(200);
  expect(r.json.settled).toBe(true);
}

test('a weekly series of four: one confirmation with the whole series in its .ics, then one reminder for the first session', async () => {
  const token = (await http('POST', '/_local/token', { therapistId: 'demo' })).json.token as string;
  const typeId = 'weekly-emails';
  const created = await http(
    'POST', '/v1/me/session-types',
    { id: typeId, name: 'Weekly session', kind: 'individual', durationMinutes: 50, modality: 'telehealth', repeat: { everyWeeks: [1], maxCount: 4 } },
    { authorization: `Bearer ${token}` },
  );
  expect(created.status).toBe(201);
  const slots = await http('GET', `/v1/therapists/demo/availability?sessionTypeId=${typeId}&from=2026-12-08&to=2026-12-08&timeZone=${NY}`);
  const start = slots.json.days[0].slots[0].start as string;

  const booked = await http('POST', '/v1/bookings', {
    therapistId: 'demo', sessionTypeId: typeId, start, timeZone: NY, clients: [sam], policyAccepted: true, repeat: { everyWeeks: 1, count: 4 },
  });
  expect(booked.status).toBe(201);
  const occurrences = booked.json.series.occurrences as { start: string; status: string; bookingId?: string }[];
  const expected = [0, 1, 2, 3].map((w) => DateTime.fromISO(start, { zone: NY }).plus({ weeks: w }).toUTC().toISO());
  expect(occurrences.map((o) => [new Date(o.start).toISOString(), o.status])).toEqual(expected.map((s) => [s, 'booked']));

  await waitForMail((m) => toSam(m).length >= 1);
  await settle();
  const confirmations = toSam(await outbox());
  expect(confirmations.map((m) => m.subject)).toEqual(['Appointments confirmed']);
  expect(expandedStarts(calendarOf(confirmations[0]!)!, new Date('2028-01-01T00:00:00Z'))).toEqual(expected);

  // One second past the first occurrence's 24 h reminder.
  const first = Date.parse(expected[0]!);
  const moved = await http('POST', '/_local/clock', { now: new Date(first - 24 * 3600_000 + 1000).toISOString() });
  expect(moved.status).toBe(200);
  await waitForMail((m) => toSam(m).length >= 2);
  await settle();
  const after = toSam(await outbox());
  expect(after.map((m) => m.subject)).toEqual(['Appointments confirmed', 'Appointment reminder']);
  expect(after[1]!.body.text).toContain(DateTime.fromISO(expected[0]!, { zone: NY }).setLocale('en-US').toFormat('cccc, LLLL d, yyyy'));
  expect(after[1]!.body.text).not.toContain(DateTime.fromISO(expected[1]!, { zone: NY }).setLocale('en-US').toFormat('LLLL d, yyyy'));
  expect((await http('GET', '/_local/dead-letters')).json.deadLetters).toEqual([]);
});
