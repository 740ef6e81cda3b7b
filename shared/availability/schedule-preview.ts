import type { WeeklySchedule } from '../domain/schedule';
import type { Therapist } from '../domain/therapist';
import { availabilityFrom, checkRange, loadAround, type Availability, type AvailabilityServicePorts } from './availability-service';

export interface SchedulePreviewRequest {
  schedule: WeeklySchedule;
  sessionTypeId: string;
  from: string;
  to: string;
}

export interface SchedulePreview {
  current: Availability;
  proposed: Availability;
}

/** A week and then some: the console shows next week; a preview is read by a person, not paged through. */
export const MAX_PREVIEW_DAYS = 14;

/**
 * The slots a therapist's unsaved schedule would offer beside the ones the stored schedule offers,
 * through the same engine and the same loaded bookings, overrides and time off as the public
 * availability (decision 53). Nothing is written. Both lists are in the proposed schedule's zone,
 * so a change of zone still compares the same dates; the session type must be one of the
 * therapist's own bookable types (another's, or a hidden one, is a 404 as in availability).
 */
export async function previewSchedule(deps: AvailabilityServicePorts, me: Therapist, request: SchedulePreviewRequest): Promise<SchedulePreview> {
  checkRange(request.from, request.to, MAX_PREVIEW_DAYS);
  const { configuration, ledgers } = await loadAround(deps, me.id, request.from, request.to);
  const query = { therapistId: me.id, sessionTypeId: request.sessionTypeId, from: request.from, to: request.to, timeZone: request.schedule.timeZone };
  const now = deps.clock.now();
  return {
    current: availabilityFrom(configuration, ledgers, query, now),
    proposed: availabilityFrom(configuration, ledgers, query, now, request.schedule),
  };
}
