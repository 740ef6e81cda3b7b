import type { Browser } from 'playwright-core';
import type { RunningRuntime } from '../../support/npm-start';
import {
  COUPLES, createTherapist, expectAccessible, expectCleanRun, http, INDIVIDUAL, nthWeekday, openWidget, widgetText, type WidgetPage,
  ownRuntimeForFile,
} from './widget-fixture';

/**
 * The widget when the practice verifies clients' addresses (issue 14). A runtime of this file's own:
 * these tests turn verification on and move the virtual clock, which the other files' shared
 * runtime (the demo practice, verification off) must not see.
 */
let runtime: RunningRuntime;
let browser: Browser;
let therapist: string;
ownRuntimeForFile((r, b) => ([runtime, browser] = [r, b]));
beforeAll(async () => {
  therapist = await createTherapist('verify');
  const admin = await bearer('w-admin', 'admin');
  const { settings } = (await http('GET', '/v1/admin/settings', undefined, admin)).json;
  const put = await http('PUT', '/v1/admin/settings', { ...settings, verifyClientEmail: 'always', verificationMinutes: 30, requestHoldHours: 48 }, admin);
  expect(put.status).toBe(200);
});

const VERIFY_SUBJECT = 'Please confirm your appointment request';
const bearer = async (therapistId: string, role?: 'admin') =>
  ({ authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token}` });
const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));
const manageLink = (id: string, token: string) => `#manage=${id}&token=${encodeURIComponent(token)}`;
let seq = 0;
const address = (who: string) => `${who}-${Date.now()}-${seq++}@example.test`;

type Email = { destination: { to: string[] }; subject: string; body: { text?: string } };
const outbox = async () => (await http('GET', '/_local/outbox')).json.emails as Email[];
const to = (emails: Email[], email: string, subject?: string) => emails.filter((e) => e.destination.to.some((t) => t.includes(email)) && (!subject || e.subject === subject));

/** Nothing left to deliver: the runtime settled, so an email not in the outbox now will not come. */
async function settled() {
  expect((await http('POST', '/_local/settle')).status).toBe(200);
}

/** The `#verify=…&token=…` fragment of the verification email to `email`, waited for. */
async function verifyLinkTo(email: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mail = to(await outbox(), email, VERIFY_SUBJECT)[0];
    if (mail) return /#verify=[^&\s]+&token=[^\s>)"]+/.exec(mail.body.text ?? '')![0];
    if (Date.now() > deadline) throw new Error(`no verification email to ${email}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The `#manage=…&token=…` fragment of the newest email to `email` that carries one, waited for: the
 * client's own link. (The answer to POST /v1/bookings carries a provisional token that stops
 * opening the booking once the client verifies, decision 91.)
 */
async function manageLinkTo(email: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const link = to(await outbox(), email).map((m) => /#manage=[^&\s]+&token=[^\s>)"]+/.exec(m.body.text ?? '')?.[0]).filter(Boolean).pop();
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no email with a manage link to ${email}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function book(therapistId: string, start: string, clients: { name: string; email: string }[], sessionTypeId = clients.length > 1 ? COUPLES.id : INDIVIDUAL.id) {
  const r = await http('POST', '/v1/bookings', { therapistId, sessionTypeId, start, timeZone: 'Europe/Berlin', clients, policyAccepted: true });
  expect(r.status).toBe(201);
  expect(r.json.booking.status).toBe('pending_verification');
  return r.json as { booking: { id: string; start: string }; manageToken: string; manageTokens: string[] };
}

/** The session type as the therapist keeps it, with `change` applied through the therapist API. */
async function changeType(therapistId: string, type: typeof INDIVIDUAL, change: Record<string, string>) {
  const r = await http('PUT', `/v1/me/session-types/${type.id}`, { ...type, ...change }, await bearer(therapistId));
  expect(r.status).toBe(200);
}

async function pickAndFill(w: WidgetPage, date: string, time: string, values: Record<string, string>) {
  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(date)}, times available`) }).click();
  await w.widget.getByRole('button', { name: time, exact: true }).click();
  await w.widget.getByLabel('Your name').waitFor();
  for (const [label, value] of Object.entries(values)) await w.widget.getByLabel(label, { exact: true }).fill(value);
  await w.widget.getByRole('checkbox', { name: 'I have read and accept the cancellation policy' }).check();
}

test('a booking awaiting email confirmation says so; the link in the email books it', async () => {
  const email = address('pending');
  const date = nthWeekday(1, 1);
  const w = await openWidget(browser, therapist);
  await w.widget.getByRole('button', { name: /Individual session/ }).click();
  await w.widget.locator('button.day.open').first().waitFor();
  await pickAndFill(w, date, '10:00', { 'Your name': 'Pat Pending', 'Your email': email });
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();

  await w.widget.getByRole('heading', { name: 'Check your email to confirm' }).waitFor();
  const text = await widgetText(w);
  expect(text).toContain(`We have sent a link to ${email}.`);
  expect(text).toMatch(/We keep this time for you for 30 minutes, until .+\d\d:\d\d\./);
  expect(text).toContain('Nothing is booked until the link is opened.');
  expect(await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).count()).toBe(0);
  expect(text).not.toContain('Add to calendar');
  await expectAccessible(w.page, 'check your email');
  await w.shot('30-verify-pending.png');
  expectCleanRun(w);
  await w.close();

  const v = await openWidget(browser, null, {}, await verifyLinkTo(email));
  await v.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  // The token is out of the address bar once read, as a manage link's is.
  expect(v.page.url()).toBe(`${runtime.api}/`);
  expect(await widgetText(v)).toMatch(/10:00.10:50/);
  expect(await widgetText(v)).not.toContain('already confirmed');
  await expectAccessible(v.page, 'verified: booked');
  await v.shot('31-verify-booked.png');
  expectCleanRun(v);
  await v.close();

  // The same link again: no error, the booking as it is.
  const again = await openWidget(browser, null, {}, await verifyLinkTo(email));
  await again.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expect(await widgetText(again)).toContain('This email address was already confirmed.');
  expectCleanRun(again);
  await again.close();
});

test('couples: the first partner to confirm is told the booking waits for the other', async () => {
  const [alex, blake] = [{ name: 'Alex Pair', email: address('alex') }, { name: 'Blake Pair', email: address('blake') }];
  const booked = await book(therapist, `${nthWeekday(2, 1)}T10:00:00+01:00`, [alex, blake]);

  const first = await openWidget(browser, null, {}, await verifyLinkTo(alex.email));
  await first.widget.getByRole('heading', { name: 'Thank you, your email is confirmed' }).waitFor();
  const text = await widgetText(first);
  expect(text).toContain('Now waiting for your partner');
  expect(text).toContain('The appointment is booked once they open it too.');
  await expectAccessible(first.page, 'verified: waiting for partner');
  await first.shot('32-verify-partner-waiting.png');
  expectCleanRun(first);
  await first.close();

  // Meanwhile, Alex's manage link shows the hold, which can be withdrawn but not moved.
  const m = await openWidget(browser, null, {}, manageLink(booked.booking.id, booked.manageTokens[0]!));
  await m.widget.getByText('Status:').waitFor();
  expect(await widgetText(m)).toContain('Status: Awaiting email confirmation');
  expect(await m.widget.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
  expect(await m.widget.getByRole('button', { name: 'Withdraw request' }).count()).toBe(1);
  await expectAccessible(m.page, 'manage: awaiting confirmation');
  expectCleanRun(m);
  await m.close();

  const second = await openWidget(browser, null, {}, await verifyLinkTo(blake.email));
  await second.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expectCleanRun(second);
  await second.close();
  // The booker's provisional token ended with the verification; each partner's own link, from their email, shows it booked.
  const old = await http('GET', `/v1/bookings/${booked.booking.id}`, undefined, { authorization: `Bearer ${booked.manageToken}` });
  expect(old.status).toBe(403);
  const own = decodeURIComponent((await manageLinkTo(alex.email)).split('token=')[1]!);
  const view = await http('GET', `/v1/bookings/${booked.booking.id}`, undefined, { authorization: `Bearer ${own}` });
  expect(view.json.booking.status).toBe('confirmed');
});

test('a type that needs the therapist\'s approval: after the link, and on the manage page, "the therapist will confirm"', async () => {
  const own = await createTherapist('approval');
  await changeType(own, INDIVIDUAL, { approval: 'always' });
  const email = address('request');
  const booked = await book(own, `${nthWeekday(3, 1)}T10:00:00+01:00`, [{ name: 'Robin Request', email }]);

  const v = await openWidget(browser, null, {}, await verifyLinkTo(email));
  await v.widget.getByRole('heading', { name: 'Your request has been sent' }).waitFor();
  const text = await widgetText(v);
  expect(text).toContain('The therapist will confirm this time.');
  expect(text).toMatch(/If the therapist has not answered by .*, the request lapses/);
  expect(text).not.toContain('Add to calendar');
  await expectAccessible(v.page, 'verified: requested');
  await v.shot('33-verify-requested.png');
  expectCleanRun(v);
  await v.close();

  // The client's own link, from the "request received" email.
  const m = await openWidget(browser, null, {}, await manageLinkTo(email));
  await m.widget.getByText('Status:').waitFor();
  const manage = await widgetText(m);
  expect(manage).toContain('Status: Requested: the therapist will confirm');
  expect(manage).toContain('The therapist will confirm this time.');
  expect(await m.widget.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
  expect(await m.widget.getByRole('button', { name: 'Add to calendar' }).count()).toBe(0);
  await expectAccessible(m.page, 'manage: requested');
  await m.shot('34-manage-requested.png');
  expectCleanRun(m);
  await m.close();
});

test('a type for existing clients only, confirmed by a new address: says so and offers the other types', async () => {
  const own = await createTherapist('existing');
  await changeType(own, INDIVIDUAL, { audience: 'existing_clients' });
  const email = address('newcomer');
  await book(own, `${nthWeekday(4, 1)}T10:00:00+01:00`, [{ name: 'Noa New', email }]);

  const v = await openWidget(browser, null, {}, await verifyLinkTo(email));
  await v.widget.getByRole('heading', { name: 'This session type is not available to you' }).waitFor();
  expect(await widgetText(v)).toContain('This type of session is for existing clients only, so nothing was booked.');
  await expectAccessible(v.page, 'verified: refused by audience');
  await v.shot('35-verify-refused.png');
  await v.widget.getByRole('button', { name: 'Choose another type of session' }).click();
  await v.widget.getByRole('heading', { name: 'Choose a type of session' }).waitFor();
  await v.widget.getByRole('button', { name: /Couples session/ }).waitFor();
  expect(await v.widget.getByRole('button', { name: /Individual session/ }).count()).toBe(0);
  expectCleanRun(v);
  await v.close();
});

test('"Book again" from a manage link of a confirmed booking books at once, without a new confirmation email', async () => {
  const email = address('again');
  const first = await book(therapist, `${nthWeekday(5, 1)}T10:00:00+01:00`, [{ name: 'Sam Again', email }]);
  const fragment = await verifyLinkTo(email);
  const verified = await http('POST', `/v1/bookings/${first.booking.id}/verify`, {}, { authorization: `Bearer ${decodeURIComponent(fragment.split('token=')[1]!)}` });
  expect(verified.status).toBe(200);
  expect(verified.json.booking.status).toBe('confirmed');

  // The client's own link, from the confirmation email (the POST answer's token was provisional).
  const ownLink = await manageLinkTo(email);
  const w = await openWidget(browser, null, {}, ownLink);
  await w.widget.getByText('Status: Confirmed').waitFor();
  const posts: Record<string, string>[] = [];
  w.page.on('request', (q) => q.method() === 'POST' && q.url().endsWith('/v1/bookings') && posts.push(q.headers()));
  await w.widget.getByRole('button', { name: 'Book again' }).click();
  // Straight to the same type's times, the holder's details already in the form.
  await w.widget.getByRole('heading', { name: 'Choose a date and time' }).waitFor();
  const date = nthWeekday(5, 2);
  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(date)}, times available`) }).click();
  await w.widget.getByRole('button', { name: '11:00', exact: true }).click();
  await w.widget.getByLabel('Your name').waitFor();
  expect(await w.widget.getByLabel('Your name').inputValue()).toBe('Sam Again');
  expect(await w.widget.getByLabel('Your email').inputValue()).toBe(email);
  await w.widget.getByRole('checkbox', { name: 'I have read and accept the cancellation policy' }).check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  expect(posts).toHaveLength(1);
  expect(posts[0]!.authorization).toBe(`Bearer ${decodeURIComponent(ownLink.split('token=')[1]!)}`);
  await settled();
  expect(to(await outbox(), email, VERIFY_SUBJECT)).toHaveLength(1); // the first booking's only
  expectCleanRun(w);
  await w.close();
});

test('the link opened after the hold lapsed: the time is free again, and Book again starts anew', async () => {
  const email = address('late');
  await book(therapist, `${nthWeekday(1, 3)}T10:00:00+01:00`, [{ name: 'Lee Late', email }]);
  const fragment = await verifyLinkTo(email);
  const { now } = (await http('GET', '/_local/clock')).json;
  expect((await http('POST', '/_local/clock', { now: new Date(Date.parse(now) + 31 * 60_000).toISOString() })).status).toBe(200);

  const v = await openWidget(browser, null, {}, fragment);
  await v.widget.getByRole('heading', { name: 'This request has expired' }).waitFor();
  expect(await widgetText(v)).toContain('This request has expired and the time is free again. Please book again.');
  await expectAccessible(v.page, 'verified: expired');
  await v.shot('36-verify-expired.png');
  await v.widget.getByRole('button', { name: 'Book again' }).click();
  await v.widget.getByRole('heading', { name: /Choose a (therapist|type of session)/ }).waitFor();
  expectCleanRun(v);
  await v.close();
});
