import type { AppConfig } from '../config/config';
import { settingsOfThisRequest } from '../store/request-settings';
import type { SettingsRepository } from '../store/settings-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface AllowedOriginsPorts {
  config: Pick<AppConfig, 'allowedOrigins'>;
  settings: Pick<SettingsRepository, 'get'>;
}

/** Practice settings are re-read at most once a minute per container for CORS decisions. */
const CACHE_MS = 60_000;
let cached: { origins: string[]; until: number } | undefined;

/**
 * Whether a browser at `origin` may call the API: the origins deployed with the stack, plus those
 * an admin has put in the practice settings (taking effect within a minute). Same-origin and
 * non-browser requests carry no Origin and never cost a read; nor does a request whose handler
 * already read the settings (a booking's BatchGetItem, decision 45): those, fresher than the
 * cache, answer and refresh it.
 */
export async function isAllowedOrigin(deps: AllowedOriginsPorts, origin: string): Promise<boolean> {
  if (deps.config.allowedOrigins.includes(origin)) return true;
  const seen = settingsOfThisRequest();
  if (seen) cached = { origins: seen.allowedOrigins, until: Date.now() + CACHE_MS };
  else if (!cached || cached.until < Date.now()) cached = { origins: (await deps.settings.get()).allowedOrigins, until: Date.now() + CACHE_MS };
  return cached.origins.includes(origin);
}

export const CORS_ALLOWED_HEADERS = 'authorization,content-type,idempotency-key';
export const CORS_ALLOWED_METHODS = 'GET,POST,PUT,DELETE,OPTIONS';
