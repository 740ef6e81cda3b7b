import '../support/verbose-logs';
import type { BookingEvent } from '../../events/booking-events';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { cancelBooking, createBooking } from '../../shared/booking/booking-service';
import { clientHash } from '../../shared/clients/client-history';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { createTherapist, TestClock } from '../support/practice-fixture';

/* The client history consumer's logs, at the most verbose level, carry ids and counts: no name, no address, not even its hash. */
afterAll(() => resetDependencies());

test('recording and forgetting a couple’s session logs no name, address or address hash', async () => {
  overrideDependencies({ clock: new TestClock(new Date('2026-12-01T06:00:00Z')) });
  const { handler } = await import('../../functions/events/record-client-history');
  const deps = dependencies();
  const therapistId = await createTherapist();
  const secrets = { name: 'Quincy Zebulon-Marsh', partner: 'Perpetua Vantongeren', email: `quincy.zm.${therapistId}@private-mail.example`, partnerEmail: `perpetua.v.${therapistId}@private-mail.example` };
  const { booking } = await createBooking(deps, {
    therapistId, sessionTypeId: 'couples-80', start: '2026-12-03T10:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true,
    clients: [{ name: secrets.name, email: secrets.email }, { name: secrets.partner, email: secrets.partnerEmail }],
  });
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => (lines.push(...String(chunk).split('\n').filter(Boolean)), true);
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    const deliver = (event: BookingEvent) => (handler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));
    await deliver(eventsForBookingChange(undefined, booking)[0]!);
    const cancelled = await cancelBooking(deps, booking.id, { by: 'client' });
    await deliver(eventsForBookingChange(booking, cancelled)[0]!);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  expect(lines.filter((l) => l.includes('"client history synced"'))).toHaveLength(2);
  const text = lines.join('\n').toLowerCase();
  const hashes = [secrets.email, secrets.partnerEmail].map((e) => clientHash(deps.config.manageTokenSecret, therapistId, e));
  for (const secret of [...Object.values(secrets), 'quincy', 'perpetua', 'private-mail', ...hashes]) expect({ secret, found: text.includes(secret.toLowerCase()) }).toEqual({ secret, found: false });
});
