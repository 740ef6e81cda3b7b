import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exampleConfig, synthesize } from './synth';

/**
 * cfn-lint checks a template against CloudFormation's resource specifications, as the service
 * would on deployment (properties, values, references). Errors fail; each warning we accept is
 * listed here with its reason, any other fails too.
 */
const ACCEPTED_WARNINGS: Record<string, string> = {
  W3005: 'aws-cdk-lib adds a DependsOn on each function\'s role and default policy beside the GetAtt of the role: redundant ordering, harmless, and not ours to remove.',
  W3045: 'CloudFront standard logs are delivered with S3 ACLs: the log bucket needs AccessControl LogDeliveryWrite (set by aws-cdk-lib for Distribution logging); the widget bucket itself has none.',
};

interface Finding { Level: string; Rule: { Id: string }; Message: string; Filename: string; Location: { Path: (string | number)[] } }

const INSTALL_HINT = 'cfn-lint is not on PATH. Install it (the infra tests need it, version 1.51 or later): `pipx install cfn-lint` or `python3 -m pip install --user cfn-lint`, then check `cfn-lint --version`.';

function cfnLint(files: string[]): Finding[] {
  const result = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(INSTALL_HINT);
  if (result.error) throw result.error;
  // Exit status is a bit mask (2 errors, 4 warnings, 8 informational); 1 means cfn-lint itself failed.
  if (result.status === 1 || !result.stdout.trim().startsWith('[')) throw new Error(`cfn-lint did not run: ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout) as Finding[];
}

const describeFinding = (f: Finding) => `${f.Level} ${f.Rule.Id} ${path.basename(f.Filename)} ${f.Location.Path.join('/')}: ${f.Message}`;

function expectClean(configName: string, templates: string[]) {
  const findings = cfnLint(templates);
  const errors = findings.filter((f) => f.Level === 'Error');
  const warnings = findings.filter((f) => f.Level === 'Warning');
  const unaccepted = warnings.filter((f) => !ACCEPTED_WARNINGS[f.Rule.Id]);
  const accepted = [...new Set(warnings.filter((f) => ACCEPTED_WARNINGS[f.Rule.Id]).map((f) => f.Rule.Id))];
  if (accepted.length) process.stdout.write(`cfn-lint (${configName}): accepted warnings ${accepted.map((id) => `${id} (${warnings.filter((f) => f.Rule.Id === id).length}×)`).join(', ')}\n`);
  expect({ configName, errors: errors.map(describeFinding), unacceptedWarnings: unaccepted.map(describeFinding) }).toEqual({ configName, errors: [], unacceptedWarnings: [] });
}

const templatesOf = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(dir, f));

test('cfn-lint finds no error and no unaccepted warning in every synthesized template', () => {
  const { assembly } = synthesize();
  const files = templatesOf(assembly.directory);
  expect(files.length).toBeGreaterThanOrEqual(1);
  expectClean('example', files);
});

test('… with a custom domain and a sender domain too', () => {
  const { assembly } = synthesize({
    ...exampleConfig(),
    senderDomain: 'harbor-light.example',
    customDomain: { domainName: 'book.harbor-light.example', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
  });
  expectClean('custom domain', templatesOf(assembly.directory));
});

test('the lint is live: a template CloudFormation would refuse is reported as an error', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-')), 'broken.template.json');
  writeFileSync(file, JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 'soon', NoSuchProperty: 1 } } } }));
  const errors = cfnLint([file]).filter((f) => f.Level === 'Error').map((f) => f.Rule.Id);
  expect(errors.length).toBeGreaterThanOrEqual(1);
});

test('without cfn-lint the tests fail and say how to install it', () => {
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    expect(() => cfnLint([])).toThrow(/cfn-lint is not on PATH[\s\S]*pip/);
  } finally {
    process.env.PATH = saved;
  }
});
