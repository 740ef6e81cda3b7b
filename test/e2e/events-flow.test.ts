import ICAL from 'ical.js';
import { httpClient } from '../support/http-client';
import { startNpmStart, type RunningRuntime } from '../support/npm-start';
import { phonePattern } from '../support/log-scan';
import { addressedTo, runtimeOutbox, calendarOf, type StoredEmail } from '../support/ses-store';

/**
 * The whole event flow through `npm start` with logs at DEBUG: a couples booking, its emails in
 * the local SES store, reminders fired by moving the virtual clock, a reschedule and a cancel,
 * and then a scan of every log line the runtime wrote.
 */
let runtime: RunningRuntime;
let http: ReturnType<typeof httpClient>;
const NOW = '2026-12-01T12:00:00Z';
const alex = { name: 'Alexandra Quinlan-Marsh', email: 'alexandra.qm@private.example', phone: '+1 (312) 555-0187' };
const blake = { name: 'Blakely Oyelaran', email: 'blakely.o@private.example' };
const NOTE = 'we argue about intimacy since the baby';

beforeAll(async () => {
  runtime = await startNpmStart({ LOCAL_NOW: NOW, POWERTOOLS_LOG_LEVEL: 'DEBUG' });
  http = httpClient(runtime.api);
});
afterAll(async () => {
  await runtime?.stop();
});

const outbox = () => runtimeOutbox(http).outbox();
const waitForMail = (predicate: (emails: StoredEmail[]) => boolean, seconds?: number) => runtimeOutbox(http).waitForMail(predicate, seconds);
/** Until the runtime has nothing left to do at the current virtual time: then "nothing more arrived" is a fact, not a guess. */
async function settle() {
  const r = await http('POST', '/_local/settle');
  expect(r.status).toBe(200);
  expect(r.json.settled).toBe(true);
}
function vevent(email: StoredEmail) {
  const text = calendarOf(email);
  expect(text).toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(text!));
  return { calendar, event: calendar.getFirstSubcomponent('vevent')! };
}
const count = (emails: StoredEmail[], who: { email: string }) => addressedTo(emails, who.email).length;

let bookingId: string, token: string, start: string;

