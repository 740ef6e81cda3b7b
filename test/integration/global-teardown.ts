export default async function globalTeardown(): Promise<void> {
  for (const stop of (globalThis as { __stops?: Array<() => Promise<void>> }).__stops ?? []) await stop();
}
