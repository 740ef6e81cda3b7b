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
        timeZone: t.timeZone,
        sessionTypes: t.sessionTypes.map(({ hidden: _hidden, ...publicFields }) => publicFields),
      })),
    },
  };
});
