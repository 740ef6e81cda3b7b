import '../support/verbose-logs';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { handler as reminderHandler } from '../../functions/events/send-reminder';
import { handler as feedbackHandler } from '../../functions/events/record-email-feedback';
import { handler as listMyBookingsHandler } from '../../functions/http/list-my-bookings';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import { SentMessages, sesFeedbackEvent, type FeedbackKind } from '../../infra/local/email-feedback';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { createBooking, rescheduleBooking } from '../../shared/booking/booking-service';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { deterministicEventId } from '../../shared/events/event-id';
import type { DomainEventEnvelope } from '../../shared/events/event-publisher';
import { recipientHash } from '../../shared/mail/message-tags';
import { SesMailer } from '../../shared/mail/ses-mailer';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { claimsFor, invoke as invokeHttp } from '../support/lambda-invoke';
import { createTherapist, tableItems, TestClock } from '../support/practice-fixture';
import { addressedTo, storedEmails } from '../support/ses-store';
import { capturedLogLines } from '../support/log-scan';

/**
 * SES bounces and complaints, end to end against DynamoDB Local and the local SES server: the
 * emails really go out with their tags, the feedback events have SES's real shape (addresses
 * included), and the therapist's list and the next emails show what was recorded.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
let sent: SentMessages;
/** Every SES v2 request body the mailer sent, as it went over the wire. */
let wire: Array<Record<string, any>>;

beforeEach(() => {
  resetDependencies();
  clock.set('2026-12-01T06:00:00Z');
  sent = new SentMessages();
  wire = [];
  const ses = new SESv2Client({ region: 'us-east-1', endpoint: process.env.SES_ENDPOINT! });
  ses.middlewareStack.add(
    (next) => async (args) => {
      const body = (args.request as { body?: unknown }).body;
      if (body instanceof Uint8Array || typeof body === 'string') wire.push(JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as Record<string, any>);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordRequests' },
  );
  overrideDependencies({ clock, mailer: sent.wrap(new SesMailer(ses)) });
});
afterAll(() => resetDependencies());

let seq = 0;
async function couplesBooking() {
  const therapistId = await createTherapist();
  const tag = `${therapistId}-${++seq}`;
  const people = { alex: `alex.fb-${tag}@private-mail.example`, blake: `blake.fb-${tag}@private-mail.example`, therapist: `${therapistId}@example.test` };
  const { booking } = await createBooking(dependencies(), {
    therapistId, sessionTypeId: 'couples-80', start: '2026-12-03T10:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true,
    clients: [{ name: 'Alex Morgan', email: people.alex, phone: '+49 30 5550 1234' }, { name: 'Blake Rivers', email: people.blake }],
  });
  await invoke(notificationsHandler, eventsForBookingChange(undefined, booking)[0]!);
  return { booking, people, therapistId };
}
const invoke = (handler: unknown, event: DomainEventEnvelope) => (handler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));

/** SES reports on the message last sent to `address`, as its event destination would. */
async function report(address: string, feedback: FeedbackKind) {
  const [message] = addressedTo(await storedEmails(), address).slice(-1);
  const messageId = message!.messageId;
  return (feedbackHandler as unknown as LambdaHandler)(sesFeedbackEvent(messageId, sent.get(messageId)!, feedback), lambdaContext('record-email-feedback', 10_000));
}
const permanent: FeedbackKind = { type: 'bounce', bounceType: 'Permanent' };

async function listed(therapistId: string) {
  const r = await invokeHttp('listMyBookings', listMyBookingsHandler as never, { claims: claimsFor(therapistId), query: { from: '2026-12-01', to: '2026-12-31' } });
  expect(r.status).toBe(200);
  return r.json.bookings as Array<{ id: string; clients: Array<{ email: string; deliveryProblem?: boolean }> }>;
}
/** How many emails went to each address, however its letters were cased. */
const counts = async (...addresses: string[]) => {
  const all = await storedEmails();
  return addresses.map((a) => all.filter((e) => e.destination.to.some((t) => t.toLowerCase().includes(a.toLowerCase()))).length);
};

