import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { CALENDAR_SYNC, EVENT_CATALOG, HOLD_SWEEP, REMINDER_SWEEP, SERIES_EXTENSION, STREAM_PUBLISHER } from '../../events/catalog';
import { HANDLER_BUNDLING } from '../../infra/aws/constructs/booking-function';
import { EVENT_FUNCTION_NEEDS, areaNeeds, type FunctionNeeds } from '../../infra/aws/function-needs';
import { ROUTES } from '../../infra/routes';
import type { Area } from '../../shared/http/areas';

// The area routers are what the HTTP API invokes; each route's own handler is bundled as well (it must load alone too).
const HANDLERS = [...new Set([...ROUTES.map((r) => r.areaHandler), ...ROUTES.map((r) => r.handler), ...EVENT_CATALOG.map((c) => c.handler), STREAM_PUBLISHER.handler, REMINDER_SWEEP.handler, HOLD_SWEEP.handler, SERIES_EXTENSION.handler, CALENDAR_SYNC.handler, 'functions/events/record-email-feedback.ts'])];
// Inside the project, so the bundles resolve the AWS SDK from node_modules as the Lambda runtime provides it.
const OUT = path.resolve('node_modules/.cache/handler-bundles');

test('every handler bundles as CDK bundles it, loads in Node and exports a handler function', async () => {
  rmSync(OUT, { recursive: true, force: true });
  const files: string[] = [];
  const zodModules = new Map<string, string[]>();
  for (const handler of HANDLERS) {
    const outfile = path.join(OUT, handler.replace(/\.ts$/, ''), 'index.mjs');
    mkdirSync(path.dirname(outfile), { recursive: true });
    const { metafile } = await build({
      entryPoints: [handler],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: HANDLER_BUNDLING.target,
      minify: HANDLER_BUNDLING.minify,
      sourcemap: HANDLER_BUNDLING.sourceMap,
      mainFields: [...HANDLER_BUNDLING.mainFields],
      external: [...HANDLER_BUNDLING.externalModules],
      banner: { js: HANDLER_BUNDLING.banner },
      logLevel: 'silent',
      metafile: true,
    });
    files.push(outfile);
    // What the bundle holds: the modules with code in the output (those esbuild read and shook off are listed with 0 bytes).
    const kept = Object.entries(Object.values(metafile.outputs).find((o) => o.entryPoint)!.inputs).filter(([, input]) => input.bytesInOutput > 0);
    zodModules.set(handler, kept.map(([input]) => /node_modules\/zod\/(.*)$/.exec(input)?.[1]).filter((m): m is string => !!m));
  }
  // A fresh Node process, with no environment the functions are normally given: loading must not need it.
  const script = `const files = JSON.parse(process.argv[1]); const out = {};
    for (const f of files) { const m = await import(f); out[f] = typeof m.handler; }
    console.log(JSON.stringify(out));`;
  const answer = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  const kinds = JSON.parse(answer.trim().split('\n').at(-1)!) as Record<string, string>;
  expect(Object.values(kinds)).toHaveLength(HANDLERS.length);
  for (const [file, kind] of Object.entries(kinds)) expect([path.relative(OUT, file), kind]).toEqual([path.relative(OUT, file), 'function']);
  for (const file of files) expect(statSync(file).size).toBeLessThan(2_000_000);
  // Validation is zod/mini (decision 44): classic zod's API and its 40-odd locales were ~450 KB of every bundle.
  for (const [handler, modules] of zodModules) {
    expect({ handler, classic: modules.filter((m) => m.includes('/classic/')), locales: modules.filter((m) => m.includes('/locales/') && !m.endsWith('/en.js')) })
      .toEqual({ handler, classic: [], locales: [] });
  }
});

