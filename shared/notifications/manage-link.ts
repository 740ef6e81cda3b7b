import type { AppConfig } from '../config/config';
import { issueManageToken } from '../tokens/manage-token';

/**
 * The client's link to see, move or cancel their booking: the practice's booking page, with the
 * booking and token in the fragment, which browsers never send to a server (no access log, no
 * Referer carries it).
 */
export function manageLink(config: Pick<AppConfig, 'publicBaseUrl' | 'manageTokenSecret'>, bookingId: string): string {
  const token = issueManageToken(config.manageTokenSecret, bookingId);
  // Appended as is: the booking page may be `https://site/book`, and `/book/` need not exist.
  return `${config.publicBaseUrl}#manage=${encodeURIComponent(bookingId)}&token=${encodeURIComponent(token)}`;
}
