import type { RuleRefusal } from '../domain/booking';
import type { SessionType } from '../domain/therapist';

export type RulesOutcome = { status: 'confirmed' } | { status: 'requested' } | { status: 'declined'; ruleRefusal: RuleRefusal };

/**
 * What a session type's rules make of a booking whose every address is proven (API.md, "Requests
 * and verified email"). `existing`: every client of the booking is an existing client of the
 * therapist; a couple counts as existing only when both partners are (decision 80), so a couple
 * with one new partner is a new couple: a "new clients only" consultation takes them, an "existing
 * clients only" session does not, and "approval for new clients" asks the therapist.
 *
 * Pure, and only ever called after verification: whether an address is an existing client must
 * never change what an unverified booking is told (no oracle).
 */
export function rulesOutcome(sessionType: Pick<SessionType, 'audience' | 'approval'>, existing: boolean): RulesOutcome {
  const audience = sessionType.audience ?? 'everyone';
  if (audience === 'new_clients' && existing) return { status: 'declined', ruleRefusal: 'new_clients_only' };
  if (audience === 'existing_clients' && !existing) return { status: 'declined', ruleRefusal: 'existing_clients_only' };
  const approval = sessionType.approval ?? 'none';
  if (approval === 'always' || (approval === 'new_clients' && !existing)) return { status: 'requested' };
  return { status: 'confirmed' };
}