/** Every line the code under test writes to stdout or stderr while `run` runs. */
const logsOf = async (run: () => Promise<void>): Promise<string> => (await capturedLogLines(run)).join('\n');

test('each booking email carries the booking, the role and a keyed hash of the address as SES tags, never the address', async () => {
  const { booking, people } = await couplesBooking();
  const sends = wire.filter((r) => r.Destination?.ToAddresses);
  expect(sends).toHaveLength(3);
  for (const request of sends) {
    const tags = Object.fromEntries((request.EmailTags as Array<{ Name: string; Value: string }>).map((t) => [t.Name, t.Value]));
    expect(tags).toEqual({ booking: booking.id, role: expect.stringMatching(/^(client-[01]|therapist)$/), recipient: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(request.EmailTags).toLowerCase()).not.toContain(people.alex.split('@')[0]);
  }
  const hashes = sends.map((r) => r.EmailTags.find((t: { Name: string }) => t.Name === 'recipient').Value);
  expect(new Set(hashes).size).toBe(3);
});

test('a permanent bounce marks that client in the therapist list, and the next email to them is not sent while their partner’s is; nothing logs the address', async () => {
  const { booking, people, therapistId } = await couplesBooking();
  expect(await counts(people.alex, people.blake, people.therapist)).toEqual([1, 1, 1]);
  const before = (await listed(therapistId)).find((b) => b.id === booking.id)!;
  expect(before.clients.map((c) => c.deliveryProblem)).toEqual([undefined, undefined]);

  let moved!: Booking;
  const logs = await logsOf(async () => {
    await report(people.alex, permanent);
    await report(people.alex, permanent); // SES (or EventBridge) delivers it again: nothing changes
    moved = await rescheduleBooking(dependencies(), booking.id, '2026-12-04T10:00:00+01:00');
    await invoke(notificationsHandler, eventsForBookingChange(booking, moved)[0]!);
  });

  const after = (await listed(therapistId)).find((b) => b.id === booking.id)!;
  expect(after.clients[0]).toMatchObject({ email: people.alex, deliveryProblem: true });
  expect(after.clients[1]).not.toHaveProperty('deliveryProblem');
  // The reschedule reached the partner and the therapist, not the dead address.
  expect(await counts(people.alex, people.blake, people.therapist)).toEqual([1, 2, 2]);
  expect(addressedTo(await storedEmails(), people.blake)[1]!.subject).toBe('Appointment rescheduled');

  const items = await tableItems();
  const alexHash = recipientHash(dependencies().config.manageTokenSecret, people.alex);
  expect(items.filter((i) => i.PK === `SUPPRESSED#${alexHash}`).map((i) => i.reason)).toEqual(['bounce']);
  expect(items.filter((i) => i.PK === `BOOKING#${booking.id}` && i.type === 'deliveryProblem').map((i) => [i.role, i.kind])).toEqual([['client-0', 'bounced']]);
  for (const item of items.filter((i) => i.type === 'suppression' || i.type === 'deliveryProblem')) {
    expect(JSON.stringify(item).toLowerCase()).not.toContain('alex.fb');
  }

  expect(logs).toContain('"email feedback"');
  expect(logs).toContain('email not sent: the address bounced or complained before');
  const lower = logs.toLowerCase();
  for (const secret of [people.alex, people.alex.split('@')[0]!, 'alex.fb', 'private-mail']) expect(lower).not.toContain(secret);
});

test('a hard-bounced address gets no reminder either, and a new booking with it is marked at once', async () => {
  const { booking, people, therapistId } = await couplesBooking();
  await report(people.alex, permanent);
  const reminder: DomainEventEnvelope = {
    id: deterministicEventId('reminder.due', booking.id, 1440), type: 'reminder.due', version: 1, occurredAt: '2026-12-02T09:00:00Z',
    data: { bookingId: booking.id, therapistId, start: booking.start, offsetMinutes: 1440, dueAt: '2026-12-02T09:00:00Z' },
  };
  await invoke(reminderHandler, reminder);
  expect(await counts(people.alex, people.blake)).toEqual([1, 2]);

  // The same client books again (another therapist): the address is known dead, so no
  // confirmation is attempted and the new booking shows the problem before any bounce.
  const other = await createTherapist();
  const { booking: again } = await createBooking(dependencies(), {
    therapistId: other, sessionTypeId: 'individual-50', start: '2026-12-03T14:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true,
    clients: [{ name: 'Alex Morgan', email: people.alex.toUpperCase() }],
  });
  await invoke(notificationsHandler, eventsForBookingChange(undefined, again)[0]!);
  expect(await counts(people.alex)).toEqual([1]);
  expect((await listed(other)).find((b) => b.id === again.id)!.clients[0]!.deliveryProblem).toBe(true);
  expect((await listed(therapistId)).find((b) => b.id === booking.id)!.clients[0]!.deliveryProblem).toBe(true);
});

test('a transient bounce marks the client but does not stop the next email', async () => {
  const { booking, people, therapistId } = await couplesBooking();
  await report(people.blake, { type: 'bounce', bounceType: 'Transient' });
  expect((await listed(therapistId)).find((b) => b.id === booking.id)!.clients.map((c) => c.deliveryProblem === true)).toEqual([false, true]);
  const moved = await rescheduleBooking(dependencies(), booking.id, '2026-12-04T10:00:00+01:00');
  await invoke(notificationsHandler, eventsForBookingChange(booking, moved)[0]!);
  expect(await counts(people.alex, people.blake)).toEqual([2, 2]);
  // A later hard bounce is worse and replaces the mark; a later soft one would not.
  await report(people.blake, permanent);
  await report(people.blake, { type: 'bounce', bounceType: 'Transient' });
  const marks = (await tableItems()).filter((i) => i.PK === `BOOKING#${booking.id}` && i.type === 'deliveryProblem');
  expect(marks.map((i) => [i.role, i.kind])).toEqual([['client-1', 'bounced']]);
});

test('a complaint stops all email to that address (decision 32) and marks the client', async () => {
  const { booking, people, therapistId } = await couplesBooking();
  await report(people.blake, { type: 'complaint' });
  expect((await listed(therapistId)).find((b) => b.id === booking.id)!.clients.map((c) => c.deliveryProblem === true)).toEqual([false, true]);
  const moved = await rescheduleBooking(dependencies(), booking.id, '2026-12-04T10:00:00+01:00');
  await invoke(notificationsHandler, eventsForBookingChange(booking, moved)[0]!);
  expect(await counts(people.alex, people.blake)).toEqual([2, 1]);
});

test('feedback without our tags is only logged; for a booking that is gone, only the address is suppressed', async () => {
  const untagged = sesFeedbackEvent('no-such-message', { to: 'someone@private-mail.example', from: 'practice@example.test', tags: {} }, permanent);
  const gone = sesFeedbackEvent('gone-message', {
    to: 'someone@private-mail.example', from: 'practice@example.test', tags: { booking: 'no-such-booking', role: 'client-0', recipient: 'a'.repeat(64) },
  }, permanent);
  const logs = await logsOf(async () => {
    await (feedbackHandler as unknown as LambdaHandler)(untagged, lambdaContext('record-email-feedback', 10_000));
    await (feedbackHandler as unknown as LambdaHandler)(gone, lambdaContext('record-email-feedback', 10_000));
  });
  const items = await tableItems();
  expect(items.filter((i) => i.PK === `SUPPRESSED#${'a'.repeat(64)}`)).toHaveLength(1);
  expect(items.filter((i) => i.PK === 'BOOKING#no-such-booking')).toEqual([]);
  expect(logs.match(/"email feedback"/g)).toHaveLength(2);
  expect(logs.toLowerCase()).not.toContain('someone@');
  expect(logs.toLowerCase()).not.toContain('private-mail');
});
