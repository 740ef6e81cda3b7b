export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __runtime?: { stop(): Promise<unknown> } }).__runtime?.stop();
}
