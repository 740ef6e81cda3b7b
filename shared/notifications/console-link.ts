import type { AppConfig } from '../config/config';

/**
 * Where the therapist approves or declines a request: the console. Deployed, the stack says where
 * it is (the booking page may be the practice's own site); locally it is `/console/` on the booking
 * page's origin, as the local runtime serves it.
 */
export function consoleLink(config: Pick<AppConfig, 'publicBaseUrl' | 'consoleUrl'>): string {
  return config.consoleUrl ?? `${new URL(config.publicBaseUrl).origin}/console/`;
}
