import type { AppConfig } from '../config/config';
import type { PracticeSettings } from '../domain/practice-settings';
import { logger } from '../logging/logger';
import type { Mailer } from '../mail/mailer';
import { consoleLink } from '../notifications/console-link';
import { deliverOnce, type DeliverOncePorts } from '../notifications/deliver-once';
import type { CalendarRepository } from '../store/calendar-repository';
import type { TherapistRepository } from '../store/therapist-repository';
import type { Clock } from '../time/clock';
import { calendarFailingEmail } from './calendar-failing-email';
import { CalendarReadError, type BusyReader, type CalendarKind, type CalendarSource } from './calendar-source';
import { sourceContext, type SecretBox } from './secret-box';

/** What a sync needs, in its own terms: any object with these members will do. No mailer: the therapist area syncs on demand and sends no email. */
export interface CalendarSyncPorts {
  clock: Clock;
  calendars: Pick<CalendarRepository, 'get' | 'replaceBusy' | 'recordSync' | 'deleteBusy'>;
  therapists: Pick<TherapistRepository, 'loadConfiguration'>;
  readers: Record<CalendarKind, BusyReader>;
  secretBox: Pick<SecretBox, 'open'>;
}

/** What the scheduled sync needs besides: it lists every source and emails the therapist of one that started failing. */
export interface CalendarSweepPorts extends CalendarSyncPorts, DeliverOncePorts {
  config: Pick<AppConfig, 'manageTokenSecret' | 'publicBaseUrl' | 'consoleUrl'>;
  calendars: CalendarSyncPorts['calendars'] & Pick<CalendarRepository, 'listAll'>;
  settings: { get(): Promise<PracticeSettings> };
  mailer: Mailer;
}

/** How far ahead a therapist without a schedule is read: the default horizon of a new schedule. */
const DEFAULT_HORIZON_DAYS = 60;
/** One source's whole read (a CalDAV read is a few requests, each bounded by safeFetch's 10 s). */
export const READ_TIMEOUT_MS = 25_000;
const MS_PER_DAY = 86_400_000;

/**
 * Reads one source's busy time for [now, now + the therapist's horizon) and stores it (decision 95).
 * A read that fails keeps the busy times of the last good one and marks the source `failing` with
 * the reader's plain message; a source that was not failing before starts a failing spell
 * (`failingSince`), which the scheduled sync tells the therapist about once (`notifyFailing`).
 * Answers the source as it is now; undefined when there is no such source (or it was removed meanwhile).
 */
export async function syncSource(deps: CalendarSyncPorts, therapistId: string, sourceId: string): Promise<CalendarSource | undefined> {
  const source = await deps.calendars.get(therapistId, sourceId);
  if (!source) return undefined;
  const configuration = await deps.therapists.loadConfiguration(therapistId);
  const now = deps.clock.now();
  const zone = configuration.schedule?.timeZone ?? configuration.therapist?.timeZone ?? 'UTC';
  const horizonDays = configuration.schedule?.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const range = { from: now, to: new Date(now.getTime() + horizonDays * MS_PER_DAY), zone };

  const read = await readBusy(deps, source, range);
  const at = now.toISOString();
  if (read.ok) {
    await deps.calendars.replaceBusy(therapistId, sourceId, read.busy);
    const outcome = { status: 'ok' as const, lastSyncedAt: at, updatedAt: at };
    if (!(await deps.calendars.recordSync(therapistId, sourceId, outcome))) {
      // Removed while it was read: its busy times go with it.
      await deps.calendars.deleteBusy(therapistId, sourceId);
      return undefined;
    }
    logger.info('calendar synced', { therapistId, sourceId, kind: source.kind, intervals: read.busy.length });
    const { lastError: _e, failingSince: _f, ...rest } = source;
    return { ...rest, ...outcome };
  }

  const startsFailing = source.status !== 'failing' || !source.failingSince;
  const failingSince = startsFailing ? at : source.failingSince!;
  const outcome = { status: 'failing' as const, lastError: read.message, failingSince, updatedAt: at, ...(source.lastSyncedAt ? { lastSyncedAt: source.lastSyncedAt } : {}) };
  if (!(await deps.calendars.recordSync(therapistId, sourceId, outcome))) return undefined;
  logger.warn('calendar could not be read; its last busy times are kept', { therapistId, sourceId, kind: source.kind, startsFailing });
  const failing = { ...source, ...outcome };
  return failing;
}

