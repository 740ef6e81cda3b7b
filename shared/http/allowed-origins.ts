import type { Dependencies } from '../runtime/dependencies';

/** Practice settings are re-read at most once a minute per container for CORS decisions. */
const CACHE_MS = 60_000;
let cached: { origins: string[]; until: number } | undefined;

/**
 * Whether a browser at `origin` may call the API: the origins deployed with the stack, plus those
 * an admin has put in the practice settings (taking effect within a minute). Same-origin and
 * non-browser requests carry no Origin and never cost a read.
 */
export async function isAllowedOrigin(deps: Pick<Dependencies, 'config' | 'settings'>, origin: string): Promise<boolean> {
  if (deps.config.allowedOrigins.includes(origin)) return true;
  if (!cached || cached.until < Date.now()) cached = { origins: (await deps.settings.get()).allowedOrigins, until: Date.now() + CACHE_MS };
  return cached.origins.includes(origin);
}

export const CORS_ALLOWED_HEADERS = 'authorization,content-type,idempotency-key';
export const CORS_ALLOWED_METHODS = 'GET,POST,PUT,DELETE,OPTIONS';
