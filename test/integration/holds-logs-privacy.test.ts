import type { SessionType } from '../../shared/domain/therapist';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { issueVerifyToken } from '../../shared/tokens/verify-token';
import { claimsFor, invoke } from '../support/lambda-invoke';
import { capturedLogLines, expectNoPersonalData, PERSONAL_DATA } from '../support/log-scan';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { COUPLES, createTherapist, INDIVIDUAL, putSettings, TestClock } from '../support/practice-fixture';

const SECRETS = { ...PERSONAL_DATA, declineReason: 'dual relationship with the neighbour' };

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
afterAll(() => {
  backToSharedPractice();
  resetDependencies();
});

test('holds, verification, requests and their expiry log JSON lines with no personal data, the decline reason included', async () => {
  await useOwnPractice();
  overrideDependencies({ clock });
  await putSettings({ verifyClientEmail: 'always' });
  // The logger reads its level when first loaded: load the handlers only now, at the most verbose level.
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  const { handler: createHandler } = await import('../../functions/http/create-booking');
  const { handler: verifyHandler } = await import('../../functions/http/verify-booking');
  const { handler: approveHandler } = await import('../../functions/http/approve-my-booking');
  const { handler: declineHandler } = await import('../../functions/http/decline-my-booking');
  const { handler: cancelHandler } = await import('../../functions/http/cancel-booking');
  const { handler: expireHandler } = await import('../../functions/scheduled/expire-holds');
  const lines = await capturedLogLines(async () => {
    const asked: SessionType = { ...COUPLES, id: 'couples-asked', approval: 'always' };
    const forNew: SessionType = { ...INDIVIDUAL, id: 'consult', audience: 'new_clients' };
    const therapistId = await createTherapist({}, [COUPLES, asked, forNew]);
    await dependencies().clientHistory.record(therapistId, SECRETS.email, 'earlier', '2026-11-01T10:00:00.000Z');
    const secret = dependencies().config.manageTokenSecret;
    const couple = [{ name: SECRETS.name, email: SECRETS.email, phone: SECRETS.phone }, { name: SECRETS.partner, email: SECRETS.partnerEmail }];
    const book = (start: string, sessionTypeId = asked.id, clients = couple) =>
      invoke('createBooking', createHandler, { body: { therapistId, sessionTypeId, start, timeZone: 'Europe/Berlin', note: SECRETS.note, policyAccepted: true, clients } });
    const verifyAll = async (id: string, count = 2) => {
      for (let i = 0; i < count; i++) {
        await invoke('verifyBooking', verifyHandler, { pathParameters: { bookingId: id }, headers: { authorization: `Bearer ${issueVerifyToken(secret, id, i)}` } });
      }
    };
    const me = claimsFor(therapistId);

    const declined = (await book('2026-12-02T10:00:00+01:00')).json.booking.id;
    await verifyAll(declined);
    await invoke('declineMyBooking', declineHandler, { pathParameters: { bookingId: declined }, claims: me, body: { reason: SECRETS.declineReason } });
    const approved = (await book('2026-12-02T13:00:00+01:00')).json.booking.id;
    await verifyAll(approved);
    await invoke('approveMyBooking', approveHandler, { pathParameters: { bookingId: approved }, claims: me });
    const refused = (await book('2026-12-03T10:00:00+01:00', forNew.id, [couple[0]!])).json.booking.id;
    await verifyAll(refused, 1); // declined by the rules: an existing client
    const withdrawn = await book('2026-12-03T13:00:00+01:00');
    await invoke('cancelBooking', cancelHandler, {
      pathParameters: { bookingId: withdrawn.json.booking.id }, body: {}, headers: { authorization: `Bearer ${withdrawn.json.manageToken}` },
    });
    const lapsed = (await book('2026-12-04T10:00:00+01:00')).json.booking.id;
    clock.set('2026-12-01T07:00:00Z');
    await invoke('verifyBooking', verifyHandler, { pathParameters: { bookingId: lapsed }, headers: { authorization: `Bearer ${issueVerifyToken(secret, lapsed, 0)}` } });
    await expireHandler({} as never, {} as never);
  });

  expect(lines.filter((l) => l.includes('"hold changed"')).length).toBeGreaterThanOrEqual(8);
  for (const line of lines) JSON.parse(line); // every line is structured JSON
  expectNoPersonalData(lines, SECRETS);
});
