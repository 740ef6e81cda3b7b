import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as verifyHandler } from '../../functions/http/verify-booking';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import type { DomainEventEnvelope } from '../../shared/events/event-publisher';
import { publishStreamRecords } from '../../shared/events/stream-publisher';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { issueVerifyToken } from '../../shared/tokens/verify-token';
import { bridgeEvent } from '../support/bridge-event';
import { invoke } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { COUPLES, createTherapist, INDIVIDUAL, putSettings, TestClock } from '../support/practice-fixture';
import { addressedTo, storedEmails } from '../support/ses-store';
import { bookingStreamRecords } from '../support/stream-records';

/*
 * Many verifies of one booking at once (a link opened twice, a mail scanner, a double tap): one
 * transition, one event, one email per recipient. Everything real from the POST to the SES
 * server: the verify endpoint, the table's own stream, the stream publisher, the consumer (each
 * event delivered several times at once, as an at-least-once queue may).
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(async () => {
  await useOwnPractice();
  overrideDependencies({ clock });
  await putSettings({ verifyClientEmail: 'always', verificationMinutes: 30 });
});
afterAll(() => {
  backToSharedPractice();
  resetDependencies();
});

/** What the stream publisher makes of the booking's records: the events, in order. */
async function publishedEvents(bookingId: string): Promise<DomainEventEnvelope[]> {
  const published: DomainEventEnvelope[] = [];
  const result = await publishStreamRecords({ publish: async (events) => void published.push(...events) }, await bookingStreamRecords(bookingId));
  expect(result.batchItemFailures).toEqual([]);
  return published;
}
const deliver = (event: DomainEventEnvelope) => (notificationsHandler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));
const verify = (bookingId: string, token: string) => invoke('verifyBooking', verifyHandler, { pathParameters: { bookingId }, headers: { authorization: `Bearer ${token}` } });

test('20 concurrent verifies of one booking: one transition, one event, one confirmation to the client and one to the therapist', async () => {
  const therapistId = await createTherapist({}, [INDIVIDUAL]);
  const email = `once-${therapistId}@example.test`;
  const created = await invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: INDIVIDUAL.id, start: '2026-12-02T09:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true, clients: [{ name: 'Robin Vale', email }] },
  });
  expect(created.json.booking.status).toBe('pending_verification');
  const id = created.json.booking.id as string;
  const token = issueVerifyToken(dependencies().config.manageTokenSecret, id, 0);

  const answers = await Promise.all(Array.from({ length: 20 }, () => verify(id, token)));
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  expect(answers.filter((a) => a.json.alreadyVerified === false)).toHaveLength(1);
  expect(new Set(answers.map((a) => a.json.booking.status))).toEqual(new Set(['confirmed']));

  expect(await bookingStreamRecords(id)).toHaveLength(2); // the POST's write and one verify's: the other 19 wrote nothing
  const events = await publishedEvents(id);
  expect(events.map((e) => [e.type, (e.data as { sequence: number }).sequence])).toEqual([['booking.verification_requested', 0], ['booking.confirmed', 1]]);
  // Each event handled several times at once, and again later: claims send each email once.
  for (const event of events) await Promise.all([deliver(event), deliver(event), deliver(event)]);
  for (const event of events) await deliver(event);
  const all = await storedEmails();
  // The verification email went out before the verifies in life; handled only now, the booking no longer waits: not sent.
  expect(addressedTo(all, email).map((m) => m.subject)).toEqual(['Appointment confirmed']);
  expect(addressedTo(all, `${therapistId}@example.test`).map((m) => m.subject)).toEqual(['New appointment']);
});

test('a couple verifying at once, ten times each: the first partner changes nothing anyone hears of, the second confirms it; one confirmation each', async () => {
  const therapistId = await createTherapist({}, [INDIVIDUAL, COUPLES]);
  const people = [`alex-${therapistId}@example.test`, `blake-${therapistId}@example.test`];
  const created = await invoke('createBooking', createHandler, {
    body: {
      therapistId, sessionTypeId: COUPLES.id, start: '2026-12-02T13:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true,
      clients: [{ name: 'Alex Morgan', email: people[0] }, { name: 'Blake Rivers', email: people[1] }],
    },
  });
  const id = created.json.booking.id as string;
  // The verification emails go out first, as they would in life.
  for (const event of await publishedEvents(id)) await deliver(event);
  const secret = dependencies().config.manageTokenSecret;
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => verify(id, issueVerifyToken(secret, id, i % 2))));
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  expect(answers.filter((a) => a.json.alreadyVerified === false)).toHaveLength(2);

  const events = await publishedEvents(id);
  expect(events.map((e) => [e.type, (e.data as { sequence: number }).sequence])).toEqual([['booking.verification_requested', 0], ['booking.confirmed', 2]]);
  for (const event of events) await Promise.all([deliver(event), deliver(event)]);
  const all = await storedEmails();
  for (const address of people) {
    expect(addressedTo(all, address).map((m) => m.subject)).toEqual(['Please confirm your appointment request', 'Appointment confirmed']);
  }
  expect(addressedTo(all, `${therapistId}@example.test`).map((m) => m.subject)).toEqual(['New appointment']);
});
