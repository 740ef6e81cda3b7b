import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { bookThroughApi, COUPLES, createTherapist, emailsTo, expectCleanRun, http, nthWeekday, openWidget, widgetText } from './widget-fixture';

let browser: Browser;
let therapist: string;
beforeAll(async () => {
  [browser, therapist] = await Promise.all([launchChromium(), createTherapist('manage')]);
});
afterAll(() => browser?.close());

const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));
const fullDate = (date: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(Date.parse(date));
const link = (b: { booking: { id: string }; manageToken: string }) => `#manage=${b.booking.id}&token=${encodeURIComponent(b.manageToken)}`;

test('a manage link shows the booking, reschedules it to another day, then cancels it', async () => {
  const [from, to] = [nthWeekday(1, 1), nthWeekday(2, 1)];
  const email = `manage-${Date.now()}@example.test`;
  const booked = await bookThroughApi(therapist, `${from}T10:00:00+01:00`, email);
  const w = await openWidget(browser, null, {}, link(booked));

  await w.widget.getByRole('heading', { name: 'Your appointment' }).waitFor();
  await w.widget.getByText('Status:').waitFor();
  // The token is out of the address bar (and so out of history and bookmarks) once read.
  expect(w.page.url()).toBe(`${process.env.E2E_API}/`);
  let text = await widgetText(w);
  expect(text).toContain(fullDate(from));
  expect(text).toMatch(/10:00.10:50/);
  expect(text).toContain('Status: Confirmed');
  expect(text).toContain('Individual session');
  await w.shot('08-manage.png');

  await w.widget.getByRole('button', { name: 'Reschedule' }).click();
  await w.widget.getByRole('heading', { name: 'Choose a new time' }).waitFor();
  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(to)}, times available`) }).click();
  await w.widget.getByRole('button', { name: '11:00', exact: true }).click();
  await w.widget.getByRole('heading', { name: 'Confirm the new time' }).waitFor();
  text = await widgetText(w);
  expect(text).toContain(fullDate(from));
  expect(text).toContain(fullDate(to));
  await w.shot('09-manage-confirm-reschedule.png');
  await w.widget.getByRole('button', { name: 'Move appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment has been moved' }).waitFor();
  expect(await widgetText(w)).toMatch(/11:00.11:50/);
  await w.shot('10-manage-rescheduled.png');
  const auth = { authorization: `Bearer ${booked.manageToken}` };
  const moved = await http('GET', `/v1/bookings/${booked.booking.id}`, undefined, auth);
  expect(Date.parse(moved.json.booking.start)).toBe(Date.parse(`${to}T11:00:00+01:00`));

  await w.widget.getByRole('button', { name: 'Back to your appointment' }).click();
  await w.widget.getByRole('button', { name: 'Cancel appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Cancel this appointment?' }).waitFor();
  expect(await widgetText(w)).toContain('Please cancel or reschedule at least 24 hours ahead.');
  await w.shot('11-manage-confirm-cancel.png');
  await w.widget.getByRole('button', { name: 'Yes, cancel it' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is cancelled' }).waitFor();
  await w.shot('12-manage-cancelled.png');
  expect((await http('GET', `/v1/bookings/${booked.booking.id}`, undefined, auth)).json.booking.status).toBe('cancelled');
  expect((await emailsTo(email, 3)).length).toBeGreaterThanOrEqual(3); // confirmed, moved, cancelled
  expectCleanRun(w);
  await w.close();
});

test('a wrong or expired link says so plainly and offers to book anew', async () => {
  const booked = await bookThroughApi(therapist, `${nthWeekday(3, 2)}T09:00:00+01:00`);
  const w = await openWidget(browser, null, {}, `#manage=${booked.booking.id}&token=m1.not-the-token`);
  await w.widget.getByText('This link is not valid or has expired.').waitFor();
  await w.shot('13-manage-invalid-link.png');
  await w.widget.getByRole('button', { name: 'Book a new appointment' }).click();
  await w.widget.getByRole('heading', { name: /Choose a (therapist|type of session)/ }).waitFor();
  expectCleanRun(w);
  await w.close();
});

test('a cancellation inside the window: refused with a clear message, or accepted as late', async () => {
  const booked = await bookThroughApi(therapist, `${nthWeekday(4, 2)}T09:00:00+01:00`);
  const w = await openWidget(browser, null, {}, link(booked));
  // The practice's window is a server setting; here the answers are staged to see both texts.
  let answer = 0;
  await w.page.route('**/cancel', (route) =>
    answer++ === 0
      ? route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'cancellation_window_passed', message: 'Too late.' } }) })
      : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ booking: { ...booked.booking, status: 'cancelled', lateCancellation: true } }) }),
  );
  await w.widget.getByRole('button', { name: 'Cancel appointment' }).click();
  await w.widget.getByRole('button', { name: 'Yes, cancel it' }).click();
  await w.widget.getByRole('alert').getByText('It is too late to cancel online').waitFor();
  expect(await w.widget.getByRole('button', { name: 'Yes, cancel it' }).count()).toBe(0);
  await w.widget.getByRole('button', { name: 'Keep appointment' }).click();
  await w.widget.getByRole('button', { name: 'Cancel appointment' }).click();
  await w.widget.getByRole('button', { name: 'Yes, cancel it' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is cancelled' }).waitFor();
  expect(await widgetText(w)).toContain('counts as a late cancellation');
  expectCleanRun(w);
  await w.close();
});

