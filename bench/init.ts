import { execFile } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundle, BUNDLE_DIR } from './bundle';
import { deployedFunctions, floorSource, sdkClientsFor } from './functions';
import { num, ratio, spread, table, timed, verdict, type Timed } from './stats';

const run = promisify(execFile);

export interface InitRow {
  id: string;
  handler: string;
  /** The SDK clients of its floor, from its needs. */
  floorClients: string[];
  nodeOptions: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  floorBytes: number;
  ms: Timed;
}

export interface InitResult {
  rows: InitRow[];
  goal: { limit: number; ok: boolean };
}

/** The time to import one bundle in a fresh Node process (this one's: Node 22), with the function's NODE_OPTIONS. */
async function importMs(file: string, nodeOptions: string): Promise<number> {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(file)}); const ms = performance.now() - t;
    if (typeof m.handler !== 'function') throw new Error('no handler'); console.log(ms);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', AWS_REGION: 'eu-central-1', NODE_OPTIONS: nodeOptions },
    encoding: 'utf8',
  });
  return Number(stdout.trim().split('\n').at(-1));
}

const size = (file: string) => { try { return statSync(file).size; } catch { return 0; } };

export async function runInit(quick: boolean, log: (line: string) => void = () => undefined): Promise<InitResult> {
  const reps = quick ? 3 : 9;
  const functions = deployedFunctions();
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const floors = new Map<string, string>(); // client set → bundle
  const entries = [];
  for (const fn of functions) {
    const outfile = path.join(BUNDLE_DIR, 'functions', fn.id, 'index.mjs');
    await bundle({ file: fn.handler }, outfile);
    const clients = sdkClientsFor(fn.needs);
    const key = clients.join('+') || 'none';
    if (!floors.has(key)) {
      const floorFile = path.join(BUNDLE_DIR, 'floors', key, 'index.mjs');
      await bundle({ source: floorSource(clients), resolveDir: process.cwd() }, floorFile);
      floors.set(key, floorFile);
    }
    entries.push({ fn, outfile, clients, floorFile: floors.get(key)! });
  }
  log(`init: ${functions.length} functions bundled, ${floors.size} floors; ${reps} fresh processes each`);
  const times = new Map<string, number[]>();
  const push = (file: string, ms: number) => times.set(file, [...(times.get(file) ?? []), ms]);
  // Interleaved: each round imports every function and every floor once, so load drifts hit both alike.
  for (let r = 0; r < reps; r++) {
    for (const e of entries) push(e.outfile, await importMs(e.outfile, e.fn.nodeOptions));
    const floorRuns = new Map(entries.map((e) => [`${e.floorFile}|${e.fn.nodeOptions}`, e] as const));
    for (const [key, e] of floorRuns) push(key, await importMs(e.floorFile, e.fn.nodeOptions));
  }
  const rows = entries.map((e) => ({
    id: e.fn.id,
    handler: e.fn.handler,
    floorClients: e.clients,
    nodeOptions: e.fn.nodeOptions,
    bytes: size(e.outfile),
    gzipBytes: gzipSync(readFileSync(e.outfile)).length,
    mapBytes: size(`${e.outfile}.map`),
    floorBytes: size(e.floorFile),
    ms: timed(times.get(e.outfile)!, times.get(`${e.floorFile}|${e.fn.nodeOptions}`)!),
  }));
  return { rows, goal: { limit: 1.3, ok: rows.every((r) => r.ms.ratio <= 1.3) } };
}

const kb = (n: number) => (n < 10_240 ? `${num(n / 1024, 1)} KB` : `${num(n / 1024, 0)} KB`);

export function initTable(r: InitResult): string {
  return [
    table(
      ['function', 'import ms median (min–max)', 'floor ms', 'ratio', 'size', 'gzip', 'floor size', 'floor clients'],
      r.rows.map((row) => [row.id, spread(row.ms.value), spread(row.ms.floor), ratio(row.ms.ratio), kb(row.bytes), kb(row.gzipBytes), kb(row.floorBytes), row.floorClients.join(' + ')]),
    ),
    `goal: every function ≤ ${r.goal.limit}× its floor — ${verdict(r.goal.ok)}${r.goal.ok ? '' : ` (${r.rows.filter((x) => x.ms.ratio > r.goal.limit).map((x) => x.id).join(', ')})`}`,
  ].join('\n');
}
