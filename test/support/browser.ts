import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core: no browser download, no sandbox (containers), and
 * every host name except 127.0.0.1 resolves to nothing, so a test cannot reach the internet even
 * by accident. Playwright needs its temporary directory to exist.
 */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(process.env.TMPDIR || os.tmpdir(), { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** Records the host of every request the page makes that is not this machine's. */
export function foreignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && !['127.0.0.1', 'localhost'].includes(url.hostname)) foreign.push(url.href);
  });
  return foreign;
}
