import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthesize } from './synth';

test('cdk-nag AwsSolutions finds nothing unacknowledged in the stack', () => {
  const { assembly } = synthesize();
  const reports = readdirSync(assembly.directory).filter((f) => /validation-report\.json$/.test(f));
  for (const report of reports) {
    const json = JSON.parse(readFileSync(path.join(assembly.directory, report), 'utf8')) as { pluginReports?: { violations?: unknown[] }[] };
    expect((json.pluginReports ?? []).flatMap((r) => r.violations ?? [])).toEqual([]);
  }
});

test('every acknowledgement carries a written reason', () => {
  const source = readFileSync('infra/aws/nag-acknowledgements.ts', 'utf8');
  const acks = [...source.matchAll(/ack\(\s*[^,]+,\s*[^,]+,\s*('([^']*)'|`([^`]*)`|\n)/g)];
  expect(acks.length).toBeGreaterThan(10);
  for (const [, , single, template] of acks) if (single !== undefined || template !== undefined) expect((single ?? template)!.length).toBeGreaterThan(30);
});

test('the check is live: an unacknowledged finding fails synthesis', () => {
  const app = new App({ outdir: path.join(require('node:os').tmpdir(), `nag-live-${Date.now()}`) });
  const stack = new Stack(app, 'Careless');
  new Queue(stack, 'NoDeadLetterNoSsl');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(() => app.synth()).toThrow();
  expect(existsSync(app.outdir)).toBe(true);
});
