import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import type { SessionType } from '../../shared/domain/therapist';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { invoke, type InvokeResult } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { createTherapist, INDIVIDUAL, putSettings, TestClock } from '../support/practice-fixture';
import { addressedTo, storedEmails, type StoredEmail } from '../support/ses-store';

/*
 * No oracle (issue 14): trying an address on POST /v1/bookings must not tell whether it belongs to
 * an existing client of the therapist. For session types whose rules depend on exactly that (an
 * audience, an approval for new clients), a new and an existing address get the same status, the
 * same answer but for ids and tokens, the same table reads and writes (its timing class), and the
 * same emails but for the link. The rules apply only once the address is proven.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
const START = '2026-12-03T10:00:00+01:00';
const TYPES: SessionType[] = [
  { ...INDIVIDUAL, id: 'new-only', audience: 'new_clients' },
  { ...INDIVIDUAL, id: 'existing-only', audience: 'existing_clients' },
  { ...INDIVIDUAL, id: 'approve-new', approval: 'new_clients' },
];

/** Every DynamoDB command the handlers send, by name and table-free shape, in order. */
const commands: string[] = [];
beforeAll(async () => {
  await useOwnPractice();
  overrideDependencies({ clock });
  await putSettings({ verifyClientEmail: 'always', verificationMinutes: 30 });
  const real = dependencies().db;
  const counting = new Proxy(real, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string }; input: Record<string, unknown> }, ...rest: unknown[]) => {
        const input = command.input as { Key?: Record<string, unknown>; TransactItems?: unknown[]; RequestItems?: Record<string, { Keys?: unknown[] }> };
        const size = input.TransactItems?.length ?? Object.values(input.RequestItems ?? {})[0]?.Keys?.length ?? 1;
        commands.push(`${command.constructor.name}×${size}`);
        return (target.send as (...a: unknown[]) => unknown).call(target, command, ...rest);
      };
    },
  });
  overrideDependencies({ db: counting });
});
afterAll(() => {
  backToSharedPractice();
  resetDependencies();
});

let seq = 0;
async function attempt(sessionTypeId: string, existing: boolean) {
  const therapistId = await createTherapist({}, [INDIVIDUAL, ...TYPES]);
  const email = `someone-${therapistId}-${++seq}@example.test`;
  if (existing) {
    // A past session with this therapist: the address is an existing client's.
    await dependencies().clientHistory.record(therapistId, email, `earlier-${seq}`, '2026-11-01T10:00:00.000Z');
    expect(await dependencies().clientHistory.existingClients(therapistId, [email], clock.now())).toEqual([true]);
  }
  commands.length = 0;
  const answer = await invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId, start: START, timeZone: 'Europe/Berlin', policyAccepted: true, clients: [{ name: 'Sam Doe', email }] },
  });
  const reads = [...commands];
  const booking = answer.status === 201 ? await dependencies().bookings.get(answer.json.booking.id) : undefined;
  for (const event of booking ? eventsForBookingChange(undefined, booking) : []) {
    await (notificationsHandler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));
  }
  const emails = addressedTo(await storedEmails(), email);
  return { answer, reads, emails, therapistId, email };
}

/** The answer with what differs by nature (ids, tokens, the address itself) replaced by placeholders. */
function normalised({ answer, therapistId, email }: { answer: InvokeResult; therapistId: string; email: string }): unknown {
  const id = answer.json?.booking?.id as string | undefined;
  let text = JSON.stringify(answer.json);
  for (const [value, placeholder] of [[email, 'EMAIL'], [id, 'BOOKING'], [therapistId, 'THERAPIST']] as const) if (value) text = text.split(value).join(placeholder);
  return JSON.parse(text.replace(/"[mp][12]\.[A-Za-z0-9_.-]+"/g, '"TOKEN"'));
}
const emailShape = (emails: StoredEmail[]) =>
  emails.map((e) => ({ subject: e.subject, text: (e.body.text ?? '').replace(/#verify=[^\s]+/g, '#verify=LINK'), attachments: e.attachments.length }));

test.each(TYPES.map((t) => [t.id, t] as const))('%s: a new and an existing address get the same status, answer, table work and emails', async (id) => {
  const fresh = await attempt(id, false);
  const known = await attempt(id, true);
  expect(fresh.answer.status).toBe(201);
  expect(known.answer.status).toBe(fresh.answer.status);
  expect(fresh.answer.json.booking.status).toBe('pending_verification');
  expect(known.answer.json.booking.status).toBe('pending_verification');
  expect(normalised(known)).toEqual(normalised(fresh));
  expect(Object.keys(known.answer.headers).sort()).toEqual(Object.keys(fresh.answer.headers).sort());
  // The same commands, in the same order, of the same sizes: no read that depends on the address.
  expect(fresh.reads.length).toBeGreaterThan(0);
  expect(known.reads).toEqual(fresh.reads);
  expect(fresh.emails.map((e) => e.subject)).toEqual(['Please confirm your appointment request']);
  expect(emailShape(known.emails)).toEqual(emailShape(fresh.emails));
});

test('the detector is live: where no verification applies, the rules judge at once and the two addresses differ', async () => {
  await putSettings({ verifyClientEmail: 'off' });
  try {
    const fresh = await attempt('new-only', false);
    const known = await attempt('new-only', true);
    expect([fresh.answer.status, known.answer.status]).toEqual([201, 409]);
    expect(fresh.answer.json.booking.status).toBe('confirmed');
  } finally {
    await putSettings({ verifyClientEmail: 'always' });
  }
});
