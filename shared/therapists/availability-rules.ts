import { randomUUID } from 'node:crypto';
import type { DateOverride, TimeOff, WeeklySchedule } from '../domain/schedule';
import type { Therapist } from '../domain/therapist';
import { notFound } from '../errors/domain-errors';
import { keys } from '../store/table-schema';
import type { TherapistRepository } from '../store/therapist-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface AvailabilityRulesPorts {
  therapists: Pick<TherapistRepository, 'deleteItem' | 'loadConfiguration' | 'putOverride' | 'putSchedule' | 'putTimeOff'>;
}

type Deps = AvailabilityRulesPorts;

/**
 * A therapist's own hours, date overrides and absences. Changing them never touches a booking:
 * bookings live in their own items and day ledgers, and only new slots follow the new rules.
 */
export async function getSchedule(deps: Deps, me: Therapist): Promise<WeeklySchedule> {
  const { schedule } = await deps.therapists.loadConfiguration(me.id);
  if (!schedule) throw notFound('A schedule');
  return schedule;
}

/**
 * The schedule's zone is the therapist's one zone (the profile's `timeZone`): changing it here
 * changes it for availability, emails and the booking list alike. Existing bookings keep their
 * instants and ledgers; they are only shown in the new zone.
 */
export async function replaceSchedule(deps: Deps, me: Therapist, schedule: WeeklySchedule): Promise<WeeklySchedule> {
  if (!(await deps.therapists.putSchedule(me.id, schedule))) throw notFound('The therapist');
  return schedule;
}

export async function listOverrides(deps: Deps, me: Therapist): Promise<DateOverride[]> {
  const { overrides } = await deps.therapists.loadConfiguration(me.id);
  return overrides.sort((a, b) => a.date.localeCompare(b.date));
}

export async function putOverride(deps: Deps, me: Therapist, override: DateOverride): Promise<DateOverride> {
  await deps.therapists.putOverride(me.id, override);
  return override;
}

export async function deleteOverride(deps: Deps, me: Therapist, date: string): Promise<void> {
  if (!(await deps.therapists.deleteItem(keys.override(me.id, date)))) throw notFound('An override for that date');
}

export async function listTimeOff(deps: Deps, me: Therapist): Promise<TimeOff[]> {
  const { timeOff } = await deps.therapists.loadConfiguration(me.id);
  return timeOff.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

export async function createTimeOff(deps: Deps, me: Therapist, input: Omit<TimeOff, 'id'>): Promise<TimeOff> {
  const timeOff: TimeOff = { id: randomUUID(), ...input };
  await deps.therapists.putTimeOff(me.id, timeOff);
  return timeOff;
}

/** Only the therapist's own absences can be found: another's id is simply not there (404). */
export async function deleteTimeOff(deps: Deps, me: Therapist, id: string): Promise<void> {
  if (!(await deps.therapists.deleteItem(keys.timeOff(me.id, id)))) throw notFound('That time off');
}
