import { audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import type { SessionType, Therapist } from '../domain/therapist';
import { conflict, notFound } from '../errors/domain-errors';
import { readableId } from '../domain/readable-id';
import { keys } from '../store/table-schema';
import type { TherapistRepository } from '../store/therapist-repository';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';

/** What this module needs, in its own terms: any object with these members will do. */
export interface SessionTypesPorts {
  therapists: Pick<TherapistRepository, 'deleteItem' | 'loadConfiguration' | 'putSessionType'>;
  bookings: Pick<BookingRepository, 'listByTherapist'>;
  clock: Clock;
  /** Each change writes its audit entry in its own transaction (issue 17); `actor` is the caller's subject id. */
  audit: Pick<AuditLog, 'entry'>;
}

type Deps = SessionTypesPorts;

export async function listSessionTypes(deps: Deps, me: Therapist): Promise<SessionType[]> {
  return (await deps.therapists.loadConfiguration(me.id)).sessionTypes;
}

export async function createSessionType(deps: Deps, me: Therapist, input: Omit<SessionType, 'id'> & { id?: string | undefined }, actor: string): Promise<SessionType> {
  const sessionType: SessionType = { ...input, id: input.id ?? readableId(input.name, 'session') };
  if (!(await deps.therapists.putSessionType(me.id, sessionType, { onlyIfNew: true, audit: audit(deps.audit, actor, 'sessionType.create', `${me.id}/${sessionType.id}`) }))) {
    throw conflict('A session type with this id exists already.');
  }
  return sessionType;
}

/** Changes a session type; booked sessions keep the time and length they were booked with. */
export async function updateSessionType(deps: Deps, me: Therapist, id: string, input: Omit<SessionType, 'id'>, actor: string): Promise<SessionType> {
  const existing = (await deps.therapists.loadConfiguration(me.id)).sessionTypes.find((s) => s.id === id);
  if (!existing) throw notFound('The session type');
  const sessionType: SessionType = { ...input, id };
  await deps.therapists.putSessionType(me.id, sessionType, { audit: audit(deps.audit, actor, 'sessionType.update', `${me.id}/${id}`) });
  return sessionType;
}

/** A type with future bookings stays (hide it instead), so every booking keeps a type to show. */
export async function deleteSessionType(deps: Deps, me: Therapist, id: string, actor: string): Promise<void> {
  const existing = (await deps.therapists.loadConfiguration(me.id)).sessionTypes.find((s) => s.id === id);
  if (!existing) throw notFound('The session type');
  const now = deps.clock.now().toISOString();
  const future = await deps.bookings.listByTherapist(me.id, now, '9999');
  if (future.some((b) => b.sessionTypeId === id && b.status === 'confirmed')) {
    throw conflict('This session type has upcoming bookings. Hide it instead, so no new bookings are made.');
  }
  if (!(await deps.therapists.deleteItem(keys.sessionType(me.id, id), audit(deps.audit, actor, 'sessionType.delete', `${me.id}/${id}`)))) throw notFound('The session type');
}

