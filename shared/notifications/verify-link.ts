import type { AppConfig } from '../config/config';
import { issueVerifyToken } from '../tokens/verify-token';

/** The link in a verification email: the booking page with the booking and token in the fragment (never sent to a server). */
export function verifyLink(config: Pick<AppConfig, 'publicBaseUrl' | 'manageTokenSecret'>, bookingId: string, client: number): string {
  const token = issueVerifyToken(config.manageTokenSecret, bookingId, client);
  return `${config.publicBaseUrl}#verify=${encodeURIComponent(bookingId)}&token=${encodeURIComponent(token)}`;
}
