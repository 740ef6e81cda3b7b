// Runs the OpenAPI tools on a document as their users do, in plain Node (both are ES modules,
// which jest's CommonJS runtime cannot load): `node run-openapi-tools.mjs <doc.json> <out.ts>`
// validates the document with swagger-parser (an unresolved $ref fails it) and writes the
// TypeScript types openapi-typescript generates from it. Prints `{ validation, generation }`:
// each null, or the tool's error message.
import { readFileSync, writeFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS, { astToString } from 'openapi-typescript';

const [docFile, outFile] = process.argv.slice(2);
const read = () => JSON.parse(readFileSync(docFile, 'utf8'));
const attempt = async (step) => {
  try {
    await step();
    return null;
  } catch (error) {
    return String(error?.message ?? error);
  }
};
const validation = await attempt(() => SwaggerParser.validate(read()));
const generation = await attempt(async () => writeFileSync(outFile, astToString(await openapiTS(read()))));
process.stdout.write(JSON.stringify({ validation, generation }));
