import { overrideDependencies } from '../../shared/runtime/dependencies';
import { claimsFor } from '../support/lambda-invoke';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

/**
 * Control characters in free text (decision 31) are a 400 naming the field, and change nothing,
 * through the real handlers and DynamoDB Local. Which fields refuse which characters is checked
 * field by field in test/unit/http/control-characters.test.ts.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));

const booking = (therapistId: string, extra: Record<string, unknown> = {}) => ({
  therapistId, sessionTypeId: 'individual-50', start: '2026-12-02T10:00:00+01:00', timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true, ...extra,
});

async function expectRefused(reply: Promise<{ status: number; json: any }>, field: string, before: unknown) {
  const r = await reply;
  expect(r.status).toBe(400);
  expect(r.json.error.code).toBe('validation_failed');
  expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  expect(await tableItems()).toEqual(before);
}

test.each([
  ['NUL in a name', { clients: [{ ...client(1), name: 'Ana\u0000Lima' }] }, 'clients.0.name'],
  ['a terminal escape in a name', { clients: [{ ...client(1), name: 'Ana \u001b[31mLima' }] }, 'clients.0.name'],
  ['a line break in a name', { clients: [{ ...client(1), name: 'Ana\r\nBcc: someone' }] }, 'clients.0.name'],
  ["BEL in the second partner's name", { sessionTypeId: 'couples-80', start: '2026-12-02T09:00:00+01:00', clients: [client(1), { ...client(2), name: 'Bo\u0007' }] }, 'clients.1.name'],
  ['a C1 control in a phone number', { clients: [{ ...client(1), phone: '+49 30\u0085 1234567' }] }, 'clients.0.phone'],
  ['ESC in a note', { note: 'see you \u001b[2J' }, 'note'],
])('booking: %s is a 400 naming the field', async (_name, extra, field) => {
  const therapistId = await createTherapist();
  const before = await tableItems();
  await expectRefused(call('createBooking', { body: booking(therapistId, extra) }), field, before);
});

test('a note may span lines', async () => {
  const therapistId = await createTherapist();
  const r = await call('createBooking', { body: booking(therapistId, { start: '2026-12-02T11:00:00+01:00', note: 'first line\r\nsecond line\n\tindented' }) });
  expect(r.status).toBe(201);
  const mine = await call('listMyBookings', { claims: claimsFor(therapistId), query: { from: '2026-12-02', to: '2026-12-02' } });
  expect(mine.json.bookings.find((b: { id: string }) => b.id === r.json.booking.id).note).toBe('first line\r\nsecond line\n\tindented');
});

test('therapist and admin text fields refuse control characters', async () => {
  const therapistId = await createTherapist();
  const me = claimsFor(therapistId);
  const admin = claimsFor(therapistId, 'admin');
  const before = await tableItems();
  await expectRefused(call('putMe', { claims: me, body: { displayName: 'Dr.\u0000 Who', email: 'who@example.test' } }), 'displayName', before);
  await expectRefused(call('putMe', { claims: me, body: { displayName: 'Dr. Who', email: 'who@example.test', bio: 'bell\u0007' } }), 'bio', before);
  await expectRefused(call('createTimeOff', { claims: me, body: { start: '2026-12-10T00:00:00Z', end: '2026-12-11T00:00:00Z', label: 'away\nfor good' } }), 'label', before);
  await expectRefused(
    call('createSessionType', { claims: me, body: { name: 'Intake\u001b', kind: 'individual', durationMinutes: 50, modality: 'telehealth' } }),
    'name',
    before,
  );
  await expectRefused(call('putSettings', { claims: admin, body: { practiceName: 'Harbor\u009bLight' } }), 'practiceName', before);
  await expectRefused(call('putSettings', { claims: admin, body: { senderName: 'Harbor\r\nLight' } }), 'senderName', before);
  await expectRefused(call('putSettings', { claims: admin, body: { videoUrl: 'https://video.example/ro\nom' } }), 'videoUrl', before);
  await expectRefused(call('createTherapist', { claims: admin, body: { displayName: 'New\u0000', email: 'new@example.test', timeZone: 'Europe/Berlin' } }), 'displayName', before);
});
