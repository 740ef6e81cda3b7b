import { overrideDependencies } from '../../shared/runtime/dependencies';
import { invoke } from '../support/lambda-invoke';
import { capturedLogLines, expectNoPersonalData, PERSONAL_DATA } from '../support/log-scan';
import { createTherapist, TestClock } from '../support/practice-fixture';

const SECRETS = { ...PERSONAL_DATA, reason: 'partner found out about the appointment' };

test('a whole booking flow logs JSON lines with a request id and no personal data', async () => {
  overrideDependencies({ clock: new TestClock(new Date('2026-12-01T06:00:00Z')) });
  // The logger reads its level when first loaded: load the handlers only now, at the most verbose level.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  const { handler: availabilityHandler } = await import('../../functions/http/get-availability');
  const { handler: cancelHandler } = await import('../../functions/http/cancel-booking');
  const { handler: createHandler } = await import('../../functions/http/create-booking');
  const { handler: getHandler } = await import('../../functions/http/get-booking');
  const { handler: rescheduleHandler } = await import('../../functions/http/reschedule-booking');
  const lines = await capturedLogLines(async () => {
    const therapistId = await createTherapist();
    await invoke('getAvailability', availabilityHandler, { pathParameters: { therapistId }, query: { sessionTypeId: 'couples-80', from: '2026-12-02', to: '2026-12-03' } });
    const body = {
      therapistId, sessionTypeId: 'couples-80', start: '2026-12-02T10:00:00+01:00', timeZone: 'Europe/Berlin', note: SECRETS.note, policyAccepted: true,
      clients: [{ name: SECRETS.name, email: SECRETS.email, phone: SECRETS.phone }, { name: SECRETS.partner, email: SECRETS.partnerEmail }],
    };
    const created = await invoke('createBooking', createHandler, { body });
    expect(created.status).toBe(201);
    await invoke('createBooking', createHandler, { body }); // refused: taken
    await invoke('createBooking', createHandler, { body: { ...body, clients: [{ name: SECRETS.name, email: 'not-an-email' }] } }); // invalid
    await invoke('createBooking', createHandler, { body: `{"note": "${SECRETS.note}", broken` }); // malformed
    const auth = { authorization: `Bearer ${created.json.manageToken}` };
    const bookingId = created.json.booking.id;
    await invoke('getBooking', getHandler, { pathParameters: { bookingId }, headers: auth });
    await invoke('rescheduleBooking', rescheduleHandler, { pathParameters: { bookingId }, body: { start: '2026-12-03T10:00:00+01:00' }, headers: auth });
    await invoke('cancelBooking', cancelHandler, { pathParameters: { bookingId }, body: { reason: SECRETS.reason }, headers: auth });
  });

  const handled = lines.filter((l) => l.includes('"request handled"'));
  expect(handled.length).toBeGreaterThanOrEqual(8);
  for (const line of lines) {
    const entry = JSON.parse(line); // every line is structured JSON
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.function_request_id).toBeDefined();
  }
  expectNoPersonalData(lines, SECRETS);
});

test('held bookings log no address, name or verification link: the hold, each partner verifying, the request and its emails, its lapse', async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
  // Loaded only now, as above: the logger takes its level when first loaded.
  const { backToSharedPractice, useOwnPractice } = await import('../support/own-practice');
  const { putSettings } = await import('../support/practice-fixture');
  const { dependencies } = await import('../../shared/runtime/dependencies');
  const { handler: createHandler } = await import('../../functions/http/create-booking');
  const { handler: notificationsHandler } = await import('../../functions/events/send-booking-notifications');
  const { eventsForBookingChange } = await import('../../shared/events/booking-change-events');
  const { issueVerifyToken } = await import('../../shared/tokens/verify-token');
  const { bridgeEvent } = await import('../support/bridge-event');
  const { lambdaContext } = await import('../../infra/local/api-gateway-event');
  await useOwnPractice();
  overrideDependencies({ clock });
  let verifyTokens: string[] = [];
  const lines = await capturedLogLines(async () => {
    await putSettings({ verifyClientEmail: 'always' });
    const therapistId = await createTherapist({}, [{ id: 'couples-approval', name: 'Couples', kind: 'couples', durationMinutes: 80, modality: 'in_person', approval: 'always' }]);
    const created = await invoke('createBooking', createHandler, {
      body: {
        therapistId, sessionTypeId: 'couples-approval', start: '2026-12-02T10:00:00+01:00', timeZone: 'Europe/Berlin', note: SECRETS.note, policyAccepted: true,
        clients: [{ name: SECRETS.name, email: SECRETS.email, phone: SECRETS.phone }, { name: SECRETS.partner, email: SECRETS.partnerEmail }],
      },
    });
    expect(created.json.booking.status).toBe('pending_verification');
    const deps = dependencies();
    const secret = deps.config.manageTokenSecret;
    verifyTokens = [0, 1].map((i) => issueVerifyToken(secret, created.json.booking.id, i));
    const deliver = (event: unknown) => notificationsHandler(bridgeEvent(event as never) as never, lambdaContext('test', 10_000));
    // Each change as the hold service writes it, and the event the stream publisher makes of it.
    let booking = (await deps.bookings.get(created.json.booking.id))!;
    const step = async (fields: Record<string, unknown>, hold?: 'put' | 'delete') => {
      const next = { ...booking, ...fields, sequence: booking.sequence + 1, updatedAt: clock.now().toISOString() } as typeof booking;
      for (const [key, value] of Object.entries(fields)) if (value === undefined) delete (next as unknown as Record<string, unknown>)[key];
      await deps.bookings.commit({ booking: next, expect: booking.sequence, expiresAt: 2_000_000_000, ledgers: [], ...(hold ? { hold } : {}) });
      for (const event of eventsForBookingChange(booking, next)) await deliver(event);
      booking = next;
    };
    for (const event of eventsForBookingChange(undefined, booking)) await deliver(event);
    await step({ verified: [true, false] });
    await step({ status: 'requested', verified: [true, true], verifiedAt: clock.now().toISOString(), holdUntil: '2026-12-01T08:00:00.000Z' }, 'put');
    clock.set('2026-12-01T08:00:00Z');
    await step({ status: 'expired', expiredAt: '2026-12-01T08:00:00.000Z', holdUntil: undefined }, 'delete');
  }).finally(backToSharedPractice);
  expect(lines.filter((l) => l.includes('"verification emails done"'))).toHaveLength(1);
  expect(lines.filter((l) => l.includes('"hold notifications done"'))).toHaveLength(2);
  const all = expectNoPersonalData(lines, SECRETS);
  for (const token of verifyTokens) expect(all).not.toContain(token.split('.')[2]!.toLowerCase());
});
