import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import type { RunningRuntime } from '../../support/npm-start';
import {
  COUPLES, createTherapist, expectAccessible, expectCleanRun, http, INDIVIDUAL, nthWeekday, openWidget, widgetText, type WidgetPage,
  ownRuntimeForFile,
} from './widget-fixture';

/**
 * Issue 16, items 2, 6, 7 and 9 in the widget: where the session takes place, the .ics and the
 * add-to-calendar links, the states (cancelled, the confirm step, the current time when moving), the
 * summary panel and the practice's contact details at dead ends. A runtime of this file's own: the
 * tests write the practice's address and contact details.
 */
let runtime: RunningRuntime;
let browser: Browser;
let therapist: string;
const ADDRESS = '12 Elm St, Portland, ME';
const CONTACT = { phone: '+1 (207) 555-0100', email: 'hello@elm-practice.example' };
ownRuntimeForFile((r, b) => ([runtime, browser] = [r, b]));
beforeAll(async () => {
  therapist = await createTherapist('place', 'America/New_York', [{ start: '09:00', end: '13:00' }]);
});

const bearer = async (therapistId: string, role?: 'admin') =>
  ({ authorization: `Bearer ${(await http('POST', '/_local/token', { therapistId, ...(role ? { role } : {}) })).json.token}` });

/** The practice's settings with `change` applied, as the admin writes them (a merge: '' or {} clears a field). */
async function settings(change: Record<string, unknown>) {
  const admin = await bearer('w-admin', 'admin');
  const current = (await http('GET', '/v1/admin/settings', undefined, admin)).json.settings;
  const put = await http('PUT', '/v1/admin/settings', { ...current, ...change }, admin);
  expect(put.status).toBe(200);
}

const dayLabel = (date: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.parse(date));
const link = (b: { booking: { id: string }; manageToken: string }) => `#manage=${b.booking.id}&token=${encodeURIComponent(b.manageToken)}`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function book(start: string, sessionTypeId = INDIVIDUAL.id, email = `api-${Date.now()}@example.test`) {
  const clients = sessionTypeId === COUPLES.id ? [{ name: 'Api Client', email }, { name: 'Api Partner', email: `p-${email}` }] : [{ name: 'Api Client', email }];
  const r = await http('POST', '/v1/bookings', { therapistId: therapist, sessionTypeId, start, timeZone: 'America/New_York', clients, policyAccepted: true });
  expect(r.status).toBe(201);
  return r.json as { booking: { id: string; start: string; end: string }; manageToken: string };
}

