/**
 * The decision behind `npm run deps:check`, apart from npm and the network so it can be tested alone:
 * given what `npm outdated --json` answered for the runtime dependencies and the recorded holds,
 * which dependencies lag, which lag on purpose, and whether CI should stop.
 */

/** One package as `npm outdated --json` describes it (`current` is missing when it is not installed). */
export interface OutdatedEntry {
  current?: string;
  wanted?: string;
  latest?: string;
  location?: string;
}

/** What `npm outdated --json` printed: the lagging packages, or the registry's failure. */
export type OutdatedAnswer =
  | { kind: 'packages'; packages: Record<string, OutdatedEntry> }
  | { kind: 'registry_failure'; code: string; summary: string };

/** `{"name@line": "reason"}`: a release line deliberately not taken yet, and why. */
export type Holds = Record<string, string>;

export class DependencyCheckInputInvalid extends Error {}

/**
 * Reads npm's answer. npm prints `{"error": {code, summary}}` (and exits 1) when the registry
 * cannot be reached or refuses; it also exits 1 when anything is outdated, so the exit code alone
 * says nothing. A package installed in two places comes as an array: the oldest copy counts.
 */
export function parseOutdated(stdout: string): OutdatedAnswer {
  let parsed: unknown;
  try {
    parsed = stdout.trim() === '' ? {} : JSON.parse(stdout);
  } catch {
    throw new DependencyCheckInputInvalid(`npm outdated did not print JSON: ${stdout.slice(0, 200)}`);
  }
  if (!isRecord(parsed)) throw new DependencyCheckInputInvalid('npm outdated printed JSON that is not an object');
  const error = parsed.error;
  if (isRecord(error)) {
    return { kind: 'registry_failure', code: String(error.code ?? 'unknown'), summary: String(error.summary ?? error.detail ?? '') };
  }
  const packages: Record<string, OutdatedEntry> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const copies = (Array.isArray(value) ? value : [value]).filter(isRecord).map(toEntry);
    if (copies.length === 0) throw new DependencyCheckInputInvalid(`npm outdated described ${name} in an unknown shape`);
    copies.sort((a, b) => compareVersions(a.current ?? a.wanted ?? '0.0.0', b.current ?? b.wanted ?? '0.0.0'));
    packages[name] = copies[0]!;
  }
  return { kind: 'packages', packages };
}

/** Reads docs/dependency-holds.json: every key `name@line`, every reason a sentence someone wrote. */
export function parseHolds(text: string | undefined): Holds {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DependencyCheckInputInvalid(`the holds file is not JSON: ${(e as Error).message}`);
  }
  if (!isRecord(parsed)) throw new DependencyCheckInputInvalid('the holds file must be an object {"name@line": "reason"}');
  const holds: Holds = {};
  for (const [key, reason] of Object.entries(parsed)) {
    if (!/^(@[^/@\s]+\/)?[^/@\s]+@\d+(\.\d+){0,2}$/.test(key)) {
      throw new DependencyCheckInputInvalid(`hold "${key}": the key must be name@line, e.g. "ical-generator@11" or "pkg@0.4"`);
    }
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      throw new DependencyCheckInputInvalid(`hold "${key}": give the reason as a sentence, not "${String(reason)}"`);
    }
    holds[key] = reason.trim();
  }
  return holds;
}

/**
 * The release line a version belongs to, the unit semver breaks compatibility at: the major from
 * 1.0.0 on, `0.minor` below it, and every `0.0.patch` alone (a caret range never crosses one).
 */
export function releaseLine(version: string): string {
  const [major, minor, patch] = numbers(version);
  if (major > 0) return String(major);
  if (minor > 0) return `0.${minor}`;
  return `0.0.${patch}`;
}

export type Status =
  | 'major_behind' // a newer release line, no recorded reason: CI stops
  | 'held' // a newer release line, not taken for the recorded reason
  | 'behind_in_range' // a newer release in the same line: `npm update` takes it, CI goes on
  | 'ahead' // newer than the registry's latest (a latest tag moved back, or latest filtered by engines)
  | 'not_installed';

export interface Row {
  name: string;
  current: string | undefined;
  wanted: string | undefined;
  latest: string | undefined;
  status: Status;
  reason?: string;
}

export interface Verdict {
  rows: Row[];
  /** Why CI stops; empty when it may go on. */
  failures: string[];
}

/**
 * Judges the runtime dependencies (package.json `dependencies`; npm's answer may name others, which
 * are ignored). A hold names the line it declines, so a later major asks again; a hold that no
 * longer matches a lagging line is stale and fails too, so the file stays true.
 */
export function judge(runtimeDependencies: readonly string[], answer: Record<string, OutdatedEntry>, holds: Holds): Verdict {
  const rows: Row[] = [];
  const failures: string[] = [];
  const usedHolds = new Set<string>();
  for (const name of [...runtimeDependencies].sort()) {
    const entry = answer[name];
    if (!entry) continue; // npm leaves out what is at its latest
    const { current: installed, wanted, latest } = entry;
    const row: Row = { name, current: installed, wanted, latest, status: 'behind_in_range' };
    if (!installed) {
      row.status = 'not_installed';
      failures.push(`${name} is not installed: run npm ci first, deps:check judges what is installed`);
    } else if (!latest) {
      throw new DependencyCheckInputInvalid(`npm outdated gave no latest release for ${name}`);
    } else if (compareVersions(installed, latest) > 0) {
      row.status = 'ahead';
    } else if (releaseLine(installed) !== releaseLine(latest)) {
      const key = `${name}@${releaseLine(latest)}`;
      const reason = holds[key];
      if (reason) {
        row.status = 'held';
        row.reason = reason;
        usedHolds.add(key);
      } else {
        row.status = 'major_behind';
        failures.push(`${name} ${installed} lags the current release line ${releaseLine(latest)} (${latest}): upgrade it, or record why not as "${key}" in the holds file`);
      }
    }
    rows.push(row);
  }
  for (const key of Object.keys(holds).sort()) {
    if (!usedHolds.has(key)) failures.push(`hold "${key}" is stale (no runtime dependency lags at that line any more): remove it from the holds file`);
  }
  return { rows, failures };
}

/** The table CI prints, npm outdated's columns plus what the check made of each row. */
export function formatRows(rows: readonly Row[]): string {
  const header = ['Package', 'Current', 'Wanted', 'Latest', 'Status'];
  const lines = rows.map((r) => [r.name, r.current ?? 'MISSING', r.wanted ?? '-', r.latest ?? '-', r.status + (r.reason ? `: ${r.reason}` : '')]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines].map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** Orders semver versions by major, minor, patch; a prerelease sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  const pa = a.includes('-');
  const pb = b.includes('-');
  return pa === pb ? 0 : pa ? -1 : 1;
}

function numbers(version: string): [number, number, number] {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!match) throw new DependencyCheckInputInvalid(`"${version}" is not a semver version`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toEntry(value: Record<string, unknown>): OutdatedEntry {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { current: text(value.current), wanted: text(value.wanted), latest: text(value.latest), location: text(value.location) };
}
