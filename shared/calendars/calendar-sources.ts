import { randomUUID } from 'node:crypto';
import { audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import type { AppConfig } from '../config/config';
import type { Therapist } from '../domain/therapist';
import { conflict, notFound, validationFailed, type FieldProblem } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import type { CalendarRepository } from '../store/calendar-repository';
import { syncSource, type CalendarSyncPorts } from './calendar-sync';
import type { CalendarKind, CalendarSource } from './calendar-source';
import { sourceContext, type SecretBox } from './secret-box';

/** What this module needs, in its own terms: any object with these members will do. */
export interface CalendarSourcesPorts {
  clock: { now(): Date };
  config: Pick<AppConfig, 'calendarAllowLoopbackHttp'>;
  calendars: Pick<CalendarRepository, 'list' | 'get' | 'put' | 'delete' | 'busyBetween'>;
  secretBox: Pick<SecretBox, 'seal'>;
  /** Adding and removing write their audit entry in their own transaction (issue 17). */
  audit: Pick<AuditLog, 'entry'>;
}

export const MAX_SOURCES = 10;
const MAX_BUSY_RANGE_MS = 62 * 86_400_000;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What the therapist sees of a source: never the password, and not the username either (nothing to show it for). */
export interface CalendarView {
  id: string;
  kind: CalendarKind;
  url: string;
  label?: string;
  writeBookings: boolean;
  status: CalendarSource['status'];
  lastSyncedAt?: string;
  lastError?: string;
}

export function calendarView(source: CalendarSource): CalendarView {
  return {
    id: source.id,
    kind: source.kind,
    url: source.url,
    ...(source.label ? { label: source.label } : {}),
    writeBookings: source.writeBookings,
    status: source.status,
    ...(source.lastSyncedAt ? { lastSyncedAt: source.lastSyncedAt } : {}),
    ...(source.lastError ? { lastError: source.lastError } : {}),
  };
}

export interface CalendarInput {
  kind: CalendarKind;
  url: string;
  username?: string;
  password?: string;
  label?: string;
  writeBookings?: boolean;
}

export async function listCalendars(deps: CalendarSourcesPorts, me: Therapist): Promise<CalendarView[]> {
  return (await deps.calendars.list(me.id)).map(calendarView);
}

/**
 * Adds a source, pending its first read: the POST makes no request to the calendar (the console
 * asks for a sync at once; the schedule reads it within ten minutes). The password is sealed
 * before anything is stored.
 */
export async function addCalendar(deps: CalendarSourcesPorts, me: Therapist, input: CalendarInput, actor: string): Promise<CalendarView> {
  const problems = checkInput(input, deps.config.calendarAllowLoopbackHttp);
  if (problems.length) throw validationFailed('The calendar is not valid.', problems);
  const existing = await deps.calendars.list(me.id);
  if (existing.length >= MAX_SOURCES) throw conflict(`You can connect at most ${MAX_SOURCES} calendars. Remove one first.`);
  const id = randomUUID();
  const at = deps.clock.now().toISOString();
  const source: CalendarSource = {
    id,
    therapistId: me.id,
    kind: input.kind,
    url: new URL(input.url).toString(),
    ...(input.label ? { label: input.label } : {}),
    ...(input.kind === 'caldav' ? { username: input.username!, passwordCiphertext: await deps.secretBox.seal(input.password!, sourceContext(me.id, id)) } : {}),
    writeBookings: input.kind === 'caldav' && input.writeBookings === true,
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  };
  await deps.calendars.put(source, { onlyIfNew: true, audit: audit(deps.audit, actor, 'calendar.add', `${me.id}/${id}`) });
  logger.info('calendar added', { therapistId: me.id, sourceId: id, kind: source.kind, writeBookings: source.writeBookings });
  return calendarView(source);
}

/** Only the therapist's own sources can be found: another's id is simply not there (404). */
export async function removeCalendar(deps: CalendarSourcesPorts, me: Therapist, id: string, actor: string): Promise<void> {
  if (!(await deps.calendars.delete(me.id, id, audit(deps.audit, actor, 'calendar.remove', `${me.id}/${id}`)))) throw notFound('That calendar');
  logger.info('calendar removed', { therapistId: me.id, sourceId: id });
}

export async function syncCalendarNow(deps: CalendarSyncPorts, me: Therapist, id: string): Promise<CalendarView> {
  const source = await syncSource(deps, me.id, id);
  if (!source) throw notFound('That calendar');
  return calendarView(source);
}

/** Busy time from the therapist's other calendars overlapping [from, to), labelled with its calendar's label only. */
export async function busyTimes(deps: CalendarSourcesPorts, me: Therapist, from: string, to: string): Promise<Array<{ start: string; end: string; label?: string }>> {
  const start = new Date(from);
  const end = new Date(to);
  if (end.getTime() <= start.getTime()) throw validationFailed('The range ends before it starts.', [{ path: 'to', message: 'must be after from' }]);
  if (end.getTime() - start.getTime() > MAX_BUSY_RANGE_MS) throw validationFailed('A range may cover at most 62 days.', [{ path: 'to', message: 'must be at most 62 days after from' }]);
  const [busy, sources] = await Promise.all([deps.calendars.busyBetween(me.id, start, end), deps.calendars.list(me.id)]);
  const labels = new Map(sources.map((s) => [s.id, s.label]));
  return busy
    .filter((b) => labels.has(b.sourceId))
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((b) => ({ start: b.start, end: b.end, ...(labels.get(b.sourceId) ? { label: labels.get(b.sourceId)! } : {}) }));
}

/** The kind-specific rules and the URL's scheme: https, or plain http to this machine in the local runtime only. */
function checkInput(input: CalendarInput, allowLoopbackHttp: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(input.url);
  } catch {
    problems.push({ path: 'url', message: 'must be a URL' });
  }
  if (url) {
    const loopback = LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowLoopbackHttp && loopback)) {
      problems.push({ path: 'url', message: allowLoopbackHttp ? 'must be an https URL (or http to localhost)' : 'must be an https URL' });
    }
    if (url.username || url.password) problems.push({ path: 'url', message: 'must not contain a username or password; give them as username and password' });
  }
  if (input.kind === 'ics') {
    if (input.username !== undefined) problems.push({ path: 'username', message: 'is only for a CalDAV calendar' });
    if (input.password !== undefined) problems.push({ path: 'password', message: 'is only for a CalDAV calendar' });
    if (input.writeBookings) problems.push({ path: 'writeBookings', message: 'is only for a CalDAV calendar: a feed cannot be written to' });
  } else {
    if (input.username === undefined) problems.push({ path: 'username', message: 'is required for a CalDAV calendar' });
    if (input.password === undefined) problems.push({ path: 'password', message: 'is required for a CalDAV calendar (an app password)' });
  }
  return problems;
}
