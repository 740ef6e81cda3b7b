import type { ChildProcess } from 'node:child_process';

/** Whether a child process has ended (by exiting or by a signal). */
export const hasEnded = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/**
 * Stops a child the local runtime or a test started (DynamoDB Local, Radicale): SIGTERM, and
 * SIGKILL if it has not ended 5 s later; resolves once it has exited.
 */
export function stopChild(child: ChildProcess): Promise<void> {
  if (hasEnded(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
