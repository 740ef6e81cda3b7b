import {
  DependencyCheckInputInvalid,
  compareVersions,
  formatRows,
  judge,
  parseHolds,
  parseOutdated,
  releaseLine,
  type OutdatedEntry,
} from '../../../scripts/dependency-check';

const entry = (current: string | undefined, wanted: string, latest: string): OutdatedEntry => ({ current, wanted, latest, location: 'node_modules/x' });

describe('parseOutdated', () => {
  test('reads the packages npm outdated --json lists', () => {
    const stdout = JSON.stringify({
      'ical-generator': { current: '10.2.0', wanted: '10.2.0', latest: '11.1.2', dependent: 'discreet-booking', location: '/repo/node_modules/ical-generator' },
    });
    expect(parseOutdated(stdout)).toEqual({
      kind: 'packages',
      packages: { 'ical-generator': { current: '10.2.0', wanted: '10.2.0', latest: '11.1.2', location: '/repo/node_modules/ical-generator' } },
    });
  });

  test('nothing outdated: npm prints {} (or nothing)', () => {
    expect(parseOutdated('{}\n')).toEqual({ kind: 'packages', packages: {} });
    expect(parseOutdated('')).toEqual({ kind: 'packages', packages: {} });
  });

  test("the registry's failure is told apart from an outdated list (npm exits 1 for both)", () => {
    const stdout = JSON.stringify({ error: { code: 'ECONNREFUSED', summary: 'FetchError: request to https://registry.npmjs.org/jose failed', detail: 'proxy?' } });
    expect(parseOutdated(stdout)).toEqual({ kind: 'registry_failure', code: 'ECONNREFUSED', summary: 'FetchError: request to https://registry.npmjs.org/jose failed' });
    expect(parseOutdated(JSON.stringify({ error: { code: 'E405', summary: '405 Method Not Allowed' } }))).toMatchObject({ kind: 'registry_failure', code: 'E405' });
  });

  test('a package installed in two places: the oldest copy is the one that lags', () => {
    const stdout = JSON.stringify({ luxon: [entry('3.7.2', '3.7.2', '4.0.0'), entry('2.5.0', '2.5.0', '4.0.0')] });
    expect(parseOutdated(stdout)).toMatchObject({ packages: { luxon: { current: '2.5.0' } } });
  });

  test('anything else is refused with a message, never read as "all current"', () => {
    expect(() => parseOutdated('npm ERR! something')).toThrow(DependencyCheckInputInvalid);
    expect(() => parseOutdated('[]')).toThrow(DependencyCheckInputInvalid);
    expect(() => parseOutdated(JSON.stringify({ jose: 'six' }))).toThrow(/jose/);
  });
});

describe('parseHolds', () => {
  test('a missing file holds nothing', () => {
    expect(parseHolds(undefined)).toEqual({});
  });

  test('keys are name@line, scoped names and 0.x lines included', () => {
    expect(parseHolds(JSON.stringify({ 'ical-generator@11': 'waits for the RRULE output to be compared', '@middy/core@8': 'needs Node 24, Lambda runs 22', 'tiny@0.4': 'its 0.4 changed the API we call' })))
      .toEqual({ 'ical-generator@11': 'waits for the RRULE output to be compared', '@middy/core@8': 'needs Node 24, Lambda runs 22', 'tiny@0.4': 'its 0.4 changed the API we call' });
  });

  test.each([
    ['not JSON', '{', /not JSON/],
    ['an array', '[]', /must be an object/],
    ['a key without a line', JSON.stringify({ 'ical-generator': 'because we said so, really' }), /name@line/],
    ['a key with a range', JSON.stringify({ 'ical-generator@^11': 'because we said so, really' }), /name@line/],
    ['an empty reason', JSON.stringify({ 'ical-generator@11': '' }), /reason/],
    ['a token reason', JSON.stringify({ 'ical-generator@11': 'todo' }), /reason/],
    ['a reason that is not text', JSON.stringify({ 'ical-generator@11': true }), /reason/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseHolds(text)).toThrow(message);
  });
});

