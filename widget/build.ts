import { mkdirSync } from 'node:fs';
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
