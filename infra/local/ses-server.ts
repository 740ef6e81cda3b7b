import type { Server } from 'node:http';
import * as sesLocal from 'aws-ses-v2-local';

type StartSes = (config: { host: string; port: number }) => Promise<Server>;

/** Starts the local SES server (aws-ses-v2-local) in this process: SES v2 API, store and web inbox. */
export async function startLocalSes(port: number): Promise<{ endpoint: string; stop(): Promise<void> }> {
  // A CommonJS module with `exports.default`: unwrap whichever way the loader presents it.
  const module = sesLocal as unknown as { default: StartSes | { default: StartSes } };
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  const server = await start({ host: '127.0.0.1', port });
  if (!server.listening) await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