type ReadOutcome = { ok: true; busy: Array<{ start: string; end: string }> } | { ok: false; message: string };

/** The reader's answer, or the plain words of why there is none. Never a credential, a URL or a raw error message. */
async function readBusy(deps: CalendarSyncPorts, source: CalendarSource, range: { from: Date; to: Date; zone: string }): Promise<ReadOutcome> {
  let password: string | undefined;
  if (source.passwordCiphertext) {
    try {
      password = await deps.secretBox.open(source.passwordCiphertext, sourceContext(source.therapistId, source.id));
    } catch (error) {
      logger.warn('calendar password could not be opened', { sourceId: source.id, errorName: (error as Error).name });
      return { ok: false, message: 'The saved password could not be used. Remove this calendar and add it again.' };
    }
  }
  const reader = deps.readers[source.kind];
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CalendarReadError('The calendar took too long to answer.')), READ_TIMEOUT_MS);
    });
    const busy = await Promise.race([reader({ ...source, ...(password !== undefined ? { password } : {}) }, range), timeout]);
    return { ok: true, busy: busy.filter((b) => Date.parse(b.end) > range.from.getTime() && Date.parse(b.start) < range.to.getTime()) };
  } catch (error) {
    if (error instanceof CalendarReadError) return { ok: false, message: error.message };
    // Anything else may carry a URL or a server's words: only its type is logged, and plain words stored.
    logger.warn('calendar reader failed unexpectedly', { sourceId: source.id, errorName: (error as Error).name });
    return { ok: false, message: 'The calendar could not be read.' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Emails the therapist that a source is failing, once per failing spell: the message is keyed by
 * the source and when its spell began, so every later run of the same spell finds the claim and
 * sends nothing, and a source that works again and then fails again starts a new spell, one more email.
 */
export async function notifyFailing(deps: CalendarSweepPorts, source: CalendarSource): Promise<void> {
  if (source.status !== 'failing' || !source.failingSince || !source.lastError) return;
  const [configuration, settings] = await Promise.all([deps.therapists.loadConfiguration(source.therapistId), deps.settings.get()]);
  if (!configuration.therapist) return;
  const email = calendarFailingEmail({
    therapist: configuration.therapist,
    settings,
    ...(source.label ? { label: source.label } : {}),
    lastError: source.lastError,
    consoleUrl: consoleLink(deps.config),
  });
  await deliverOnce(deps, `calendar-failing#${source.id}#${source.failingSince}`, [{ role: 'therapist', email }], { bookingId: source.id });
}

/**
 * The scheduled sync: every source of every therapist, one at a time; one source's trouble does not
 * stop the others. A failing source (whether this run or an on-demand sync found it so) is notified.
 */
export async function syncAllSources(deps: CalendarSweepPorts): Promise<{ synced: number; failing: number }> {
  let synced = 0;
  let failing = 0;
  for (const { therapistId, id } of await deps.calendars.listAll()) {
    try {
      const source = await syncSource(deps, therapistId, id);
      if (source?.status === 'ok') synced++;
      else if (source?.status === 'failing') {
        failing++;
        await notifyFailing(deps, source);
      }
    } catch (error) {
      failing++;
      logger.error('calendar sync failed', { therapistId, sourceId: id, errorName: (error as Error).name });
    }
  }
  return { synced, failing };
}
