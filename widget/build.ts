import { copyFileSync, mkdirSync } from 'node:fs';
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
  await bundleForBrowsers(path.join(rootDir, 'widget/src/booking-widget.ts'), outfile, options.minify);
  return outfile;
}

/**
 * Builds the practice console into `<outDir>/console/`: its page, one script and one stylesheet
 * (files, not inline, so the page's CSP can forbid inline script and style). The same files are
 * served by `npm start` at `/console/` and deployed beside the widget; only `config.json`, which says
 * where the API is and how to sign in, differs.
 */
export async function buildConsole(outDir: string, options: { minify?: boolean; rootDir?: string } = {}): Promise<string> {
  const rootDir = options.rootDir ?? process.cwd();
  const dir = path.join(outDir, 'console');
  mkdirSync(dir, { recursive: true });
  await bundleForBrowsers(path.join(rootDir, 'widget/src/console/console-app.ts'), path.join(dir, 'console.js'), options.minify);
  for (const file of ['index.html', 'console.css']) copyFileSync(path.join(rootDir, 'widget/src/console', file), path.join(dir, file));
  return dir;
}

/** One self-contained script for the browsers the widget and the console support. */
async function bundleForBrowsers(entry: string, outfile: string, minify = true): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
  });
}
