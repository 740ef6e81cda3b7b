import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EVENT_CATALOG } from '../../events/catalog';
import { AREAS } from '../../shared/http/areas';

/** The CDK CLI as a practice runs it, with no AWS credentials and no network. */
function cdk(args: string[]) {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, CDK_DISABLE_CLI_TELEMETRY: 'true', TMPDIR: os.tmpdir() };
  return spawnSync('npx', ['cdk', ...args], { encoding: 'utf8', env, timeout: 300_000 });
}

test('cdk synth works offline without credentials and writes the whole app', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'cdk-cli-'));
  const result = cdk(['synth', '--quiet', '-c', 'config=infra/aws/config/example.json', '-o', out]);
  expect([result.status, result.stderr.split('\n').filter((l) => /error/i.test(l)).slice(0, 5)]).toEqual([0, []]);
  const template = JSON.parse(readFileSync(path.join(out, 'PracticeBooking.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
  const types = Object.values(template.Resources).map((r) => r.Type);
  // One function per area (decision 34), per consumer, the publisher, the reminder sweep, the series
  // extension, the hold sweep, email feedback, and CDK's bucket deployment.
  expect(types.filter((t) => t === 'AWS::Lambda::Function').length).toBe(AREAS.length + EVENT_CATALOG.length + 6 + 1);
  expect(Object.keys(template.Resources).length).toBeLessThanOrEqual(400);
  expect(existsSync(path.join(out, 'PracticeBooking.assets.json'))).toBe(true);
}, 400_000);

test('a configuration with missing values stops synthesis with a message naming them', () => {
  const bad = path.join(mkdtempSync(path.join(os.tmpdir(), 'cdk-bad-')), 'practice.json');
  writeFileSync(bad, JSON.stringify({ practiceName: 'X', allowedOrigins: [] }));
  const result = cdk(['synth', '--quiet', '-c', `config=${bad}`, '-o', path.dirname(bad)]);
  expect(result.status).not.toBe(0);
  expect(result.stderr + result.stdout).toMatch(/senderEmail[\s\S]*bookingPageUrl[\s\S]*allowedOrigins/);
}, 120_000);
