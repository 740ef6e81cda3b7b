import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the widget into one self-contained script (no imports, no third-party requests) that a
 * practice embeds with `<script src=".../booking-widget.js" defer>`.
 */
export async function buildWidget(outDir: string, options: { minify?: boolean; rootDir?: string } = {}): Promise<string> {
  const rootDir = options.rootDir ?? process.cwd();
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, 'booking-widget.js');
  await build({
    entryPoints: [path.join(rootDir, 'widget/src/booking-widget.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify: options.minify ?? true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * Stub until the console's real build is merged: writes `<outDir>/console/` with the three files
 * the hosting deploys (index.html, console.js, console.css), so the stack can be synthesized.
 */
export async function buildConsole(outDir: string, options: { minify?: boolean; rootDir?: string } = {}): Promise<string> {
  void options;
  const dir = path.join(outDir, 'console');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>Practice console</title><link rel="stylesheet" href="console.css"><script src="console.js" defer></script><main id="console"></main></html>\n');
  writeFileSync(path.join(dir, 'console.js'), '/* console stub */\n');
  writeFileSync(path.join(dir, 'console.css'), '/* console stub */\n');
  return dir;
}