describe('releaseLine and compareVersions', () => {
  test.each([
    ['11.1.2', '11'],
    ['1.0.0', '1'],
    ['0.3.0', '0.3'],
    ['0.3.9', '0.3'],
    ['0.0.4', '0.0.4'],
    ['3.1169.0', '3'],
    ['2.0.0-rc.1', '2'],
  ])('%s is on line %s', (version, line) => {
    expect(releaseLine(version)).toBe(line);
  });

  test('orders numerically, a prerelease before its release', () => {
    expect(compareVersions('3.1169.0', '3.996.9')).toBeGreaterThan(0);
    expect(compareVersions('7.9.2', '6.4.5')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0-rc.1', '2.0.0')).toBeLessThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(() => compareVersions('latest', '1.0.0')).toThrow(DependencyCheckInputInvalid);
  });
});

describe('judge', () => {
  const runtime = ['ical-generator', 'luxon', '@middy/core', '@aws/lambda-invoke-store', 'jose'];

  test('a lagging major without a recorded reason fails, naming the hold that would excuse it', () => {
    const verdict = judge(runtime, { 'ical-generator': entry('10.2.0', '10.2.0', '11.1.2') }, {});
    expect(verdict.rows).toEqual([{ name: 'ical-generator', current: '10.2.0', wanted: '10.2.0', latest: '11.1.2', status: 'major_behind' }]);
    expect(verdict.failures).toHaveLength(1);
    expect(verdict.failures[0]).toContain('"ical-generator@11"');
  });

  test('a hold for that line lets it pass, and the reason is printed', () => {
    const verdict = judge(runtime, { 'ical-generator': entry('10.2.0', '10.2.0', '11.1.2') }, { 'ical-generator@11': 'RRULE output changed; compared first' });
    expect(verdict.failures).toEqual([]);
    expect(verdict.rows[0]).toMatchObject({ status: 'held', reason: 'RRULE output changed; compared first' });
    expect(formatRows(verdict.rows)).toMatch(/ical-generator\s+10\.2\.0\s+10\.2\.0\s+11\.1\.2\s+held: RRULE output changed/);
  });

  test('a hold names the line it declines: the next major asks again, and the old hold is stale', () => {
    const verdict = judge(runtime, { 'ical-generator': entry('10.2.0', '10.2.0', '12.0.0') }, { 'ical-generator@11': 'RRULE output changed; compared first' });
    expect(verdict.rows[0]!.status).toBe('major_behind');
    expect(verdict.failures).toEqual([expect.stringContaining('"ical-generator@12"'), expect.stringContaining('hold "ical-generator@11" is stale')]);
  });

  test('a hold left behind after the upgrade fails, so the file stays true', () => {
    expect(judge(runtime, {}, { 'ical-generator@11': 'RRULE output changed; compared first' }).failures).toEqual([expect.stringContaining('stale')]);
  });

  test('below 1.0 a new minor is a new line (a caret range does not cross it)', () => {
    expect(judge(runtime, { '@aws/lambda-invoke-store': entry('0.3.0', '0.3.0', '0.4.1') }, {}).failures).toEqual([expect.stringContaining('"@aws/lambda-invoke-store@0.4"')]);
    expect(judge(runtime, { '@aws/lambda-invoke-store': entry('0.3.0', '0.3.2', '0.3.2') }, {})).toMatchObject({ failures: [], rows: [{ status: 'behind_in_range' }] });
  });

  test('behind within the same line is shown, not failed: npm update takes it', () => {
    const verdict = judge(runtime, { luxon: entry('3.7.2', '3.8.0', '3.8.0'), jose: entry('6.2.18', '6.2.18', '6.3.0') }, {});
    expect(verdict.failures).toEqual([]);
    expect(verdict.rows.map((r) => [r.name, r.status])).toEqual([['jose', 'behind_in_range'], ['luxon', 'behind_in_range']]);
  });

  test('ahead of the registry\'s latest (latest filtered by engines, or a tag moved back) is not a lag', () => {
    const verdict = judge(runtime, { '@middy/core': entry('7.9.2', '7.9.2', '6.4.5') }, {});
    expect(verdict).toEqual({ failures: [], rows: [expect.objectContaining({ name: '@middy/core', status: 'ahead' })] });
  });

  test('only runtime dependencies are judged: a lagging dev dependency is npm outdated\'s business, not CI\'s', () => {
    expect(judge(runtime, { typescript: entry('6.0.3', '6.0.3', '7.0.2'), '@types/node': entry('22.20.5', '22.20.7', '26.6.11') }, {})).toEqual({ rows: [], failures: [] });
  });

  test('a runtime dependency that is not installed fails: there is nothing to judge', () => {
    const verdict = judge(runtime, { jose: { wanted: '6.2.18', latest: '6.2.18', location: '' } }, {});
    expect(verdict.rows[0]!.status).toBe('not_installed');
    expect(verdict.failures).toEqual([expect.stringContaining('npm ci')]);
  });
});
