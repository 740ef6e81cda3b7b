import type { SessionType } from '../domain/therapist';
import { notFound } from '../errors/domain-errors';
import type { TherapistConfiguration } from '../store/therapist-repository';

/**
 * The active therapist and the requested, publicly bookable session type, or a 404. Both the slot
 * list (availability) and the booking write path ask it, so it lives below both: availability
 * never loads the booking service.
 */
export function bookable(configuration: TherapistConfiguration, sessionTypeId: string) {
  const therapist = configuration.therapist;
  if (!therapist || !therapist.active) throw notFound('The therapist');
  const sessionType: SessionType | undefined = configuration.sessionTypes.find((s) => s.id === sessionTypeId && !s.hidden);
  if (!sessionType) throw notFound('The session type');
  return { therapist, schedule: configuration.schedule, sessionType };
}
