import { startNpmStart } from '../support/npm-start';

/** One `npm start` (in memory, seeded demo practice) shared by the end-to-end tests over HTTP. */
export default async function globalSetup(): Promise<void> {
  const runtime = await startNpmStart({ LOCAL_SEED: '1', POWERTOOLS_LOG_LEVEL: 'WARN' });
  (globalThis as { __runtime?: typeof runtime }).__runtime = runtime;
  process.env.E2E_API = runtime.api;
  process.env.E2E_DYNAMODB_ENDPOINT = `http://127.0.0.1:${runtime.dynamoDbPort}`;
}
