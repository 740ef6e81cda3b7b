import type { AppConfig } from '../config/config';
import type { Client } from '../domain/booking';
import type { BookingRepository } from '../store/booking-repository';
import { manageTokenLive, readManageGrant } from '../tokens/manage-token';

export interface ProofPorts {
  config: Pick<AppConfig, 'manageTokenSecret' | 'manageTokenGraceHours'>;
  bookings: Pick<BookingRepository, 'get'>;
  clock: { now(): Date };
}

const normal = (email: string) => email.trim().toLowerCase();

/**
 * Which clients of a new booking have already proven their address ("book again" from a manage
 * link, API.md): `Authorization: Bearer <m2 manage token>` of an earlier booking that left
 * `pending_verification`, whose client (the token's index) verified, whose link still works, and
 * whose address equals (case-insensitively) that new client's address.
 *
 * Anything else proves nothing and is not an error (decision 81): no header, another scheme, an m1
 * token (it names no client), a forged or expired token, a booking that is gone, still pending or
 * never verified (verification did not apply to it), another address. The new booking then simply
 * goes through verification, so the answer tells nobody whose token it was or whose address it is.
 * What this reads depends on the token alone, never on the addresses.
 */
export async function provenClients(deps: ProofPorts, authorization: string | undefined, clients: Client[]): Promise<boolean[]> {
  const none = clients.map(() => false);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return none;
  const grant = readManageGrant(deps.config.manageTokenSecret, match[1]!);
  // A provisional token went to whoever typed the addresses: it proves none of them (decision 91).
  if (grant?.client === undefined || grant.provisional) return none;
  const earlier = await deps.bookings.get(grant.bookingId);
  if (!earlier || earlier.status === 'pending_verification') return none;
  if (earlier.verified?.[grant.client] !== true) return none;
  if (!manageTokenLive(earlier.end, deps.clock.now(), deps.config.manageTokenGraceHours)) return none;
  const address = earlier.clients[grant.client]?.email;
  if (!address) return none;
  return clients.map((c) => normal(c.email) === normal(address));
}
