import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { bookThroughApi, createTherapist, expectCleanRun, nthWeekday, openWidget, slotsOn } from './widget-fixture';

/*
 * Failures the booking service did not write: API Gateway's own errors (a throttle, a timed-out
 * function), a proxy's page, or an answer the browser hides because it came without CORS headers.
 * The widget cannot tell why; it says "try again" and the retry works (decision 37).
 */
let browser: Browser;
let therapist: string;
beforeAll(async () => {
  [browser, therapist] = await Promise.all([launchChromium(), createTherapist('unreadable')]);
});
afterAll(() => browser?.close());

const retry = (w: Awaited<ReturnType<typeof openWidget>>) => w.widget.getByRole('alert').getByRole('button', { name: 'Try again' });

test('an answer the browser hides (no CORS headers) reads as a network error; "Try again" loads the practice', async () => {
  // A cross-origin answer without CORS headers reaches the page as a failed fetch (net::ERR_FAILED),
  // whatever its status. Playwright's route.fulfill skips Chromium's CORS check (tried: a fulfilled
  // cross-origin 503 without the headers was readable), so the failure is produced directly.
  const w = await openWidget(browser, null);
  await w.widget.getByRole('heading', { name: 'Choose a therapist' }).waitFor();
  let calls = 0;
  await w.page.route('**/v1/therapists', (route) => (calls++ === 0 ? route.abort('failed') : route.continue()));
  await w.widget.evaluate((el: any, id: string) => el.setAttribute('therapist', id), therapist);
  await retry(w).waitFor();
  expect(await w.widget.getByRole('alert').textContent()).toContain('We could not reach the booking service');
  await retry(w).click();
  await w.widget.getByRole('button', { name: /Individual session/ }).getByText(/Next opening/).waitFor();
  expect(calls).toBe(2);
  expectCleanRun(w);
  await w.close();
});

test("a gateway's or proxy's own answer (not the API's error shape) offers \"Try again\", and the retry works", async () => {
  const w = await openWidget(browser, null);
  await w.widget.getByRole('heading', { name: 'Choose a therapist' }).waitFor();
  let calls = 0;
  await w.page.route('**/v1/therapists', (route) =>
    calls++ === 0 ? route.fulfill({ status: 403, contentType: 'text/html', body: '<html><body>Request blocked</body></html>' }) : route.continue(),
  );
  await w.widget.evaluate((el: any, id: string) => el.setAttribute('therapist', id), therapist);
  await retry(w).waitFor();
  expect(await w.widget.getByRole('alert').textContent()).toContain('Something went wrong on our side');
  await retry(w).click();
  await w.widget.getByRole('button', { name: /Individual session/ }).getByText(/Next opening/).waitFor();
  expectCleanRun(w);
  await w.close();
});

test('a manage link whose booking read fails at the gateway is not called invalid: "Try again" shows the appointment', async () => {
  const [slot] = await slotsOn(therapist, 'talk-50', nthWeekday(3, 2), 'Europe/Berlin');
  const booked = await bookThroughApi(therapist, slot!.start, `unreadable-${Date.now()}@example.test`);
  const w = await openWidget(browser, null);
  let calls = 0;
  await w.page.route(`**/v1/bookings/${booked.booking.id}`, (route) =>
    calls++ === 0 ? route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ message: 'Not Found' }) }) : route.continue(),
  );
  // The link arrives as the client follows it from an email into an open page: the widget switches to it.
  await w.page.evaluate((hash) => ((globalThis as any).location.hash = hash), `#manage=${booked.booking.id}&token=${encodeURIComponent(booked.manageToken)}`);
  await retry(w).waitFor();
  expect(await w.widget.getByRole('alert').textContent()).toContain('Something went wrong on our side');
  expect(await w.widget.getByText('This link is not valid').count()).toBe(0);
  await retry(w).click();
  await w.widget.getByRole('heading', { name: 'Your appointment' }).waitFor();
  expect(calls).toBe(2);
  expectCleanRun(w);
  await w.close();
});
