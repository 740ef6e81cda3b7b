import type { Therapist } from '../domain/therapist';
import { conflict, notFound } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import type { Dependencies } from '../runtime/dependencies';
import { keys } from '../store/table-schema';
import { readableId } from '../domain/readable-id';

type Deps = Pick<Dependencies, 'therapists' | 'identity'>;

export interface NewTherapist {
  id?: string | undefined;
  displayName: string;
  email: string;
  timeZone: string;
  bio?: string | undefined;
}

/** Adds a therapist and their sign-in. If the sign-in cannot be made, the therapist is not kept. */
export async function createTherapist(deps: Deps, input: NewTherapist): Promise<Therapist> {
  const therapist: Therapist = {
    id: input.id ?? readableId(input.displayName, 'therapist'),
    displayName: input.displayName,
    email: input.email,
    timeZone: input.timeZone,
    active: true,
    ...(input.bio ? { bio: input.bio } : {}),
  };
  if (!(await deps.therapists.putTherapist(therapist, { onlyIfNew: true }))) throw conflict('A therapist with this id exists already.');
  try {
    await deps.identity.createTherapistUser(therapist);
  } catch (error) {
    await deps.therapists.deleteItem(keys.therapist(therapist.id));
    throw error;
  }
  logger.info('therapist created', { therapistId: therapist.id });
  return therapist;
}

export async function updateTherapist(deps: Deps, therapistId: string, fields: Partial<Omit<Therapist, 'id'>>): Promise<Therapist> {
  const updated = await deps.therapists.updateTherapist(therapistId, fields);
  if (!updated) throw notFound('The therapist');
  return updated;
}

/** Deactivates: no new bookings, no sign-in; their bookings and history stay. */
export async function deactivateTherapist(deps: Deps, therapistId: string): Promise<Therapist> {
  const therapist = await updateTherapist(deps, therapistId, { active: false });
  await deps.identity.disableTherapistUser(therapist);
  logger.info('therapist deactivated', { therapistId });
  return therapist;
}

