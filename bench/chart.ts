import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InitResult } from './init';

/**
 * `npm run bench:chart`: docs/images/init-vs-floor.svg from bench/results.json: per function its
 * median import time (with min–max) beside its floor's, and the 1.3× goal marked on each floor.
 */
const results = JSON.parse(readFileSync(path.resolve(process.argv[2] ?? 'bench/results.json'), 'utf8')) as { init?: InitResult; startedAt: string; quick: boolean; machine: { loadAverageAtStart: number[] } };
if (!results.init) throw new Error('bench/results.json has no init section: run BENCH_ONLY=init npm run bench first');
const rows = results.init.rows;
const out = path.resolve(process.argv[3] ?? 'docs/images/init-vs-floor.svg');

const rowHeight = 34;
const left = 190;
const width = 760;
const plot = width - left - 80;
const top = 64;
const height = top + rows.length * rowHeight + 46;
// Scaled to the medians (and goals), not to a lone outlier: a whisker past the edge is cut and marked with ›.
const max = 1.35 * Math.max(...rows.flatMap((r) => [r.ms.value.median, r.ms.floor.median * 1.3]));
const step = max > 400 ? 100 : 50;
const scale = (ms: number) => Math.round((left + (Math.min(ms, Math.ceil(max / step) * step) / (Math.ceil(max / step) * step)) * plot) * 10) / 10;
const cut = (ms: number) => ms > Math.ceil(max / step) * step;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const parts: string[] = [];
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`);
parts.push(`<rect width="100%" height="100%" fill="#fff"/>`);
parts.push(`<text x="10" y="20" font-size="14" font-weight="600">Import time in a fresh Node process: each function against its floor</text>`);
parts.push(`<text x="10" y="36" fill="#555">median, whiskers min–max (cut at the edge: ›); floor = only the SDK clients its needs call for; red = 1.3× floor, the goal</text>`);
parts.push(`<text x="10" y="51" fill="#555">npm run bench, ${esc(results.startedAt.slice(0, 10))}${results.quick ? ', quick mode' : ''}, load average ${results.machine.loadAverageAtStart[0]} on ${(results.machine as { cpus?: number }).cpus ?? '?'} CPUs</text>`);
for (let ms = 0; ms <= Math.ceil(max / step) * step; ms += step) {
  const x = scale(ms);
  parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${top + rows.length * rowHeight}" stroke="#eee"/>`);
  parts.push(`<text x="${x}" y="${top + rows.length * rowHeight + 16}" text-anchor="middle" fill="#555">${ms}</text>`);
}
parts.push(`<text x="${left + plot / 2}" y="${top + rows.length * rowHeight + 34}" text-anchor="middle" fill="#555">ms</text>`);
rows.forEach((r, i) => {
  const y = top + i * rowHeight;
  parts.push(`<text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(r.id)}</text>`);
  const bar = (f: { median: number; min: number; max: number }, dy: number, color: string) => {
    parts.push(`<rect x="${left}" y="${y + dy}" width="${scale(f.median) - left}" height="11" fill="${color}"/>`);
    parts.push(`<line x1="${scale(f.min)}" y1="${y + dy + 5.5}" x2="${scale(f.max)}" y2="${y + dy + 5.5}" stroke="#333"/>`);
    if (cut(f.max)) parts.push(`<text x="${scale(f.max) - 2}" y="${y + dy + 10}" text-anchor="end" font-size="10" fill="#333">max ${Math.round(f.max)} ›</text>`);
  };
  bar(r.ms.value, 4, '#d9822b');
  bar(r.ms.floor, 17, '#4a90c2');
  const goal = scale(r.ms.floor.median * 1.3);
  parts.push(`<line x1="${goal}" y1="${y + 2}" x2="${goal}" y2="${y + 30}" stroke="#c00" stroke-width="2"/>`);
  parts.push(`<text x="${left + plot + 26}" y="${y + 19}" text-anchor="end" font-weight="600" fill="#333">${r.ms.ratio.toFixed(2)}×</text>`);
});
const ly = height - 12;
parts.push(`<rect x="10" y="${ly - 10}" width="11" height="11" fill="#d9822b"/><text x="26" y="${ly}">function</text>`);
parts.push(`<rect x="90" y="${ly - 10}" width="11" height="11" fill="#4a90c2"/><text x="106" y="${ly}">floor</text>`);
parts.push('</svg>');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${parts.join('\n')}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
