import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BookingFunction } from '../../infra/aws/constructs/booking-function';

/**
 * The AWS SDK a deployed function runs is the one the tests ran with (decision 147): CDK bundles
 * these functions for real here (local esbuild, as `cdk deploy` does), and each bundle must carry
 * the installed SDK, at the lockfile's versions, and load where no SDK is installed at all (the
 * Lambda runtime's own copy is never what runs).
 */
const FUNCTIONS = {
  // DynamoDB, SES v2 and (lazily) Secrets Manager
  Notify: { handler: 'functions/events/send-booking-notifications.ts', clients: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sesv2', '@aws-sdk/client-secrets-manager'] },
  // EventBridge
  Publish: { handler: 'functions/events/publish-events.ts', clients: ['@aws-sdk/client-eventbridge'] },
  // Cognito (lazily) and DynamoDB
  Admin: { handler: 'functions/http/areas/admin.ts', clients: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-cognito-identity-provider'] },
} as const;
type Name = keyof typeof FUNCTIONS;

const root = process.cwd();
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> };
/** The version the tests load: resolved from the project as every test file resolves it. */
const installedVersion = (name: string): string => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [root] }), 'utf8')) as { version: string }).version;

let outdir: string;
const bundles = new Map<Name, { code: string; sources: string[]; dir: string }>();

beforeAll(() => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'cdk-sdk-bundles-'));
  const app = new App({ outdir, context: { 'cli-telemetry': false } });
  const stack = new Stack(app, 'SdkProbe');
  const fns = Object.entries(FUNCTIONS).map(([id, f]) => [id, new BookingFunction(stack, id, { handler: f.handler, rootDir: root, environment: {}, logRetention: RetentionDays.ONE_DAY })] as const);
  app.synth();
  const template = JSON.parse(readFileSync(path.join(outdir, 'SdkProbe.template.json'), 'utf8')) as { Resources: Record<string, { Properties: { Code?: { S3Key?: string } } }> };
  for (const [id, fn] of fns) {
    const key = template.Resources[stack.getLogicalId(fn.node.defaultChild as never)]!.Properties.Code!.S3Key!;
    const dir = path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
    const map = JSON.parse(readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    bundles.set(id as Name, { code: readFileSync(path.join(dir, 'index.mjs'), 'utf8'), sources: map.sources, dir });
  }
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test.each(Object.keys(FUNCTIONS) as Name[])('%s: the SDK clients in the deployed bundle are the installed ones the tests use, at the lockfile\'s versions', (name) => {
  const { code } = bundles.get(name)!;
  // Each client bundles its package.json's name and version (its user agent reports them).
  const embedded = new Map([...code.matchAll(/\{name:"(@aws-sdk\/client-[a-z0-9-]+)",version:"([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  for (const client of FUNCTIONS[name].clients) {
    expect({ client, bundled: embedded.get(client) }).toEqual({ client, bundled: installedVersion(client) });
    expect({ client, locked: lock.packages[`node_modules/${client}`]?.version }).toEqual({ client, locked: installedVersion(client) });
  }
});

test.each(Object.keys(FUNCTIONS) as Name[])('%s: every @aws-sdk and @smithy copy in the bundle is installed at the lockfile\'s version', (name) => {
  const { sources } = bundles.get(name)!;
  // The source map names each file the bundle was built from: the package folder it came from, nested copies included.
  const folders = new Set(sources.map((s) => /node_modules\/.*node_modules\/(?:@[^/]+\/)?[^/]+|node_modules\/(?:@[^/]+\/)?[^/]+/.exec(s)?.[0].replace(/^.*?(node_modules\/)/, '$1')).filter((f): f is string => !!f && /node_modules\/@(aws-sdk|smithy)\/[^/]+$/.test(f)));
  expect(folders.size).toBeGreaterThan(5);
  const mismatches = [...folders].map((folder) => ({
    folder,
    installed: (JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8')) as { version: string }).version,
    locked: lock.packages[folder]?.version,
  })).filter((f) => f.installed !== f.locked);
  expect(mismatches).toEqual([]);
});

test('the bundles rely on no SDK from the Lambda runtime: nothing is external, and each loads where no SDK is installed', () => {
  for (const [name, { code }] of bundles) {
    // An external module stays an import (ESM) or a require through the banner's createRequire
    // (CommonJS); the SDK's own error text quoting `[require("@aws-sdk/signature-v4-crt");]` is not one.
    expect({ name, external: [...code.matchAll(/(?:from\s*|import\s*\(?\s*|require\(\s*)"((?:@aws-sdk|@smithy)\/[^"]+)"(?!\)?;\])/g)].map((m) => m[1]) })
      .toEqual({ name, external: [] });
  }
  // Outside the project, with no node_modules above it and no NODE_PATH: an SDK import left out of a bundle cannot resolve.
  const bare = mkdtempSync(path.join(os.tmpdir(), 'bare-lambda-'));
  try {
    expect(existsSync(path.join(path.dirname(bare), 'node_modules'))).toBe(false);
    const files = [...bundles].map(([name, { dir }]) => {
      const file = path.join(bare, `${name}.mjs`);
      copyFileSync(path.join(dir, 'index.mjs'), file);
      return file;
    });
    const script = 'const out = {}; for (const f of JSON.parse(process.argv[1])) out[f] = typeof (await import(f)).handler; console.log(JSON.stringify(out));';
    const answer = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], { cwd: bare, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(Object.values(JSON.parse(answer.trim().split('\n').at(-1)!))).toEqual(files.map(() => 'function'));
  } finally {
    rmSync(bare, { recursive: true, force: true });
  }
});
