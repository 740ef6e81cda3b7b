import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROME_PATHS, DEBIAN_CHROMIUM, findBrowser, publishOnce } from '../../support/browser';

/** A file system where exactly these files are executable. */
const only = (...files: string[]) => (file: string) => files.includes(file);
const everything = only('/opt/mine/chromium', DEBIAN_CHROMIUM, ...CHROME_PATHS);

describe('findBrowser: the Chromium the browser tests use', () => {
  test('CHROMIUM_PATH wins over every installed browser', () => {
    expect(findBrowser({ CHROMIUM_PATH: '/opt/mine/chromium' }, everything, 'linux-x64')).toEqual({ source: 'CHROMIUM_PATH', executablePath: '/opt/mine/chromium' });
  });

  test('a CHROMIUM_PATH that is not executable is an error, not a silent fallback', () => {
    expect(() => findBrowser({ CHROMIUM_PATH: '/opt/typo/chromium' }, everything, 'linux-x64')).toThrow('CHROMIUM_PATH=/opt/typo/chromium is not an executable file');
  });

  test("then Debian's /usr/bin/chromium, before any Chrome", () => {
    expect(findBrowser({}, everything, 'linux-x64')).toEqual({ source: 'debian', executablePath: '/usr/bin/chromium' });
  });

  test('then an installed Chrome, in the listed order', () => {
    expect(findBrowser({}, only(...CHROME_PATHS.slice(1)), 'linux-x64')).toEqual({ source: 'chrome', executablePath: CHROME_PATHS[1] });
    expect(findBrowser({}, only('/opt/google/chrome/chrome'), 'linux-arm64')).toEqual({ source: 'chrome', executablePath: '/opt/google/chrome/chrome' });
  });

  test('then the packaged Chromium, on the platforms it ships for', () => {
    expect(findBrowser({}, only(), 'linux-x64')).toEqual({ source: 'package' });
    expect(findBrowser({}, only(), 'linux-arm64')).toEqual({ source: 'package' });
  });

  test('BROWSER_SKIP_SYSTEM=1 passes over the installed browsers, not over CHROMIUM_PATH', () => {
    expect(findBrowser({ BROWSER_SKIP_SYSTEM: '1' }, everything, 'linux-x64')).toEqual({ source: 'package' });
    expect(findBrowser({ BROWSER_SKIP_SYSTEM: '1', CHROMIUM_PATH: '/opt/mine/chromium' }, everything, 'linux-x64').source).toBe('CHROMIUM_PATH');
  });

  test('nothing usable: the error says what was looked for and how to point at a browser', () => {
    expect(() => findBrowser({}, only(), 'darwin-arm64')).toThrow(/No Chromium for the browser tests: none at \/usr\/bin\/chromium, .*Google Chrome.*none for darwin-arm64\. Set CHROMIUM_PATH/);
    expect(() => findBrowser({ BROWSER_SKIP_SYSTEM: '1' }, everything, 'win32-x64')).toThrow('(skipped: BROWSER_SKIP_SYSTEM=1)');
  });
});

describe('publishOnce: unpacking the packaged Chromium', () => {
  const roots: string[] = [];
  const root = () => roots[roots.push(mkdtempSync(path.join(os.tmpdir(), 'publish-once-'))) - 1]!;
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  test('processes unpacking at the same time all get one complete copy, and no half-written one is left', async () => {
    const dir = path.join(root(), 'chromium-1');
    let started = 0;
    let release!: () => void;
    const bothStarted = new Promise<void>((r) => (release = r));
    const fill = (name: string) => async (staging: string) => {
      writeFileSync(path.join(staging, 'chromium'), `${name}, first half`);
      if (++started === 2) release();
      await bothStarted; // each is half-written while the other is too
      writeFileSync(path.join(staging, 'chromium'), `${name}, complete`);
    };
    const [a, b] = await Promise.all([publishOnce(dir, fill('a')), publishOnce(dir, fill('b'))]);
    expect([a, b]).toEqual([dir, dir]);
    expect(readFileSync(path.join(dir, 'chromium'), 'utf8')).toMatch(/^[ab], complete$/);
    expect(readdirSync(path.dirname(dir))).toEqual(['chromium-1']);
  });

  test('a published copy is used as it is, without unpacking again', async () => {
    const dir = path.join(root(), 'chromium-1');
    await publishOnce(dir, async (staging) => writeFileSync(path.join(staging, 'chromium'), 'first'));
    const fill = jest.fn(async () => undefined);
    await expect(publishOnce(dir, fill)).resolves.toBe(dir);
    expect(fill).not.toHaveBeenCalled();
    expect(readFileSync(path.join(dir, 'chromium'), 'utf8')).toBe('first');
  });

  test('a failed unpacking leaves nothing behind', async () => {
    const parent = root();
    await expect(publishOnce(path.join(parent, 'chromium-1'), async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(readdirSync(parent)).toEqual([]);
  });

  test('a directory in the shared temporary directory that others can write to is refused, not launched from', async () => {
    const dir = path.join(root(), 'chromium-1');
    await publishOnce(dir, async (staging) => writeFileSync(path.join(staging, 'chromium'), 'x'));
    chmodSync(dir, 0o777);
    await expect(publishOnce(dir, async () => undefined)).rejects.toThrow('is not a directory only this user can write: remove it');
  });
});
