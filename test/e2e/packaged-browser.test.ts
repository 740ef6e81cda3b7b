import type { Browser } from 'playwright-core';
import { foreignRequests, launchChromium, PACKAGED_PLATFORMS, packagedChromiumPackage, PLATFORM } from '../support/browser';

/**
 * The widget in the Chromium that `@sparticuz/chromium` ships, whatever else the machine has: the
 * other browser tests use Debian's where it is installed (CI, this machine), and this one keeps
 * proving that a fresh machine without it passes too. About 3 s the first time (unpacking), then
 * only a browser launch.
 */
const api = process.env.E2E_API!;
const onPackagedPlatform = PACKAGED_PLATFORMS.includes(PLATFORM) ? describe : describe.skip;

onPackagedPlatform(`the packaged Chromium (${PLATFORM})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ source: 'package' });
  });
  afterAll(() => browser?.close());

  test('is the one the package ships, and runs the widget against the API in one context after another', async () => {
    expect(browser.version().split('.')[0]).toBe(packagedChromiumPackage().version.split('.')[0]);
    for (const locale of ['en-GB', 'de-DE']) {
      const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale });
      const page = await context.newPage();
      const foreign = foreignRequests(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${api}/`);
      const widget = page.locator('booking-widget');
      await widget.evaluate((el) => (el as { setAttribute(name: string, value: string): void }).setAttribute('therapist', 'demo'));
      await widget.getByRole('button', { name: /Individual session/ }).click();
      await widget.locator('button.day.open').first().waitFor();
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
