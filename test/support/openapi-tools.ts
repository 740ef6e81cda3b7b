import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface OpenApiToolsResult {
  /** null when swagger-parser validated the document, else its message. */
  validation: string | null;
  /** null when openapi-typescript generated types, else its message and report. */
  generation: string | null;
  /** The folder holding `openapi.json` and the generated `api.ts`. */
  dir: string;
}

/** Runs swagger-parser and openapi-typescript on a document (see run-openapi-tools.mjs). */
export function runOpenApiTools(documentText: string): OpenApiToolsResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'openapi-client-'));
  writeFileSync(path.join(dir, 'openapi.json'), documentText);
  const run = spawnSync(process.execPath, [path.resolve('test/support/run-openapi-tools.mjs'), path.join(dir, 'openapi.json'), path.join(dir, 'api.ts')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`run-openapi-tools.mjs failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as Omit<OpenApiToolsResult, 'dir'>;
  // openapi-typescript reports what it refused on stderr.
  return { ...result, generation: result.generation && `${result.generation}\n${run.stderr}`, dir };
}
