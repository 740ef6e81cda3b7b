import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { HANDLER_BUNDLING } from '../infra/aws/constructs/booking-function';

/**
 * HANDLER_BUNDLING (what the stack hands CDK's NodejsFunction) as esbuild options, the way CDK
 * turns them into its esbuild command. An option this does not know stops the bench, rather than
 * time a bundle the stack would not deploy.
 */
export function esbuildOptions(bundling: Record<string, unknown> = HANDLER_BUNDLING): BuildOptions {
  const options: BuildOptions = { bundle: true, platform: 'node', logLevel: 'silent' };
  for (const [key, value] of Object.entries(bundling)) {
    switch (key) {
      case 'format': options.format = value as BuildOptions['format']; break;
      case 'target': options.target = value as string; break;
      case 'minify': options.minify = value as boolean; break;
      case 'sourceMap': options.sourcemap = value ? (bundling.sourceMapMode as BuildOptions['sourcemap'] ?? true) : false; break;
      case 'sourceMapMode': break; // with sourceMap
      case 'sourcesContent': options.sourcesContent = value as boolean; break;
      case 'mainFields': options.mainFields = [...(value as string[])]; break;
      case 'externalModules': options.external = [...(value as string[])]; break;
      case 'banner': options.banner = { js: value as string }; break;
      case 'footer': options.footer = { js: value as string }; break;
      case 'keepNames': options.keepNames = value as boolean; break;
      case 'define': options.define = value as Record<string, string>; break;
      case 'loader': options.loader = value as BuildOptions['loader']; break;
      case 'charset': options.charset = value as BuildOptions['charset']; break;
      case 'tsconfig': options.tsconfig = value as string; break;
      case 'metafile': case 'logLevel': case 'forceDockerBundling': break;
      default: throw new Error(`bench/bundle.ts does not know the bundling option ${key}: teach it how CDK passes it to esbuild`);
    }
  }
  return options;
}

/** Where the bench keeps its bundles: inside the project, so `@aws-sdk/*` left external resolves from node_modules as the Lambda runtime provides it. */
export const BUNDLE_DIR = path.resolve('bench/.bundles');

export async function bundle(entry: { file: string } | { source: string; resolveDir: string }, outfile: string): Promise<void> {
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    ...esbuildOptions(),
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.source, resolveDir: entry.resolveDir, sourcefile: 'floor.mjs', loader: 'js' } }),
    outfile,
  });
}