test('a couples booking sends each partner their own confirmation and the therapist a note without details', async () => {
  const slots = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=couples-80&from=2026-12-03&to=2026-12-03&timeZone=America/Chicago');
  start = slots.json.days[0].slots[0].start; // 2026-12-03T08:00:00-06:00
  const r = await http('POST', '/v1/bookings', {
    therapistId: 'demo', sessionTypeId: 'couples-80', start, timeZone: 'America/Chicago', clients: [alex, blake], note: NOTE, policyAccepted: true,
  });
  expect(r.status).toBe(201);
  bookingId = r.json.booking.id;
  token = r.json.manageToken;
  await waitForMail((m) => m.length >= 3);
  await settle();
  const all = await outbox();
  expect(all).toHaveLength(3);
  const [toAlex] = addressedTo(all, alex.email);
  const [toBlake] = addressedTo(all, blake.email);
  const toTherapist = all.find((m) => m.destination.to.some((t) => t.includes('robin.hale@')))!;
  expect(toAlex!.destination.to).toEqual([alex.email]);
  expect(toBlake!.destination.to).toEqual([blake.email]);
  expect(toAlex!.subject).toBe('Appointment confirmed');
  expect(toAlex!.from).toMatch(/Harbor Light Therapy/);
  expect(toAlex!.body.text).toContain('Thursday, December 3, 2026, 8:00 AM–9:20 AM');
  expect(toAlex!.body.text).toMatch(/#manage=/);

  const { calendar, event } = vevent(toAlex!);
  expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
  expect(event.getFirstPropertyValue('uid')).toBe(`${bookingId}@practice-booking`);
  expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-03T14:00:00.000Z');
  expect((event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-03T15:20:00.000Z');
  expect(event.getFirstPropertyValue('class')).toBe('PRIVATE');
  const attendees = (e: ICAL.Component) => e.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase());
  expect(attendees(event)).toEqual([`mailto:${alex.email}`]);
  expect(attendees(vevent(toBlake!).event)).toEqual([`mailto:${blake.email}`]);
  expect(vevent(toBlake!).event.getFirstPropertyValue('uid')).toBe(`${bookingId}@practice-booking`);

  expect(toTherapist.subject).toBe('New appointment');
  expect(toTherapist.body.text).toMatch(/Alexandra and Blakely/);
  const therapistText = JSON.stringify(toTherapist);
  for (const secret of [NOTE, 'Quinlan', 'Oyelaran', alex.email, blake.email]) expect(therapistText).not.toContain(secret);
  for (const m of all) {
    const words = `${m.subject}\n${m.body.text}\n${m.body.html}\n${calendarOf(m) ?? ''}`.replace(/https?:\/\/\S+/g, ' ');
    expect(words).not.toMatch(/\b(couples?|sex|sexual|therapy session)\b/i);
    expect(words).not.toContain(NOTE);
  }
});

test('each reminder fires once per partner when the virtual clock reaches it', async () => {
  const startMs = Date.parse(start);
  await http('POST', '/_local/clock', { now: new Date(startMs - 24 * 3600_000 + 30_000).toISOString() });
  let emails = await waitForMail((m) => count(m, alex) >= 2 && count(m, blake) >= 2);
  await settle();
  emails = await outbox();
  expect([count(emails, alex), count(emails, blake)]).toEqual([2, 2]);
  expect(addressedTo(emails, alex.email)[1]!.subject).toBe('Appointment reminder');

  await http('POST', '/_local/clock', { now: new Date(startMs - 120 * 60_000 + 30_000).toISOString() });
  emails = await waitForMail((m) => count(m, alex) >= 3 && count(m, blake) >= 3);
  await settle();
  emails = await outbox();
  expect([count(emails, alex), count(emails, blake)]).toEqual([3, 3]);
});

test('a reschedule sends an updated invitation with the same UID and a higher SEQUENCE; its reminders follow the new time', async () => {
  const auth = { authorization: `Bearer ${token}` };
  const moved = await http('POST', `/v1/bookings/${bookingId}/reschedule`, { start: '2026-12-08T09:00:00-05:00' }, auth);
  expect(moved.status).toBe(200);
  const emails = await waitForMail((m) => count(m, alex) >= 4 && count(m, blake) >= 4);
  const update = addressedTo(emails, alex.email)[3]!;
  expect(update.subject).toBe('Appointment rescheduled');
  const { calendar, event } = vevent(update);
  expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
  expect(event.getFirstPropertyValue('uid')).toBe(`${bookingId}@practice-booking`);
  expect(event.getFirstPropertyValue('sequence')).toBe(1);
  expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-08T14:00:00.000Z');
  // The old time's 2 h reminder window passes: nothing more arrives for it.
  await http('POST', '/_local/clock', { now: '2026-12-03T13:30:00Z' });
  await settle();
  expect(count(await outbox(), alex)).toBe(4);
});

test('a cancellation sends METHOD:CANCEL to each partner, and no reminder follows', async () => {
  const c = await http('POST', `/v1/bookings/${bookingId}/cancel`, {}, { authorization: `Bearer ${token}` });
  expect(c.status).toBe(200);
  let emails = await waitForMail((m) => count(m, alex) >= 5 && count(m, blake) >= 5);
  for (const who of [alex, blake]) {
    const last = addressedTo(emails, who.email)[4]!;
    expect(last.subject).toBe('Appointment cancelled');
    const { calendar, event } = vevent(last);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('uid')).toBe(`${bookingId}@practice-booking`);
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
  }
  // Past both offsets of the new time: the cancelled booking's reminders never come.
  await http('POST', '/_local/clock', { now: '2026-12-07T14:30:00Z' });
  await settle();
  await http('POST', '/_local/clock', { now: '2026-12-08T12:30:00Z' });
  await settle();
  emails = await outbox();
  expect([count(emails, alex), count(emails, blake)]).toEqual([5, 5]);
  expect((await http('GET', '/_local/dead-letters')).json.deadLetters).toEqual([]);
});

test('no log line of the whole flow carries a name, an email address, a phone number or the note, and every line is JSON with ids', () => {
  const lines = runtime.output().split('\n').filter((l) => l.startsWith('{'));
  expect(lines.length).toBeGreaterThan(30);
  const byInvocation = new Map<string, Set<string>>();
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, string>;
    expect(entry.function_request_id).toBeDefined();
    if (entry.requestId) byInvocation.set(entry.function_request_id!, (byInvocation.get(entry.function_request_id!) ?? new Set()).add(entry.requestId));
  }
  // One API request id per invocation: concurrent invocations never mix their keys.
  for (const ids of byInvocation.values()) expect(ids.size).toBe(1);
  const all = runtime.output().toLowerCase();
  for (const secret of [alex.name, blake.name, alex.email, blake.email, NOTE]) {
    for (const part of secret.toLowerCase().split(/[\s@.]+/).filter((p) => p.length > 4)) expect(all).not.toContain(part);
  }
  expect(all).not.toMatch(phonePattern(alex.phone));
});
