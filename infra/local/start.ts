import path from 'node:path';
import { startLocalRuntime } from './local-runtime';

/**
 * `npm start`: the whole system on this machine. Environment (API.md, last section): PORT,
 * DYNAMODB_PORT, SES_PORT, LOCAL_DATA_DIR, LOCAL_IN_MEMORY=1, LOCAL_SEED=0, LOCAL_NOW.
 */
async function main(): Promise<void> {
  const env = process.env;
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
    return value;
  };
  let now: Date | undefined;
  if (env.LOCAL_NOW) {
    now = new Date(env.LOCAL_NOW);
    if (Number.isNaN(now.getTime())) throw new Error('LOCAL_NOW must be an ISO 8601 instant, e.g. 2026-12-01T09:00:00Z');
  }
  const inMemory = env.LOCAL_IN_MEMORY === '1' || env.LOCAL_IN_MEMORY === 'true';
  const dataDir = inMemory ? undefined : path.resolve(env.LOCAL_DATA_DIR ?? '.local-data');
  const runtime = await startLocalRuntime({
    port: port('PORT', 3000),
    dynamoDbPort: port('DYNAMODB_PORT', 8000),
    sesPort: port('SES_PORT', 8005),
    ...(dataDir ? { dataDir } : {}),
    rootDir: path.resolve(import.meta.dirname, '..', '..'),
    seed: env.LOCAL_SEED !== '0' && env.LOCAL_SEED !== 'false',
    ...(now ? { now } : {}),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  process.stdout.write(
    [
      '',
      'Practice booking: local runtime ready',
      `  Demo practice:     ${runtime.demoPageUrl}  (the booking widget on a practice's page)`,
      `  API:               ${runtime.apiUrl}`,
      `  OpenAPI:           ${runtime.apiUrl}/v1/openapi.json`,
      `  Email inbox (SES): ${runtime.sesInboxUrl}  (also GET ${runtime.apiUrl}/_local/outbox)`,
      ...(runtime.demoTherapistId ? [`  Demo therapist id: ${runtime.demoTherapistId}`] : []),
      `  Data:              ${dataDir ?? 'in memory (nothing kept)'}`,
      `  Clock:             ${runtime.clock.now().toISOString()} (set with POST /_local/clock)`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`npm start failed: ${error.message}\n`);
  process.exit(1);
});