test("a partner's own link from their email shows their name and email, and the other partner by first name only", async () => {
  const tag = Date.now();
  const [alex, blake] = [{ name: 'Alex Morgan', email: `alex-${tag}@example.test` }, { name: 'Blake Rivers', email: `blake-${tag}@example.test` }];
  const r = await http('POST', '/v1/bookings', {
    therapistId: therapist, sessionTypeId: COUPLES.id, start: `${nthWeekday(5, 3)}T10:00:00+01:00`, timeZone: 'Europe/Berlin', clients: [alex, blake], policyAccepted: true,
  });
  expect(r.status).toBe(201);
  // Blake opens the link in Blake's own confirmation email.
  await emailsTo(blake.email);
  const mail = ((await http('GET', '/_local/outbox')).json.emails as { destination: { to: string[] }; body: { text?: string } }[])
    .find((e) => e.destination.to.some((to) => to.includes(blake.email)))!;
  const fragment = /#manage=[^&\s]+&token=[^\s>)"]+/.exec(mail.body.text ?? '')![0];
  expect(decodeURIComponent(fragment.split('token=')[1]!)).toBe(r.json.manageTokens[1]);

  const w = await openWidget(browser, null, {}, fragment);
  await w.widget.getByText('Status:').waitFor();
  const text = await widgetText(w);
  expect(text).toContain(`Booked for: Blake Rivers (${blake.email})`);
  expect(text).toContain('Together with Alex');
  for (const hidden of ['Morgan', alex.email]) expect(text).not.toContain(hidden);
  await w.shot('14-manage-couples-partner.png');
  expectCleanRun(w);
  await w.close();
});

/**
 * The manage view of a session three hours away, as the browser's clock sees it, with the practice's
 * window and mode as staged here (the runtime's settings and virtual clock are shared by every e2e file).
 */
async function openInsideWindow(mode: 'refuse' | 'flag', booked: { booking: { id: string; start: string }; manageToken: string }) {
  const w = await openWidget(browser, null);
  await w.page.clock.setFixedTime(Date.parse(booked.booking.start) - 3 * 3_600_000);
  await w.page.route('**/v1/practice', async (route) => {
    const real = await route.fetch();
    const body = await real.json();
    await route.fulfill({ response: real, json: { practice: { ...body.practice, lateCancellationHours: 24, lateCancellationMode: mode } } });
  });
  await w.page.reload();
  await w.widget.getByRole('heading', { name: /Choose a (therapist|type of session)/ }).waitFor();
  await w.page.evaluate((hash) => ((globalThis as any).location.hash = hash), link(booked));
  await w.widget.getByRole('heading', { name: 'Your appointment' }).waitFor();
  await w.widget.getByText('Status:').waitFor();
  return w;
}

test('inside the late window, refuse mode: the client is told to contact the practice and offered no move or cancel', async () => {
  const booked = await bookThroughApi(therapist, `${nthWeekday(4, 3)}T10:00:00+01:00`);
  const w = await openInsideWindow('refuse', booked);
  await w.widget.getByText('can no longer be moved or cancelled online. Please contact the practice.').waitFor();
  expect(await widgetText(w)).toContain('This appointment begins in less than 24 hours');
  expect(await w.widget.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
  expect(await w.widget.getByRole('button', { name: 'Cancel appointment' }).count()).toBe(0);
  expect(await w.widget.getByRole('button', { name: 'Add to calendar' }).count()).toBe(1);
  await w.shot('15-manage-late-refused.png');
  expectCleanRun(w);
  await w.close();
});

test('inside the late window, flag mode: the client is warned that a move counts as late, before and after moving', async () => {
  const booked = await bookThroughApi(therapist, `${nthWeekday(5, 2)}T10:00:00+01:00`);
  const to = nthWeekday(5, 4);
  const w = await openInsideWindow('flag', booked);
  await w.widget.getByText('so moving or cancelling it now counts as late').waitFor();
  await w.shot('16-manage-late-flagged.png');

  // The server decides (its clock and settings may differ from the browser's): its answers are staged
  // to see both texts, a refusal first, then a move accepted as a late change.
  let answer = 0;
  await w.page.route('**/reschedule', (route) =>
    answer++ === 0
      ? route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'cancellation_window_passed', message: 'Too late.' } }) })
      : route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ booking: { ...booked.booking, start: `${to}T11:00:00+01:00`, end: `${to}T11:50:00+01:00`, status: 'confirmed', lateChange: true } }),
        }),
  );
  const pick = async () => {
    await w.widget.getByRole('button', { name: 'Reschedule' }).click();
    await w.widget.getByRole('heading', { name: 'Choose a new time' }).waitFor();
    await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(to)}, times available`) }).click();
    await w.widget.getByRole('button', { name: '11:00', exact: true }).click();
    await w.widget.getByRole('heading', { name: 'Confirm the new time' }).waitFor();
    expect(await widgetText(w)).toContain('Moving less than 24 hours before the appointment counts as a late change.');
  };
  await pick();
  await w.widget.getByRole('button', { name: 'Move appointment' }).click();
  await w.widget.getByRole('alert').getByText('It is too late to move this appointment online').waitFor();
  expect(await w.widget.getByRole('button', { name: 'Move appointment' }).count()).toBe(0);
  await w.widget.getByRole('button', { name: 'Back' }).click();
  await w.widget.getByRole('button', { name: 'Back' }).click();
  await pick();
  await w.widget.getByRole('button', { name: 'Move appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment has been moved' }).waitFor();
  expect(await widgetText(w)).toContain('so it counts as a late change');
  expectCleanRun(w);
  await w.close();
});
