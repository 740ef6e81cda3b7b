import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import type { DateOverride, TimeOff, WeeklySchedule } from '../domain/schedule';
import type { Therapist } from '../domain/therapist';
import { notFound } from '../errors/domain-errors';
import { keys } from '../store/table-schema';
import type { TherapistRepository } from '../store/therapist-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface AvailabilityRulesPorts {
  therapists: Pick<TherapistRepository, 'deleteItem' | 'loadConfiguration' | 'putOverride' | 'putSchedule' | 'putTimeOff'>;
  /** Each change writes its audit entry in its own transaction (issue 17); `actor` is the caller's subject id. */
  audit: Pick<AuditLog, 'entry'>;
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
export async function replaceSchedule(deps: Deps, me: Therapist, schedule: WeeklySchedule, actor: string): Promise<WeeklySchedule> {
  if (!(await deps.therapists.putSchedule(me.id, schedule, { audit: audit(deps.audit, actor, 'schedule.replace', me.id) }))) throw notFound('The therapist');
  return schedule;
}

export async function listOverrides(deps: Deps, me: Therapist): Promise<DateOverride[]> {
  const { overrides } = await deps.therapists.loadConfiguration(me.id);
  return overrides.sort((a, b) => a.date.localeCompare(b.date));
}

export async function putOverride(deps: Deps, me: Therapist, override: DateOverride, actor: string): Promise<DateOverride> {
  await deps.therapists.putOverride(me.id, override, audit(deps.audit, actor, 'override.put', `${me.id}/${override.date}`));
  return override;
}

export async function deleteOverride(deps: Deps, me: Therapist, date: string, actor: string): Promise<void> {
  if (!(await deps.therapists.deleteItem(keys.override(me.id, date), audit(deps.audit, actor, 'override.delete', `${me.id}/${date}`)))) throw notFound('An override for that date');
}

export async function listTimeOff(deps: Deps, me: Therapist): Promise<TimeOff[]> {
  const { timeOff } = await deps.therapists.loadConfiguration(me.id);
  return timeOff.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

export async function createTimeOff(deps: Deps, me: Therapist, input: Omit<TimeOff, 'id'>, actor: string): Promise<TimeOff> {
  const timeOff: TimeOff = { id: randomUUID(), ...input };
  await deps.therapists.putTimeOff(me.id, timeOff, audit(deps.audit, actor, 'timeOff.create', `${me.id}/${timeOff.id}`));
  return timeOff;
}

/** Only the therapist's own absences can be found: another's id is simply not there (404). */
export async function deleteTimeOff(deps: Deps, me: Therapist, id: string, actor: string): Promise<void> {
  if (!(await deps.therapists.deleteItem(keys.timeOff(me.id, id), audit(deps.audit, actor, 'timeOff.delete', `${me.id}/${id}`)))) throw notFound('That time off');
}
