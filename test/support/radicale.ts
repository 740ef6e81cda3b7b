import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasEnded, stopChild } from '../../infra/local/child-process';
import { freePort } from './free-port';

/**
 * A real CalDAV server for the tests (issue 15): Debian's Radicale on a free loopback port, with a
 * throwaway storage folder and htpasswd users, started and stopped like DynamoDB Local. Where the
 * machine lacks it and may install packages (root with apt-get), it is installed once, saying so.
 */
export interface Radicale {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  username: string;
  password: string;
  /** A new calendar collection of the user (MKCALENDAR); its URL ends in `/`. */
  makeCalendar(name?: string): Promise<string>;
  /** Basic auth header of the test user. */
  authorization: string;
  stop(): Promise<void>;
}

const PACKAGE = 'radicale';

function onPath(binary: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

/** The `radicale` binary, installed with apt-get where the process may do so; otherwise a plain message naming the package. */
export function radicaleBinary(): string {
  const present = onPath('radicale');
  if (present) return present;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !onPath('apt-get')) {
    throw new Error(`The CalDAV tests need Radicale: install the Debian package "${PACKAGE}" (apt-get install -y ${PACKAGE}) so that \`radicale\` is on the PATH`);
  }
  process.stdout.write(`Radicale is not installed: running apt-get install -y ${PACKAGE} for the CalDAV tests\n`);
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', PACKAGE], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let result = install();
  // A fresh container has no package lists yet.
  if (result.status !== 0) {
    execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore' });
    result = install();
  }
  const installed = onPath('radicale');
  if (result.status !== 0 || !installed) {
    throw new Error(`apt-get install -y ${PACKAGE} failed (${result.status}): ${(result.stderr || result.stdout).trim().slice(-600)}`);
  }
  return installed;
}

export async function startRadicale(options: { username?: string; password?: string } = {}): Promise<Radicale> {
  const binary = radicaleBinary();
  const username = options.username ?? 'therapist';
  const password = options.password ?? 'app-password-1234';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'radicale-'));
  const port = await freePort();
  writeFileSync(path.join(dir, 'users'), `${username}:${password}\n`);
  const configFile = path.join(dir, 'config');
  writeFileSync(configFile, [
    '[server]', `hosts = 127.0.0.1:${port}`,
    // No pause after a wrong password: the tests try one on purpose.
    '[auth]', 'type = htpasswd', `htpasswd_filename = ${path.join(dir, 'users')}`, 'htpasswd_encryption = plain', 'delay = 0',
    '[rights]', 'type = owner_only',
    '[storage]', `filesystem_folder = ${path.join(dir, 'collections')}`,
    '[web]', 'type = none',
    '[logging]', 'level = warning',
    '',
  ].join('\n'));
  const child = spawn(binary, ['--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dir } });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const origin = `http://127.0.0.1:${port}`;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(origin, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  let calendars = 0;
  const makeCalendar = async (name = `calendar-${++calendars}`) => {
    const url = `${origin}/${username}/${name}/`;
    const response = await fetch(url, {
      method: 'MKCALENDAR',
      headers: { authorization, 'content-type': 'application/xml; charset=utf-8' },
      body: `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${name}</D:displayname></D:prop></D:set></C:mkcalendar>`,
    });
    if (response.status !== 201) throw new Error(`MKCALENDAR ${url} answered ${response.status}: ${await response.text()}`);
    return url;
  };
  return { origin, username, password, authorization, makeCalendar, stop };
}

async function waitUntilAnswering(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (hasEnded(child)) {
      throw new Error(`Radicale exited (${child.exitCode ?? child.signalCode}): ${output().trim().slice(-600)}`);
    }
    try {
      await fetch(`${origin}/`, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Radicale did not answer on ${origin} within 30 s: ${output().trim().slice(-600)}`);
}
