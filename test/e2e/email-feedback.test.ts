import { httpClient } from '../support/http-client';
import { phonePattern } from '../support/log-scan';
import { startNpmStart, type RunningRuntime } from '../support/npm-start';
import { addressedTo, runtimeOutbox, type StoredEmail } from '../support/ses-store';

/**
 * A hard bounce through `npm start`: SES's bounce event comes from `POST /_local/email-feedback`
 * (the local runtime has no SES event destination), and goes to the same function EventBridge
 * invokes in AWS. The therapist then sees the problem, the next email skips the dead address, the
 * partner still gets theirs, and no log line names the address.
 */
let runtime: RunningRuntime;
let http: ReturnType<typeof httpClient>;
const dana = { name: 'Dana Okonkwo-Reyes', email: 'dana.okr@private.example', phone: '+1 (415) 555-0163' };
const eli = { name: 'Eliot Vanderpool', email: 'eliot.vp@private.example' };
const therapistAddress = 'robin.hale@';

beforeAll(async () => {
  runtime = await startNpmStart({ LOCAL_NOW: '2026-12-01T12:00:00Z', POWERTOOLS_LOG_LEVEL: 'DEBUG' });
  http = httpClient(runtime.api);
});
afterAll(async () => {
  await runtime?.stop();
});

const outbox = () => runtimeOutbox(http).outbox();
const waitForMail = (predicate: (emails: StoredEmail[]) => boolean, seconds?: number) => runtimeOutbox(http).waitForMail(predicate, seconds);
const toTherapist = (emails: StoredEmail[]) => emails.filter((m) => m.destination.to.some((t) => t.includes(therapistAddress)));

test('a permanent bounce shows on that client in the therapist list and stops the next email to them, not to their partner', async () => {
  const slots = await http('GET', '/v1/therapists/demo/availability?sessionTypeId=couples-80&from=2026-12-04&to=2026-12-04&timeZone=America/Chicago');
  const start = slots.json.days[0].slots[0].start;
  const created = await http('POST', '/v1/bookings', { therapistId: 'demo', sessionTypeId: 'couples-80', start, timeZone: 'America/Chicago', clients: [dana, eli], policyAccepted: true });
  expect(created.status).toBe(201);
  const bookingId = created.json.booking.id as string;
  let emails = await waitForMail((m) => toTherapist(m).length >= 1);
  const [confirmation] = addressedTo(emails, dana.email);
  expect(confirmation).toBeDefined();

  // Bad requests to the local endpoint are told what is wrong; an unknown message is not found.
  expect((await http('POST', '/_local/email-feedback', { messageId: confirmation!.messageId, type: 'bounced' })).status).toBe(400);
  expect((await http('POST', '/_local/email-feedback', { messageId: 'ses-0', type: 'bounce' })).json.error.code).toBe('not_found');
  const bounced = await http('POST', '/_local/email-feedback', { messageId: confirmation!.messageId, type: 'bounce', bounceType: 'Permanent' });
  expect(bounced.status).toBe(200);

  const token = (await http('POST', '/_local/token', { therapistId: 'demo' })).json.token as string;
  const list = await http('GET', '/v1/me/bookings?from=2026-12-01&to=2026-12-31', undefined, { authorization: `Bearer ${token}` });
  expect(list.status).toBe(200);
  const mine = (list.json.bookings as Array<{ id: string; clients: Array<{ email: string; deliveryProblem?: boolean }> }>).find((b) => b.id === bookingId)!;
  expect(mine.clients).toEqual([
    expect.objectContaining({ email: dana.email, deliveryProblem: true }),
    expect.not.objectContaining({ deliveryProblem: expect.anything() }),
  ]);

  const moved = await http('POST', `/v1/bookings/${bookingId}/reschedule`, { start: '2026-12-08T09:00:00-06:00' }, { authorization: `Bearer ${created.json.manageToken}` });
  expect(moved.status).toBe(200);
  // The therapist's email is the last of the event's emails: once it is there, the clients' are decided.
  emails = await waitForMail((m) => toTherapist(m).length >= 2);
  expect(toTherapist(emails)).toHaveLength(2);
  expect(addressedTo(emails, eli.email).map((m) => m.subject)).toEqual(['Appointment confirmed', 'Appointment rescheduled']);
  expect(addressedTo(emails, dana.email).map((m) => m.subject)).toEqual(['Appointment confirmed']);
  expect((await http('GET', '/_local/dead-letters')).json.deadLetters).toEqual([]);

  const logs = runtime.output();
  expect(logs).toContain('"email feedback"');
  const lower = logs.toLowerCase();
  for (const secret of [dana.email, 'dana.okr', 'okonkwo', eli.email, 'vanderpool']) expect(lower).not.toContain(secret);
  expect(lower).not.toMatch(phonePattern(dana.phone));
});
