import type { SessionApproval, SessionAudience } from '../../../shared/domain/therapist';
import { rulesOutcome } from '../../../shared/clients/session-rules';

const AUDIENCES: Array<SessionAudience | undefined> = [undefined, 'everyone', 'new_clients', 'existing_clients'];
const APPROVALS: Array<SessionApproval | undefined> = [undefined, 'none', 'new_clients', 'always'];

/** The table the rules mean, written out once: every audience × approval × new/existing. */
function expected(audience: SessionAudience | undefined, approval: SessionApproval | undefined, existing: boolean) {
  if (audience === 'new_clients' && existing) return { status: 'declined', ruleRefusal: 'new_clients_only' };
  if (audience === 'existing_clients' && !existing) return { status: 'declined', ruleRefusal: 'existing_clients_only' };
  if (approval === 'always') return { status: 'requested' };
  if (approval === 'new_clients' && !existing) return { status: 'requested' };
  return { status: 'confirmed' };
}

test.each(AUDIENCES.flatMap((audience) => APPROVALS.flatMap((approval) => [true, false].map((existing) => [audience, approval, existing] as const))))(
  'audience %s, approval %s, existing %s',
  (audience, approval, existing) => {
    const type = { ...(audience ? { audience } : {}), ...(approval ? { approval } : {}) };
    expect(rulesOutcome(type, existing)).toEqual(expected(audience, approval, existing));
  },
);

test('a session type without rules confirms everyone, as before the feature', () => {
  expect(rulesOutcome({}, false)).toEqual({ status: 'confirmed' });
  expect(rulesOutcome({}, true)).toEqual({ status: 'confirmed' });
});

test('the examples of the issue', () => {
  const consultation = { audience: 'new_clients', approval: 'none' } as const;
  expect(rulesOutcome(consultation, false)).toEqual({ status: 'confirmed' });
  expect(rulesOutcome(consultation, true)).toEqual({ status: 'declined', ruleRefusal: 'new_clients_only' });
  // "couples session: existing clients, or approval"
  const couples = { audience: 'everyone', approval: 'new_clients' } as const;
  expect(rulesOutcome(couples, true)).toEqual({ status: 'confirmed' });
  expect(rulesOutcome(couples, false)).toEqual({ status: 'requested' });
});
