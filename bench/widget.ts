import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/support/browser';
import { buildWidget } from '../widget/build';
import { ratio, spread, table, timed, verdict, type Timed } from './stats';

export interface WidgetResult {
  bytes: number;
  gzipBytes: number;
  sizeOk: boolean;
  /** The API requests the widget made before its first slots, in order. */
  requests: string[];
  ms: Timed;
}

/**
 * The widget as built for practices (minified, gzipped as a CDN serves it), and in Chromium the
 * time from navigation to the first bookable days on the demo page of `npm start` (the session type
 * is chosen the moment its button shows, as a client would). The floor is the same page fetching
 * the same API requests itself, all at once, from navigation to their last byte: the least any page
 * needs before it can show slots.
 */
export async function runWidget(rt: { api: string; origin: string }, quick: boolean): Promise<WidgetResult> {
  const reps = quick ? 3 : 9;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-widget-'));
  const file = await buildWidget(dir);
  const source = readFileSync(file);
  rmSync(dir, { recursive: true, force: true });
  const browser = await launchChromium();
  const page = `${rt.api}/`; // as the widget tests open it (127.0.0.1: this Chromium may not resolve localhost)
  const apiHost = new URL(rt.api).host;
  let requests: string[] = [];
  const widgetMs: number[] = [];
  const floorMs: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      {
        const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
        const tab = await context.newPage();
        const seen: string[] = [];
        tab.on('request', (q) => { const u = new URL(q.url()); if (u.host === apiHost && u.pathname.startsWith('/v1/')) seen.push(u.pathname + u.search); });
        await tab.goto(page, { waitUntil: 'commit' });
        const widget = tab.locator('booking-widget');
        // The demo therapist, set as a practice's own script might (as the widget tests do).
        await widget.evaluate((el) => el.setAttribute('therapist', 'demo'));
        await widget.getByRole('button', { name: /Individual session/ }).first().click();
        await widget.locator('button.day.open').first().waitFor();
        widgetMs.push(await tab.evaluate(() => performance.now()));
        requests = seen;
        await context.close();
      }
      {
        const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
        const tab = await context.newPage();
        await tab.goto(page, { waitUntil: 'commit' });
        const urls = [...new Set(requests)].map((u) => `${rt.api}${u}`);
        floorMs.push(await tab.evaluate(async (all) => {
          await Promise.all(all.map((u) => fetch(u).then((x) => x.json())));
          return performance.now();
        }, urls));
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const gzipBytes = gzipSync(source, { level: 9 }).length;
  return { bytes: source.length, gzipBytes, sizeOk: gzipBytes <= 30 * 1024, requests, ms: timed(widgetMs, floorMs) };
}

export function widgetTable(r: WidgetResult): string {
  return [
    table(['widget', 'size', 'gzip', 'page load → first slots ms median (min–max)', 'floor ms', 'ratio'], [['booking-widget.js', `${(r.bytes / 1024).toFixed(1)} KB`, `${(r.gzipBytes / 1024).toFixed(1)} KB ${verdict(r.sizeOk)}`, spread(r.ms.value), spread(r.ms.floor), ratio(r.ms.ratio)]]),
    `goal: gzip ≤ 30 KB; requests before the first slots: ${r.requests.join(', ')}`,
  ].join('\n');
}