/** Books `type` at `time` on `date` through the widget, as a client does, and returns the booking's answer. */
async function bookInWidget(w: WidgetPage, type: RegExp, date: string, time: string, couples = false) {
  const answer = w.page.waitForResponse((r) => r.url().endsWith('/v1/bookings') && r.request().method() === 'POST');
  await w.widget.getByRole('button', { name: type }).click();
  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(date)}, times available`) }).click();
  await w.widget.getByRole('button', { name: time, exact: true }).click();
  await w.widget.getByLabel('Your name').fill('Robin Client');
  await w.widget.getByLabel('Your email').fill(`robin-${Date.now()}@example.test`);
  if (couples) {
    await w.widget.getByLabel("Partner's name").fill('Sam Partner');
    await w.widget.getByLabel("Partner's email").fill(`sam-${Date.now()}@example.test`);
  }
  await w.widget.getByRole('checkbox', { name: 'I have read and accept the cancellation policy' }).check();
  await w.widget.getByRole('button', { name: 'Book appointment' }).click();
  const json = await (await answer).json();
  await w.widget.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
  return json as { booking: { id: string; start: string; end: string }; manageToken: string };
}

async function downloadedIcs(w: WidgetPage) {
  const [download] = await Promise.all([w.page.waitForEvent('download'), w.widget.getByRole('button', { name: 'Add to calendar' }).click()]);
  const ics = readFileSync((await download.path())!, 'utf8');
  return { ics, event: new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')! };
}

const hrefOf = async (w: WidgetPage, name: string) => {
  const a = w.widget.getByRole('link', { name: new RegExp(`^${name}`) });
  expect(await a.getAttribute('target')).toBe('_blank');
  expect(await a.getAttribute('rel')).toBe('noopener noreferrer');
  return new URL((await a.getAttribute('href'))!);
};
const compact = (instant: string) => new Date(instant).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');

test('where the session takes place: on the type step, the summary and the confirmation, for a client in another zone too', async () => {
  await settings({ address: ADDRESS });
  // A client in Tokyo, booking an in-person session in Maine: told so as plainly as anyone.
  const w = await openWidget(browser, therapist, { timezoneId: 'Asia/Tokyo' });
  const couples = w.widget.getByRole('button', { name: /Couples session/ });
  await couples.getByText(`In person at ${ADDRESS}`).waitFor();
  // The name once, then the facts: no "Couples session / Couples · 80 min".
  expect(await couples.locator('.facts').textContent()).toBe(`80 min · In person at ${ADDRESS}`);
  expect(await w.widget.getByRole('button', { name: /Individual session/ }).locator('.facts').textContent()).toBe('50 min · Online — the link comes by email');
  await w.shot('w16c-01-types.png');

  await w.widget.getByRole('button', { name: /Couples session/ }).click();
  await w.widget.getByRole('heading', { name: 'Choose a date and time' }).waitFor();
  // The summary panel: with whom, what once, how long and where.
  const panel = w.widget.locator('.summary');
  await panel.getByText(`80 min · In person at ${ADDRESS}`).waitFor();
  expect((await panel.innerText()).split(/\s*\n\s*/).filter(Boolean)).toEqual(['With Dr. Place Test', 'Couples session', `80 min · In person at ${ADDRESS}`]);
  await w.widget.getByRole('button', { name: 'Back' }).click();

  const date = nthWeekday(3, 2);
  const booked = await bookInWidget(w, /Couples session/, date, '23:00', true); // 09:00 in New York
  const text = await widgetText(w);
  expect(text).toContain(`In person at ${ADDRESS}`);
  expect(text).toContain('Times in Japan Standard Time (GMT+9)'); // Tokyo keeps one offset all year
  const { event, ics } = await downloadedIcs(w);
  expect(event.getFirstPropertyValue('uid')).toBe(`${booked.booking.id}@practice-booking`);
  expect(event.getFirstPropertyValue('location')).toBe(ADDRESS);
  expect(event.getFirstPropertyValue('summary')).toBe('Appointment');
  expect(ics).not.toMatch(/Couples|Place Test|Robin|Sam/);
  // The calendar links carry the address too.
  expect((await hrefOf(w, 'Google Calendar')).searchParams.get('location')).toBe(ADDRESS);
  expect((await hrefOf(w, 'Outlook')).searchParams.get('location')).toBe(ADDRESS);
  await expectAccessible(w.page, 'confirmation in person');
  expectCleanRun(w);
  await w.close();

  // No address set: "In person" alone, never an empty "at".
  await settings({ address: '' });
  const v = await openWidget(browser, therapist);
  await v.widget.getByRole('button', { name: /Couples session/ }).locator('.facts').getByText('80 min · In person').waitFor();
  expect(await v.widget.getByRole('button', { name: /Couples session/ }).locator('.facts').textContent()).toBe('80 min · In person');
  expectCleanRun(v);
  await v.close();
});

test('the .ics and the Google and Outlook links of a video session: discreet, online, the manage link only in the file', async () => {
  await settings({ address: ADDRESS });
  const w = await openWidget(browser, therapist);
  const date = nthWeekday(2, 2);
  const booked = await bookInWidget(w, /Individual session/, date, '16:00'); // 10:00 in New York
  expect(await widgetText(w)).toContain('Online — the link comes by email');
  await w.shot('w16c-02-confirmation.png');

  const { ics, event } = await downloadedIcs(w);
  expect(event.getFirstPropertyValue('uid')).toBe(`${booked.booking.id}@practice-booking`);
  expect((event.getFirstPropertyValue('dtstart') as any).toJSDate().toISOString()).toBe(new Date(booked.booking.start).toISOString());
  expect((event.getFirstPropertyValue('dtend') as any).toJSDate().toISOString()).toBe(new Date(booked.booking.end).toISOString());
  expect(event.getFirstPropertyValue('summary')).toBe('Appointment');
  expect(event.getFirstPropertyValue('location')).toBe('Online');
  expect(event.getFirstPropertyValue('class')).toBe('PRIVATE');
  const manage = `${runtime.api}/#manage=${booked.booking.id}&token=${encodeURIComponent(booked.manageToken)}`;
  const description = event.getFirstPropertyValue('description') as string;
  expect(description).toContain('the video link comes by email');
  expect(description).toContain(manage);
  expect(event.getFirstPropertyValue('url')).toBe(manage);
  expect(ics).not.toMatch(/Individual|Place Test|Robin|video\.harbor/);
  // The manage link in the file opens this booking.
  const opened = await openWidget(browser, null, {}, manage.slice(manage.indexOf('#')));
  await opened.widget.getByText('Status: Confirmed').waitFor();
  await opened.close();

  const google = await hrefOf(w, 'Google Calendar');
  expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
  expect(Object.fromEntries(google.searchParams)).toEqual({
    action: 'TEMPLATE', text: 'Appointment', dates: `${compact(booked.booking.start)}/${compact(booked.booking.end)}`,
    details: 'Online: the video link comes by email.\nTo reschedule or cancel, use the link in your confirmation email.', location: 'Online',
  });
  const outlook = await hrefOf(w, 'Outlook');
  expect(outlook.origin + outlook.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
  expect(Object.fromEntries(outlook.searchParams)).toEqual({
    subject: 'Appointment', startdt: new Date(booked.booking.start).toISOString().replace('.000', ''), enddt: new Date(booked.booking.end).toISOString().replace('.000', ''),
    body: 'Online: the video link comes by email.\nTo reschedule or cancel, use the link in your confirmation email.', location: 'Online',
  });
  // Built, not fetched: no request to either host (expectCleanRun), and never the token.
  for (const href of [google.href, outlook.href]) expect(href).not.toContain(booked.manageToken.slice(3, 15));
  expectCleanRun(w);
  await w.close();
});

