/** A figure of the benchmark: the median of repeated runs, with the spread it came from. */
export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function figure(samples: number[]): Figure {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}

/** A timing beside its floor measured in the same run: the ratio is what stays comparable on a noisy machine. */
export interface Timed {
  value: Figure;
  floor: Figure;
  /** value.median / floor.median */
  ratio: number;
}

export const timed = (value: number[], floor: number[]): Timed => {
  const v = figure(value);
  const f = figure(floor);
  return { value: v, floor: f, ratio: v.median / f.median };
};

/** The p-th percentile (0..100) of samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const digits = (n: number) => (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : Math.abs(n) >= 1 ? 2 : 3);
export const num = (n: number, d = digits(n)) => n.toFixed(d);
/** `median (min–max)` */
export const spread = (f: Figure, unit = '') => `${num(f.median)}${unit} (${num(f.min)}–${num(f.max)})`;
export const ratio = (r: number) => `${r.toFixed(2)}×`;

/** A plain text table, columns padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Pass/fail of a goal, as the table shows it. */
export const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
