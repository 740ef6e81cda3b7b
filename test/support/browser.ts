import { execFile } from 'node:child_process';
import { accessSync, constants, lstatSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Which Chromium the browser tests drive, so `npm ci && npm test` is all the set-up a machine
 * needs. First found wins:
 * 1. `CHROMIUM_PATH`, the user's explicit choice (wrong -> a clear error, never a silent fallback);
 * 2. Debian's `/usr/bin/chromium` (what CI installs);
 * 3. an installed Google Chrome;
 * 4. the dev dependency `@sparticuz/chromium`, a Chromium packed inside the npm package (Linux x64
 *    and arm64 only), unpacked once per version into the temporary directory.
 * `BROWSER_SKIP_SYSTEM=1` skips 2 and 3: it is how a machine that has them proves the tests pass
 * on the packaged one (as on a fresh machine, where only the package is there).
 */
export type BrowserSource = 'CHROMIUM_PATH' | 'debian' | 'chrome' | 'package';
export interface FoundBrowser {
  source: BrowserSource;
  /** Absent for the package: its binary exists only once unpacked (`packagedChromium()`). */
  executablePath?: string;
}

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const CHROME_PATHS = [
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
/** The platforms `@sparticuz/chromium` ships a binary for. */
export const PACKAGED_PLATFORMS = ['linux-x64', 'linux-arm64'];
export const PLATFORM = `${process.platform}-${process.arch}`;

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  isExecutable: (file: string) => boolean = isExecutableFile,
  platform = PLATFORM,
): FoundBrowser {
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
    return { source: 'CHROMIUM_PATH', executablePath: env.CHROMIUM_PATH };
  }
  if (env.BROWSER_SKIP_SYSTEM !== '1') {
    if (isExecutable(DEBIAN_CHROMIUM)) return { source: 'debian', executablePath: DEBIAN_CHROMIUM };
    const chrome = CHROME_PATHS.find(isExecutable);
    if (chrome) return { source: 'chrome', executablePath: chrome };
  }
  if (PACKAGED_PLATFORMS.includes(platform)) return { source: 'package' };
  throw new Error(
    `No Chromium for the browser tests: none at ${[DEBIAN_CHROMIUM, ...CHROME_PATHS].join(', ')}` +
      `${env.BROWSER_SKIP_SYSTEM === '1' ? ' (skipped: BROWSER_SKIP_SYSTEM=1)' : ''}, and @sparticuz/chromium ships` +
      ` none for ${platform}. Set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  );
}

/**
 * Publishes a directory that `fill` writes, all at once: `fill` writes a private staging directory,
 * which is then renamed to `dir`. Jest's workers unpack at the same time on a fresh machine, and the
 * package's own unpacking (straight to `<tmp>/chromium`) lets a second process see, and launch, a
 * half-written binary. Whoever renames first wins; the others drop their copy and use the winner's.
 */
export async function publishOnce(dir: string, fill: (staging: string) => Promise<void>): Promise<string> {
  if (isOurDirectory(dir)) return dir;
  const staging = await mkdtemp(`${dir}.partial-`);
  try {
    await fill(staging);
    try {
      await rename(staging, dir);
    } catch (e) {
      if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!isOurDirectory(dir)) throw new Error(`${dir} exists but is not a directory only this user can write: remove it`);
  return dir;
}

/** The temporary directory is shared: use only a real directory of ours that nobody else can write to. */
function isOurDirectory(dir: string): boolean {
  try {
    const s = lstatSync(dir);
    return s.isDirectory() && (process.getuid === undefined || s.uid === process.getuid()) && (s.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Where the project's `@sparticuz/chromium` is, and its version (its major is Chromium's). */
export function packagedChromiumPackage(): { main: string; version: string } {
  const projectRequire = createRequire(path.join(process.cwd(), 'package.json'));
  const main = projectRequire.resolve('@sparticuz/chromium'); // <package>/build/cjs/index.cjs
  const { version } = JSON.parse(readFileSync(path.resolve(path.dirname(main), '../../package.json'), 'utf8')) as { version: string };
  return { main, version };
}

/**
 * Unpacks `@sparticuz/chromium` (brotli-packed, ~3 s) into `<tmp>/discreet-booking-chromium-<version>-…`
 * and returns the binary's path; later runs find it there. The package unpacks into `os.tmpdir()`,
 * so a child process does it with TMPDIR pointing at the staging directory: nothing in this process
 * (jest's temporary files, other tests) sees a changed TMPDIR.
 */
export async function packagedChromium(): Promise<string> {
  const { main, version } = packagedChromiumPackage();
  const dir = path.join(os.tmpdir(), `discreet-booking-chromium-${version}-${process.arch}-${process.getuid?.() ?? 'user'}`);
  await publishOnce(dir, async (staging) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-e', 'require(process.argv[1]).executablePath().then((p) => process.stdout.write(p))', main],
      { env: { ...process.env, TMPDIR: staging } },
    );
    if (stdout !== path.join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout}, not into ${staging}`);
  });
  return path.join(dir, 'chromium');
}

/**
 * The same flags for every browser found, so a test behaves alike on each. `@sparticuz/chromium`'s
 * own `args` are for AWS Lambda and are left out on purpose (tried with playwright-core here):
 * `--single-process` kills the browser when a test closes its first context, and
 * `--disable-web-security` turns CORS off, which would hide a widget that only works without it.
 * No sandbox (containers run as root), and every host name except 127.0.0.1 resolves to nothing,
 * so a test cannot reach the internet even by accident.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Launches the Chromium `findBrowser()` picks (or the one given), headless. */
export async function launchChromium(found: FoundBrowser = findBrowser()): Promise<Browser> {
  // Playwright needs its temporary directory to exist.
  mkdirSync(process.env.TMPDIR || os.tmpdir(), { recursive: true });
  const executablePath = found.executablePath ?? (await packagedChromium());
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
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
