import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { EVENT_CATALOG, REMINDER_SWEEP, STREAM_PUBLISHER } from '../../events/catalog';
import { HANDLER_BUNDLING } from '../../infra/aws/constructs/booking-function';
import { ROUTES } from '../../infra/routes';

// The area routers are what the HTTP API invokes; each route's own handler is bundled as well (it must load alone too).
const HANDLERS = [...new Set([...ROUTES.map((r) => r.areaHandler), ...ROUTES.map((r) => r.handler), ...EVENT_CATALOG.map((c) => c.handler), STREAM_PUBLISHER.handler, REMINDER_SWEEP.handler, 'functions/events/record-email-feedback.ts'])];
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
