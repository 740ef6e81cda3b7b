import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DependencyCheckInputInvalid, formatRows, judge, parseHolds, parseOutdated } from './dependency-check';

/**
 * `npm run deps:check` (CI runs it before `npm test`): prints `npm outdated` for the runtime
 * dependencies and fails on a lagging release line that docs/dependency-holds.json gives no reason
 * for, or when the registry cannot answer (decision 146).
 */
export const HOLDS_FILE = 'docs/dependency-holds.json';

function npm(args: string[], cacheDir: string) {
  // npm judges "latest" by the engines of the Node that runs it: the Node running this script (the
  // project's, from node_modules/.bin under `npm run`), not whatever `node` the shell has.
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_cache: cacheDir };
  return spawnSync('npm', args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

function main(): number {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> };
  const runtime = Object.keys(pkg.dependencies ?? {});
  const holds = parseHolds(existsSync(HOLDS_FILE) ? readFileSync(HOLDS_FILE, 'utf8') : undefined);
  // An empty cache of its own: npm answers from a stale cache, silently and with exit 0, when the
  // registry is unreachable; with nothing cached, every answer is the registry's, now.
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'deps-check-cache-'));
  try {
    const registry = npm(['config', 'get', 'registry'], cacheDir).stdout.trim() || 'the configured registry';
    const run = npm(['outdated', '--json', '--omit=dev'], cacheDir);
    if (run.error) throw run.error;
    const answer = parseOutdated(run.stdout);
    process.stdout.write(`deps:check: ${runtime.length} runtime dependencies against ${registry}, judged on Node ${process.version}\n`);
    if (answer.kind === 'registry_failure') {
      process.stderr.write(
        `deps:check: FAILED, nothing was checked: the registry ${registry} did not answer (${answer.code}: ${answer.summary}).\n` +
        'A check that cannot reach the registry cannot say the dependencies are current; run it again when the registry answers.\n',
      );
      return 2;
    }
    const verdict = judge(runtime, answer.packages, holds);
    process.stdout.write(verdict.rows.length === 0 ? 'every runtime dependency is at its current release\n' : `${formatRows(verdict.rows)}\n`);
    for (const failure of verdict.failures) process.stderr.write(`deps:check: ${failure}\n`);
    if (verdict.failures.length > 0) return 1;
    process.stdout.write('deps:check: ok (a release behind within its line is taken by `npm update`; only a new line needs a decision)\n');
    return 0;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (e) {
  if (!(e instanceof DependencyCheckInputInvalid)) throw e;
  process.stderr.write(`deps:check: FAILED: ${e.message}\n`);
  process.exitCode = 1;
}
