import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port';

export interface RunningRuntime {
  api: string;
  dynamoDbPort: number;
  child: ChildProcess;
  output(): string;
  /** Sends the signal to npm start's process group and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the local runtime exactly as a newcomer does (`npm start`), on free ports. */
export async function startNpmStart(env: Record<string, string> = {}): Promise<RunningRuntime> {
  const [port, dynamoDbPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn('npm', ['start'], {
    cwd: process.cwd(),
    detached: true, // its own process group, as a terminal gives it: Ctrl-C reaches every process
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoDbPort),
      SES_PORT: String(sesPort),
      LOCAL_IN_MEMORY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (c) => (log += c));
  child.stderr!.on('data', (c) => (log += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const api = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${log.slice(-2000)}`);
    try {
      if ((await fetch(`${api}/_local/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`npm start not healthy within 90 s:\n${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    api,
    dynamoDbPort,
    child,
    output: () => log,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* already gone */
        }
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
