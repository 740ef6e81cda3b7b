import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiTable, runApi } from './api';
import { contentionTable, runContention } from './contention';
import { engineTable, runEngine } from './engine';
import { initTable, runInit } from './init';
import { startRuntime } from './runtime';
import { runWidget, widgetTable } from './widget';

/**
 * `npm run bench`: every section, or those in BENCH_ONLY (comma-separated: engine, init, api,
 * contention, widget); BENCH_QUICK=1 (or `--quick`) runs fewer, shorter repetitions. Results go to
 * bench/results.json (git-ignored) and a table to stdout. Never part of `npm test`.
 */
const SECTIONS = ['engine', 'init', 'api', 'contention', 'widget'] as const;
type Section = (typeof SECTIONS)[number];

const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only.filter((s) => !SECTIONS.includes(s as Section));
if (unknown.length) {
  process.stderr.write(`BENCH_ONLY: unknown section ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})\n`);
  process.exit(2);
}
const wanted = (s: Section) => only.length === 0 || only.includes(s);
const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const log = (line: string) => process.stderr.write(`${line}\n`);

const load = () => os.loadavg().map((n) => Number(n.toFixed(2)));
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  quick,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: `${process.platform}-${process.arch}`, loadAverageAtStart: load() },
};
const tables: string[] = [];

async function main() {
  if (wanted('engine')) {
    log('engine…');
    const r = runEngine(quick);
    results.engine = r;
    tables.push(`## engine\n${engineTable(r)}`);
  }
  if (wanted('init')) {
    log('init…');
    const r = await runInit(quick, log);
    results.init = r;
    tables.push(`## init\n${initTable(r)}`);
  }
  if (wanted('api') || wanted('contention') || wanted('widget')) {
    log('starting npm start on free ports…');
    const rt = await startRuntime();
    try {
      if (wanted('widget')) {
        log('widget…');
        const r = await runWidget(rt, quick);
        results.widget = r;
        tables.push(`## widget\n${widgetTable(r)}`);
      }
      if (wanted('api') || wanted('contention')) {
        log('api…');
        const { bookingPlan, bookingId, keyHash, ...api } = await runApi(rt, quick || !wanted('api'), log);
        if (wanted('api')) {
          results.api = api;
          tables.push(`## api\n${apiTable(api)}`);
        }
        if (wanted('contention')) {
          log('contention…');
          const r = await runContention(rt, { bookingPlan, bookingId, ...(keyHash ? { keyHash } : {}) }, quick);
          results.contention = r;
          tables.push(`## contention\n${contentionTable(r)}`);
        }
      }
    } finally {
      const stopped = await rt.stop();
      log(`npm start stopped (${stopped.signal ?? stopped.code})`);
    }
  }
  (results.machine as Record<string, unknown>).loadAverageAtEnd = load();
  results.finishedAt = new Date().toISOString();
  const file = path.resolve('bench/results.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine as { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[]; node: string };
  process.stdout.write(`${tables.join('\n\n')}\n\n${m.cpus} CPUs, Node ${m.node}, load average ${m.loadAverageAtStart.join(' ')} → ${m.loadAverageAtEnd.join(' ')}${quick ? ', quick mode' : ''}; every figure a median (min–max) of repeated runs; ratios against floors measured in the same run.\nwrote ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
