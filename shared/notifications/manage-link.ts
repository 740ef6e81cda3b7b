import type { AppConfig } from '../config/config';
import { issueClientManageToken } from '../tokens/manage-token';

/**
 * The client's link to see, move or cancel their booking: the practice's booking page, with the
 * booking and token in the fragment, which browsers never send to a server (no access log, no
 * Referer carries it). `client` is the recipient's index in the booking's clients: each partner's
 * email carries their own link, which shows them their own details and the other's first name only.
 */
export function manageLink(config: Pick<AppConfig, 'publicBaseUrl' | 'manageTokenSecret'>, bookingId: string, client: number): string {
  const token = issueClientManageToken(config.manageTokenSecret, bookingId, client);
  // Appended as is: the booking page may be `https://site/book`, and `/book/` need not exist.
  return `${config.publicBaseUrl}#manage=${encodeURIComponent(bookingId)}&token=${encodeURIComponent(token)}`;
}
