/**
 * Times the availability engine on issue 11's workload (bench/engine-workload.ts), and optionally an
 * older copy of it in the same process, interleaved round by round so both meet the same machine load.
 *
 *   npx tsx bench/engine-profile.ts                          # this tree's engine
 *   npx tsx bench/engine-profile.ts --baseline <dir>         # <dir>/shared/availability/availability-engine.ts too
 *   npx tsx bench/engine-profile.ts --baseline a --baseline b # several older copies, each named by its directory
 *   npx tsx bench/engine-profile.ts --from 2026-10-01        # a window that crosses DST changes
 *   npx tsx bench/engine-profile.ts --cold 9 --only 62x400   # a request's first call in its zones, in fresh processes
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/engine-profile.ts --only 62x400 --rounds 40
 *
 * Baseline directory: e.g. `git archive <commit> shared | tar -x -C /tmp/base` and a node_modules symlink.
 * Prints, per case, the median, min and max in ms over all rounds (each round's figure is the median of a
 * batch of calls after a warm-up), and this tree's median as a ratio to the first baseline's.
 */
import { execFileSync } from 'node:child_process';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as current from '../shared/availability/availability-engine';
import { engineWorkload } from './engine-workload';

type Engine = Pick<typeof current, 'availableDays'>;

const DAYS = [1, 7, 31, 62];
const BOOKINGS = [100, 400, 1600];

function argument(name: string): string | undefined {
  return argumentList(name)[0];
}

function argumentList(name: string): string[] {
  return process.argv.flatMap((value, index) => (process.argv[index - 1] === `--${name}` ? [value] : []));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median time of one call, over a batch sized to last about `budgetMs`. */
function timeBatch(run: () => unknown, budgetMs: number): number {
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  do {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  } while (performance.now() < until || times.length < 5);
  return median(times);
}

async function loadEngine(dir: string | undefined): Promise<Engine> {
  if (!dir) return current;
  return (await import(pathToFileURL(resolve(dir, 'shared/availability/availability-engine.ts')).href)) as Engine;
}

/**
 * In a child process: the first call for the workload's zones, after the JIT has warmed up on the same
 * workload in two other zones. What a warm function pays the first time it meets a therapist's zone.
 */
async function coldChild(dir: string | undefined, days: number, bookings: number, from: string | undefined): Promise<void> {
  const engine = await loadEngine(dir);
  const other = engineWorkload({ days, bookings, therapistZone: 'Asia/Tokyo', clientZone: 'America/Chicago', ...(from ? { from } : {}) });
  for (let i = 0; i < 200; i++) engine.availableDays(other.input, other.range);
  const { input, range } = engineWorkload({ days, bookings, ...(from ? { from } : {}) });
  const start = performance.now();
  engine.availableDays(input, range);
  process.stdout.write(String(performance.now() - start));
}

async function main(): Promise<void> {
  const child = argumentList('cold-child');
  if (child.length > 0) {
    const [dir, days, bookings] = child[0]!.split(',');
    return coldChild(dir || undefined, Number(days), Number(bookings), argument('from'));
  }
  const baselines = argumentList('baseline');
  const cold = Number(argument('cold') ?? 0);
  const from = argument('from');
  const rounds = Number(argument('rounds') ?? 7);
  const only = argument('only');
  const engines: [string, Engine][] = [];
  for (const dir of baselines) engines.push([basename(resolve(dir)), await loadEngine(dir)]);
  engines.push(['after', current]);
  const dirs = new Map<string, string>([...baselines.map((dir) => [basename(resolve(dir)), dir] as [string, string]), ['after', '']]);
  const cases = DAYS.flatMap((days) => BOOKINGS.map((bookings) => ({ days, bookings })))
    .filter((c) => !only || `${c.days}x${c.bookings}` === only);

  const rows: Record<string, string | number>[] = [];
  for (const { days, bookings } of cases) {
    const { input, range } = engineWorkload({ days, bookings, ...(from ? { from } : {}) });
    // Same answer from every engine, or the comparison means nothing.
    const answers = engines.map(([, engine]) => JSON.stringify(engine.availableDays(input, range)));
    if (answers.some((a) => a !== answers[0])) throw new Error(`engines disagree on ${days} days × ${bookings} bookings`);
    const slots = (JSON.parse(answers[0]!) as { slots: unknown[] }[]).reduce((n, d) => n + d.slots.length, 0);
    const samples = new Map<string, number[]>(engines.map(([name]) => [name, []]));
    if (cold > 0) {
      for (let round = 0; round < cold; round++) {
        for (const [name] of engines) {
          const args = [...process.execArgv, process.argv[1]!, '--cold-child', `${dirs.get(name)},${days},${bookings}`, ...(from ? ['--from', from] : [])];
          samples.get(name)!.push(Number(execFileSync(process.execPath, args, { encoding: 'utf8' })));
        }
      }
    } else {
      for (const [, engine] of engines) timeBatch(() => engine.availableDays(input, range), 300); // warm-up
      for (let round = 0; round < rounds; round++) {
        for (const [name, engine] of engines) samples.get(name)!.push(timeBatch(() => engine.availableDays(input, range), 150));
      }
    }
    const row: Record<string, string | number> = { days, bookings, slots };
    for (const [name, values] of samples) {
      row[`${name} ms`] = median(values).toFixed(3);
      row[`${name} min–max`] = `${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`;
    }
    const first = engines[0]![0];
    if (first !== 'after') row[`after/${first}`] = (median(samples.get('after')!) / median(samples.get(first)!)).toFixed(3);
    rows.push(row);
  }
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