/** What a function may load at a cold start, by what it does; anything else waits for its first use. */
const ADAPTERS = {
  '@aws-sdk/client-dynamodb': (n: FunctionNeeds) => ({ needed: n.table !== 'none', atInit: n.table !== 'none' }),
  '@aws-sdk/client-sesv2': (n: FunctionNeeds) => ({ needed: !!n.sendEmail, atInit: !!n.sendEmail }),
  nodemailer: (n: FunctionNeeds) => ({ needed: !!n.sendEmail, atInit: !!n.sendEmail }),
  '@aws-sdk/client-eventbridge': (n: FunctionNeeds) => ({ needed: !!n.publishEvents, atInit: !!n.publishEvents }),
  // Few requests touch sign-ins or read the secret (once per container): loaded when they do.
  '@aws-sdk/client-cognito-identity-provider': (n: FunctionNeeds) => ({ needed: !!n.cognito, atInit: false }),
  '@aws-sdk/client-secrets-manager': (n: FunctionNeeds) => ({ needed: !!n.manageTokenSecret, atInit: false }),
  // Calendar passwords are sealed or opened by few requests (adding or syncing a CalDAV source): the KMS client waits for the first.
  '@aws-sdk/client-kms': (n: FunctionNeeds) => ({ needed: !!n.calendarKey, atInit: false }),
} as const;
type Adapter = keyof typeof ADAPTERS;

const packageOf = (file: string): string | undefined => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('.') || file.startsWith('/') ? undefined : file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/'));

/** The packages in a function's bundle, and those its entry reaches by static imports alone (evaluated at a cold start). */
async function packagesOf(entry: string): Promise<{ inBundle: Set<string>; atInit: Set<string>; atInitFiles: Set<string> }> {
  const result = await build({
    entryPoints: [entry], write: false, outdir: OUT, metafile: true, bundle: true, platform: 'node', format: 'esm',
    target: HANDLER_BUNDLING.target, mainFields: [...HANDLER_BUNDLING.mainFields], external: [...HANDLER_BUNDLING.externalModules], logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const inBundle = new Set<string>();
  for (const [file, input] of Object.entries(inputs)) {
    const name = packageOf(file);
    if (name) inBundle.add(name);
    for (const imported of input.imports) if (imported.external) inBundle.add(packageOf(imported.path) ?? imported.path);
  }
  const atInit = new Set<string>();
  const atInitFiles = new Set<string>();
  const visit = (file: string) => {
    if (atInitFiles.has(file)) return;
    atInitFiles.add(file);
    const name = packageOf(file);
    if (name) atInit.add(name);
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind === 'dynamic-import') continue;
      if (imported.external) atInit.add(packageOf(imported.path) ?? imported.path);
      else visit(imported.path);
    }
  };
  visit(entry);
  return { inBundle, atInit, atInitFiles };
}

const DEPLOYED: { entry: string; needs: FunctionNeeds }[] = [
  ...[...new Set(ROUTES.map((r) => r.area))].map((area) => ({ entry: ROUTES.find((r) => r.area === area)!.areaHandler, needs: areaNeeds(area as Area) })),
  ...[...EVENT_CATALOG, STREAM_PUBLISHER, REMINDER_SWEEP, HOLD_SWEEP, CALENDAR_SYNC, { name: 'record-email-feedback', handler: 'functions/events/record-email-feedback.ts' }].map((c) => ({ entry: c.handler, needs: EVENT_FUNCTION_NEEDS[c.name]! })),
];

test.each(DEPLOYED)('$entry loads at a cold start only the adapters its needs name, and holds every one it needs', async ({ entry, needs }) => {
  const { inBundle, atInit } = await packagesOf(entry);
  for (const adapter of Object.keys(ADAPTERS) as Adapter[]) {
    const rule = ADAPTERS[adapter](needs);
    expect({ adapter, atInit: atInit.has(adapter) }).toEqual({ adapter, atInit: rule.atInit });
    if (rule.needed) expect({ adapter, inBundle: inBundle.has(adapter) }).toEqual({ adapter, inBundle: true });
  }
});

test('the AWS SDK is bundled (the version the tests ran with, tree-shaken), and the availability path never loads the booking service', async () => {
  expect(HANDLER_BUNDLING.externalModules).toEqual([]);
  const { atInitFiles } = await packagesOf('functions/http/get-availability.ts');
  expect([...atInitFiles].filter((f) => f.includes('shared/booking/booking-service'))).toEqual([]);
});
