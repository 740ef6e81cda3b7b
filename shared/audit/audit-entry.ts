/**
 * The audit log's entry (issue 17): who changed what, when. No personal data ever: the actor is a
 * subject id (the JWT `sub`, or `system` for a scheduled job), the target an id (a therapist's, a
 * booking's, a session type's, a date, `settings`), never a name, an email, a phone or a note.
 *
 * Every therapist and admin change writes its entry IN THE SAME TRANSACTION as the change (a failed
 * change writes none): a service that today writes with a single Put/Update/Delete turns it into a
 * TransactWriteItems of that write plus `auditPut(...)`.
 */
export type AuditAction =
  | 'schedule.replace'
  | 'override.put'
  | 'override.delete'
  | 'timeOff.create'
  | 'timeOff.delete'
  | 'sessionType.create'
  | 'sessionType.update'
  | 'sessionType.delete'
  | 'profile.update'
  | 'settings.update'
  | 'therapist.create'
  /** A creation whose sign-in could not be made: the profile written with `therapist.create` is removed again. */
  | 'therapist.createUndone'
  | 'therapist.update'
  | 'therapist.deactivate'
  | 'booking.cancelByTherapist'
  | 'booking.approve'
  | 'booking.decline'
  | 'series.create'
  | 'series.end'
  | 'series.change'
  | 'calendar.add'
  | 'calendar.remove'
  | 'calendarFeed.rotate'
  | 'clients.erase'
  | 'practice.export';

export interface AuditEntry {
  /** ISO instant of the change (the virtual clock locally). */
  at: string;
  /** Subject id of who acted. */
  actor: string;
  action: AuditAction;
  /** The id the change was made to. */
  target: string;
}
