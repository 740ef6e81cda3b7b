import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';

/**
 * `npm run deps:check` end to end against a stand-in registry on loopback (no network): the real
 * npm reads a project's installed packages and asks the registry, and the script judges the answer.
 */
const SCRIPT = path.resolve('scripts/deps-check.ts');
const TSX = path.resolve('node_modules/.bin/tsx');

/** Each package: its versions (with engines if any) and its latest tag. */
const REGISTRY: Record<string, { versions: Record<string, { engines?: { node: string } }>; latest: string }> = {
  alpha: { versions: { '1.0.0': {}, '1.1.0': {}, '2.0.0': {} }, latest: '2.0.0' },
  '@demo/beta': { versions: { '2.1.0': {}, '2.3.0': {} }, latest: '2.3.0' },
  // A dev dependency a major behind: printed by npm outdated, never a reason for CI to stop.
  delta: { versions: { '1.0.0': {}, '5.0.0': {} }, latest: '5.0.0' },
};

let server: Server | undefined;
let registryUrl: string;
let project: string;
let requests = 0;

async function startRegistry(port: number): Promise<void> {
  server = createServer((req, res) => {
    requests++;
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    const pkg = REGISTRY[name];
    if (!pkg) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    const versions = Object.fromEntries(Object.entries(pkg.versions).map(([version, extra]) => [version, {
      name, version, ...extra, dist: { tarball: `${registryUrl}${name}/-/x-${version}.tgz`, shasum: '0'.repeat(40) },
    }]));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name, 'dist-tags': { latest: pkg.latest }, versions }));
  });
  await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
}

async function stopRegistry(): Promise<void> {
  if (!server) return;
  await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
}

function install(name: string, version: string): void {
  const dir = path.join(project, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version }));
}

/** Runs a command without blocking this process, which serves the registry the command asks. */
function run(file: string, args: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, {
      cwd: project,
      encoding: 'utf8',
      env: {
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
        HOME: project,
        npm_config_registry: registryUrl,
        npm_config_fetch_retries: '0',
        npm_config_update_notifier: 'false',
        ...env,
      },
    }, (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

const depsCheck = (env: Record<string, string> = {}) => run(TSX, [SCRIPT], env);

beforeAll(async () => {
  const port = await freePort();
  registryUrl = `http://127.0.0.1:${port}/`;
  await startRegistry(port);
});

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'deps-check-project-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({
    name: 'practice', version: '1.0.0', private: true,
    dependencies: { alpha: '^1.0.0', '@demo/beta': '^2.1.0' },
    devDependencies: { delta: '^1.0.0' },
  }));
  mkdirSync(path.join(project, 'docs'));
  install('alpha', '1.0.0');
  install('@demo/beta', '2.1.0');
  install('delta', '1.0.0');
});

afterEach(() => rmSync(project, { recursive: true, force: true }));
afterAll(stopRegistry);

test('a runtime dependency a major behind with no recorded reason fails, and the output is npm outdated for runtime dependencies', async () => {
  const result = await depsCheck();
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/alpha\s+1\.0\.0\s+1\.1\.0\s+2\.0\.0\s+major_behind/);
  expect(result.stdout).toMatch(/@demo\/beta\s+2\.1\.0\s+2\.3\.0\s+2\.3\.0\s+behind_in_range/);
  expect(result.stdout).not.toContain('delta');
  expect(result.stderr).toContain('"alpha@2"');
  expect(result.stderr).not.toContain('beta');
});

test('the same lag with its reason recorded passes and prints the reason', async () => {
  writeFileSync(path.join(project, 'docs/dependency-holds.json'), JSON.stringify({ 'alpha@2': 'alpha 2 drops the API our feed uses; tracked in issue 99' }));
  const result = await depsCheck();
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  expect(result.stdout).toMatch(/alpha\s+1\.0\.0\s+1\.1\.0\s+2\.0\.0\s+held: alpha 2 drops the API our feed uses/);
});

test('an invalid holds file fails with what is wrong, before asking the registry', async () => {
  writeFileSync(path.join(project, 'docs/dependency-holds.json'), JSON.stringify({ alpha: 'no line named here' }));
  const before = requests;
  const result = await depsCheck();
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('name@line');
  expect(requests).toBe(before);
});

test('an unreachable registry fails clearly, even when a stale cache could have answered', async () => {
  // Prime a cache with the registry's answers, as any machine that ran npm before has one.
  const cache = path.join(project, 'npm-cache');
  const primed = await run('npm', ['outdated', '--json'], { npm_config_cache: cache });
  expect(JSON.parse(primed.stdout)).toHaveProperty('alpha');
  await stopRegistry();
  try {
    // Plain npm answers from that cache with the registry gone: the failure would pass unseen.
    const stale = await run('npm', ['outdated', '--json'], { npm_config_cache: cache });
    expect(JSON.parse(stale.stdout)).toHaveProperty('alpha');

    const result = await depsCheck({ npm_config_cache: cache });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`FAILED, nothing was checked: the registry ${registryUrl} did not answer (ECONNREFUSED`);
  } finally {
    await startRegistry(Number(new URL(registryUrl).port));
  }
});