test("the therapist's photo shows from the page's or the API's origin only, without a referrer", async () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  // The public therapist list answers the photo as w16s adds it to the API (https in a deployment;
  // the local page and API are plain http on 127.0.0.1).
  async function withPhoto(photoUrl: string) {
    const w = await openWidget(browser, null);
    const photoRequests: { url: string; referer?: string }[] = [];
    w.page.on('request', (q) => q.url().includes('/photos/') && photoRequests.push({ url: q.url(), referer: q.headers().referer }));
    await w.page.route('**/v1/therapists', async (route) => {
      const real = await route.fetch();
      const body = await real.json();
      await route.fulfill({ response: real, json: { therapists: body.therapists.map((t: any) => (t.id === therapist ? { ...t, photoUrl } : t)) } });
    });
    await w.page.route('**/photos/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: png }));
    await w.widget.evaluate((el: any, id: string) => el.setAttribute('therapist', id), therapist);
    await w.widget.getByRole('button', { name: /Individual session/ }).click();
    await w.widget.locator('.summary').getByText('With Dr. Place Test').waitFor();
    return { w, photoRequests };
  }

  const same = await withPhoto(`${runtime.api}/photos/place.png`);
  const img = same.w.widget.locator('.summary img.photo');
  await img.waitFor();
  // Loaded, not merely in the markup.
  for (const deadline = Date.now() + 5000; !(await img.evaluate((el: any) => el.complete && el.naturalWidth === 1)) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  expect(await img.evaluate((el: any) => el.naturalWidth)).toBe(1);
  expect(await img.getAttribute('alt')).toBe('');
  expect(await img.getAttribute('referrerpolicy')).toBe('no-referrer');
  expect(same.photoRequests).toHaveLength(1);
  expect(same.photoRequests[0]!.referer).toBeUndefined();
  await expectAccessible(same.w.page, 'summary with photo');
  expectCleanRun(same.w);
  await same.w.close();

  const foreign = await withPhoto('https://photos.example.com/photos/place.png');
  expect(await foreign.w.widget.locator('img').count()).toBe(0);
  expect(foreign.photoRequests).toEqual([]);
  expectCleanRun(foreign.w);
  await foreign.w.close();
});

test('states: cancelling keeps "keep" primary, the cancelled view looks cancelled, the current time is marked when moving', async () => {
  const from = nthWeekday(4, 2);
  const booked = await book(`${from}T10:00:00-05:00`);
  const w = await openWidget(browser, null, { ...PHONE, timezoneId: 'America/New_York' }, link(booked));
  await w.widget.getByText('Status: Confirmed').waitFor();
  expect(await w.widget.locator('.step.over').count()).toBe(0);

  // Rescheduling: the booking's own time is among the day's times, labelled, not offered.
  await w.widget.getByRole('button', { name: 'Reschedule' }).click();
  await w.widget.getByRole('button', { name: new RegExp(`^${dayLabel(from)}, times available`) }).click();
  const current = w.widget.locator('.slot.current');
  await current.waitFor();
  expect(await current.innerText()).toMatch(/^10:00\s+Current$/i);
  expect(await w.widget.getByRole('button', { name: /^10:00/ }).count()).toBe(0);
  expect(await w.widget.getByRole('button', { name: '11:00', exact: true }).count()).toBe(1);
  const times = await w.widget.locator('.slots li').allInnerTexts();
  expect(times.map((t) => t.slice(0, 5))).toEqual(['09:00', '10:00', '11:00', '12:00']);
  await expectAccessible(w.page, 'reschedule with current');
  await w.shot('w16c-03-reschedule-current.png');
  await w.widget.getByRole('button', { name: 'Back' }).click();

  await w.widget.getByRole('button', { name: 'Cancel appointment' }).click();
  await w.widget.getByRole('heading', { name: 'Cancel this appointment?' }).waitFor();
  const keep = w.widget.getByRole('button', { name: 'Keep appointment' });
  const yes = w.widget.getByRole('button', { name: 'Yes, cancel it' });
  expect(await keep.getAttribute('class')).toBe('btn primary');
  expect(await yes.getAttribute('class')).toBe('btn danger');
  // Keep comes first.
  expect(await w.widget.locator('.actions button').allInnerTexts()).toEqual(['Keep appointment', 'Yes, cancel it']);
  await expectAccessible(w.page, 'confirm cancel');
  await w.shot('w16c-04-confirm-cancel.png');
  await yes.click();

  await w.widget.getByRole('heading', { name: 'Your appointment is cancelled' }).waitFor();
  expect(await w.widget.locator('.state.cancelled').innerText()).toMatch(/^Cancelled\b/);
  expect(await w.widget.locator('.step.over').count()).toBe(1);
  // Unlike a booked appointment: struck-through time, no accent bar; Book again is the way on.
  const look = await w.widget.locator('.summary .when').evaluate((el: any) => (globalThis as any).getComputedStyle(el).textDecorationLine);
  expect(look).toBe('line-through');
  expect(await w.widget.getByRole('button', { name: 'Book again' }).getAttribute('class')).toBe('btn primary');
  expect(await w.widget.getByRole('button', { name: 'Add to calendar' }).count()).toBe(0);
  await expectAccessible(w.page, 'cancelled');
  await w.shot('w16c-05-cancelled.png');

  // Opened again later, the link shows the same cancelled state, not "Your appointment" as if booked.
  const again = await openWidget(browser, null, PHONE, link(booked));
  await again.widget.locator('.state.cancelled').waitFor();
  expect(await again.widget.locator('.step.over').count()).toBe(1);
  expect(await again.widget.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
  await expectAccessible(again.page, 'cancelled, opened again');
  expectCleanRun(again);
  await again.close();
  expectCleanRun(w);
  await w.close();
});

test("dead ends show the practice's phone and email as links, and the plain sentence alone when none are set", async () => {
  const booked = await book(`${nthWeekday(5, 2)}T11:00:00-05:00`);
  const contactOf = async (w: WidgetPage) => {
    const p = w.widget.locator('.contact:visible');
    return (await p.count()) ? { text: await p.innerText(), hrefs: await p.locator('a').evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href'))) } : null;
  };

  await settings({ contact: {} });
  const plain = await openWidget(browser, null, {}, `#manage=${booked.booking.id}&token=m1.not-the-token`);
  await plain.widget.getByText('This link is not valid or has expired.').waitFor();
  expect(await contactOf(plain)).toBeNull();
  expectCleanRun(plain);
  await plain.close();

  await settings({ contact: CONTACT });
  const expected = { text: `Phone: ${CONTACT.phone} · Email: ${CONTACT.email}`, hrefs: ['tel:+12075550100', `mailto:${CONTACT.email}`] };

  // An invalid manage link.
  const invalid = await openWidget(browser, null, PHONE, `#manage=${booked.booking.id}&token=m1.not-the-token`);
  await invalid.widget.getByText('This link is not valid or has expired.').waitFor();
  await invalid.widget.locator('.contact a').first().waitFor();
  expect(await contactOf(invalid)).toEqual(expected);
  await expectAccessible(invalid.page, 'invalid link with contact');
  await invalid.shot('w16c-06-invalid-link-contact.png');
  expectCleanRun(invalid);
  await invalid.close();

  // An invalid verification link.
  const verify = await openWidget(browser, null, {}, `#verify=${booked.booking.id}&token=v1.not-the-token`);
  await verify.widget.getByText('This link is not valid or has expired.').waitFor();
  await verify.widget.locator('.contact a').first().waitFor();
  expect(await contactOf(verify)).toEqual(expected);
  expectCleanRun(verify);
  await verify.close();

  // Too late to cancel online (the server's refusal, staged: the window is the server's own rule).
  const late = await openWidget(browser, null, {}, link(booked));
  await late.widget.getByText('Status: Confirmed').waitFor();
  await late.page.route('**/cancel', (route) =>
    route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'cancellation_window_passed', message: 'Too late.' } }) }),
  );
  await late.widget.getByRole('button', { name: 'Cancel appointment' }).click();
  await late.widget.getByRole('button', { name: 'Yes, cancel it' }).click();
  const alert = late.widget.getByRole('alert');
  await alert.getByText('It is too late to cancel online').waitFor();
  expect(await alert.locator('.contact a').evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')))).toEqual(expected.hrefs);
  expectCleanRun(late);
  await late.close();

  // Inside the late window in refuse mode: told before trying, with the details.
  await settings({ lateCancellationMode: 'refuse' });
  const refused = await openWidget(browser, null, {}, link(booked));
  await refused.page.clock.setFixedTime(Date.parse(booked.booking.start) - 3 * 3_600_000);
  await refused.page.reload();
  await refused.widget.getByRole('heading', { name: /Choose a (therapist|type of session)/ }).waitFor();
  await refused.page.evaluate((hash) => ((globalThis as any).location.hash = hash), link(booked));
  await refused.widget.getByText('can no longer be moved or cancelled online. Please contact the practice.').waitFor();
  await refused.widget.locator('.contact a').first().waitFor();
  expect(await contactOf(refused)).toEqual(expected);
  expectCleanRun(refused);
  await refused.close();
  await settings({ lateCancellationMode: 'flag' });

  // Not configured: a therapist the page names who is not there.
  const none = await openWidget(browser, 'nobody-here');
  await none.widget.getByText('Online booking is not available here right now. Please contact the practice.').waitFor();
  await none.widget.locator('.contact a').first().waitFor();
  expect(await contactOf(none)).toEqual(expected);
  expectCleanRun(none);
  await none.close();
});
