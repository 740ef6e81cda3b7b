import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.listTherapists, async (_request, deps) => {
  const therapists = await deps.therapists.listPublic();
  return {
    body: {
      therapists: therapists.map((t) => ({
        id: t.id,
        displayName: t.displayName,
        ...(t.bio ? { bio: t.bio } : {}),
        ...(t.photoUrl ? { photoUrl: t.photoUrl } : {}),
        timeZone: t.timeZone,
        // Whether a type waits for the therapist's approval is the therapist's business: clients learn it once verified.
        sessionTypes: t.sessionTypes.map(({ hidden: _hidden, approval: _approval, ...publicFields }) => publicFields),
      })),
    },
  };
});
