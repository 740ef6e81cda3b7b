import { AsyncLocalStorage } from 'node:async_hooks';
import type { PracticeSettings } from '../domain/practice-settings';

/**
 * The practice settings one request has already read (or written), so a later decision in the same
 * request (CORS, after the handler) uses them instead of reading the item again: the booking path's
 * BatchGetItem carries the settings anyway (decisions 2 and 45). Request-scoped through
 * AsyncLocalStorage because the local runtime runs many invocations in one process at once
 * (decision 16); outside a scope nothing is remembered.
 */
const scope = new AsyncLocalStorage<{ settings?: PracticeSettings }>();

/** Runs one request with its own, empty memo. */
export function withRequestSettings<T>(run: () => Promise<T>): Promise<T> {
  return scope.run({}, run);
}

/** Called by the store with the settings as read (or as just written). */
export function noteSettings(settings: PracticeSettings): void {
  const memo = scope.getStore();
  if (memo) memo.settings = settings;
}

/** The settings this request read or wrote, if it did. */
export function settingsOfThisRequest(): PracticeSettings | undefined {
  return scope.getStore()?.settings;
}
