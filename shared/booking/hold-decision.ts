import type { Booking, Client } from '../domain/booking';
import type { PracticeSettings } from '../domain/practice-settings';
import type { SessionType } from '../domain/therapist';
import type { ClientHistoryRepository } from '../clients/client-history';
import { rulesOutcome, type RulesOutcome } from '../clients/session-rules';
import { conflict, verificationRequired } from '../errors/domain-errors';

/** What this module needs, in its own terms: any object with these members will do. */
export interface HoldDecisionPorts {
  clientHistory: Pick<ClientHistoryRepository, 'existingClients'>;
}

/** The fields a booking's status decision sets when it is written (decision 75). */
export type StatusFields = Pick<Booking, 'status' | 'holdUntil' | 'verified' | 'verifiedAt' | 'declinedAt' | 'declinedBy' | 'ruleRefusal' | 'provisionalTokens'>;

/**
 * What a session type's `audience` and `approval` make of a booking whose every client is proven.
 * The history is read only when a rule depends on it, and only ever after proof: whether an address
 * is an existing client never changes what an unverified booking is told (no oracle).
 */
export async function judgeByRules(
  deps: HoldDecisionPorts,
  args: { therapistId: string; sessionType: Pick<SessionType, 'audience' | 'approval'>; clients: Client[]; now: Date },
): Promise<RulesOutcome> {
  const { sessionType } = args;
  const needsHistory = (sessionType.audience ?? 'everyone') !== 'everyone' || sessionType.approval === 'new_clients';
  // A couple is existing only when both partners are (h2's rule): a new partner makes a new couple.
  const existing = needsHistory ? (await deps.clientHistory.existingClients(args.therapistId, args.clients.map((c) => c.email), args.now)).every(Boolean) : false;
  return rulesOutcome(sessionType, existing);
}

/** A hold of `minutes` from now, but never past the session's start: a request nobody answered in time is over. */
export const holdEnd = (now: Date, minutes: number, startIso: string): string => {
  const end = Math.min(now.getTime() + minutes * 60_000, Date.parse(startIso));
  return new Date(end).toISOString();
};

const AUDIENCE_MESSAGES: Record<'new_clients_only' | 'existing_clients_only', string> = {
  new_clients_only: 'This session type is offered to new clients only. Please choose another session type.',
  existing_clients_only: 'This session type is offered to existing clients only. Please choose another session type.',
};

/**
 * A new booking's status (API.md, "Requests and verified email"). Where the practice verifies
 * addresses and some client is not proven, it is `pending_verification` for `verificationMinutes`,
 * decided without reading anything about the addresses. Once all are proven (or the practice does
 * not verify), the rules decide: `requested` holds for `requestHoldHours`, `confirmed` holds
 * nothing, and an audience refusal is a 409 before anything is written.
 */
export async function newBookingStatus(
  deps: HoldDecisionPorts,
  args: { settings: PracticeSettings; therapistId: string; sessionType: SessionType; clients: Client[]; proven: boolean[]; now: Date; start: string },
): Promise<StatusFields> {
  const { settings, now, proven } = args;
  const verifying = settings.verifyClientEmail === 'always';
  if (verifying && !proven.every(Boolean)) {
    return { status: 'pending_verification', holdUntil: holdEnd(now, settings.verificationMinutes, args.start), verified: proven, provisionalTokens: true };
  }
  const proof = verifying ? { verified: proven, verifiedAt: now.toISOString() } : {};
  const outcome = await judgeByRules(deps, args);
  if (outcome.status === 'declined') throw conflict(AUDIENCE_MESSAGES[outcome.ruleRefusal]);
  if (outcome.status === 'requested') return { status: 'requested', holdUntil: holdEnd(now, settings.requestHoldHours * 60, args.start), ...proof };
  return { status: 'confirmed', ...proof };
}

/**
 * Whether a client may book a series (POST /v1/bookings with `repeat`). A series is only ever
 * booked confirmed, so it needs what an instant booking needs: every address proven where the
 * practice verifies (else 409 verification_required: book one session, confirm, then book weekly
 * from its link), and a type whose rules let these clients book without the therapist's approval.
 * Proof is asked before the rules, so an unproven address learns nothing of its history.
 */
export async function checkSeriesAllowed(
  deps: HoldDecisionPorts,
  args: { settings: PracticeSettings; therapistId: string; sessionType: SessionType; clients: Client[]; proven: boolean[]; now: Date },
): Promise<void> {
  if (args.settings.verifyClientEmail === 'always' && !args.proven.every(Boolean)) {
    throw verificationRequired('Book one session first; once your email is confirmed you can book it weekly from its link.');
  }
  const outcome = await judgeByRules(deps, args);
  if (outcome.status === 'declined') throw conflict(AUDIENCE_MESSAGES[outcome.ruleRefusal]);
  if (outcome.status === 'requested') throw conflict("This session type needs the practice's approval: book one session.");
}
