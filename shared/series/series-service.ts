import { createHash, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { audit, type Audit } from '../audit/audited';
import type { Booking, Client } from '../domain/booking';
import { CLIENTS_PER_KIND } from '../domain/therapist';
import {
  cancelBooking,
  decideNewBooking,
  rescheduleBooking,
  SlotRefused,
  type BookingActor,
  type BookingServicePorts,
  type CreateBookingRequest,
} from '../booking/booking-service';
import { bookable } from '../booking/bookable';
import { newBookingClaims } from '../abuse/rate-limits';
import { retryRefusedCommits } from '../booking/optimistic-retry';
import { possibleDates } from '../booking/slot-rules-input';
import { DomainError, conflict, notFound, slotUnavailable, validationFailed } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import type { BookingRepository } from '../store/booking-repository';
import type { StoredSeries } from '../store/series-item';
import type { TherapistConfiguration, TherapistRepository } from '../store/therapist-repository';
import { localDate, plusWeeks, ruleOccurrence, ruleOccurrences, ruleOf, type OccurrenceRule } from './occurrences';
import { skippedBeforeEngine, skipReason } from './occurrence-verdict';
import { isOpenEnded, MAX_SERIES_COUNT, OPEN_SERIES_WEEKS, type Occurrence, type PlannedOccurrence, type Series, type SkipReason } from './series';

/** What this module needs, in its own terms. */
export interface SeriesServicePorts extends BookingServicePorts {
  therapists: Pick<TherapistRepository, 'loadConfiguration' | 'listAll'>;
  bookings: BookingServicePorts['bookings'] & Pick<BookingRepository, 'getSeries' | 'putSeries' | 'listSeries'>;
}
type Deps = SeriesServicePorts;

/** A booking request for the first occurrence, with the rule; clients need not accept the policy again per occurrence. */
export interface CreateSeriesRequest extends Omit<CreateBookingRequest, 'policyAccepted'> {
  everyWeeks: 1 | 2 | 3 | 4;
  count?: number;
  until?: string;
  by: 'client' | 'therapist';
  policyAccepted?: true;
}

export interface ExtensionReport {
  series: number;
  booked: number;
  skipped: { seriesId: string; start: string; reason: string }[];
}

const IDEMPOTENCY_SECONDS = 24 * 3600;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Occurrence `index` of a series always books this id: a resumed or repeated write finds its booking already made. */
export function occurrenceBookingId(seriesId: string, index: number): string {
  const hex = createHash('sha256').update(`series:${seriesId}#${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Creates a series (decision 59). The series item and the first occurrence's booking go in one
 * transaction, so a first occurrence that is not free is a 409 with nothing written; every later
 * occurrence is then booked in its own transaction with the series record, or skipped with the
 * engine's reason. A client's series obeys notice and horizon for its first occurrence only; a
 * therapist's obeys neither (API.md). Both obey hours, overrides, time off, buffers, the daily
 * limit and existing bookings for every occurrence.
 */
export async function createSeries(
  deps: Deps,
  request: CreateSeriesRequest,
  idempotencyKey?: string,
  /** source: a client's request, counted against its address (decision 126); audited: a therapist's, audited. */
  { source, audited }: { source?: string; audited?: { log: Audit['log']; actor: string } } = {},
): Promise<{ series: Series; bookings: Booking[] }> {
  validateRule(request);
  const start = new Date(request.start);
  const now = deps.clock.now();
  const requestHash = sha256(JSON.stringify(request));
  const keyHash = idempotencyKey ? sha256(`idempotency:${idempotencyKey}`) : undefined;
  const seriesId = randomUUID();

  const first = await retryRefusedCommits('create-series', async () => {
    const [configuration, context] = await Promise.all([
      deps.therapists.loadConfiguration(request.therapistId),
      deps.bookings.readWriteContext(request.therapistId, possibleDates(start), keyHash ? { keyHash, now } : undefined),
    ]);
    if (context.idempotency) {
      if (context.idempotency.requestHash !== requestHash) throw conflict('This Idempotency-Key was already used for a different booking request.');
      return { replayOf: context.idempotency.bookingId };
    }
    if (start.getTime() <= now.getTime()) throw slotUnavailable('That time has already passed. Please choose a slot from the current availability.');
    const { schedule, sessionType } = bookable(configuration, request.sessionTypeId);
    if (!schedule) throw slotUnavailable('This therapist has no bookable hours yet.');
    const expected = CLIENTS_PER_KIND[sessionType.kind];
    if (request.clients.length !== expected) {
      throw validationFailed(`A ${sessionType.kind} session takes exactly ${expected} client${expected > 1 ? 's' : ''}.`, [
        { path: 'clients', message: `must have exactly ${expected} entr${expected > 1 ? 'ies' : 'y'} for this session type` },
      ]);
    }
    const { firstDate, localTime } = ruleOf(start.toISOString(), schedule.timeZone);
    if (request.until !== undefined && request.until < firstDate) {
      throw validationFailed('The series would have no occurrence.', [{ path: 'until', message: 'must be on or after the first date' }]);
    }
    const rule: OccurrenceRule = { firstDate, localTime, timeZone: schedule.timeZone, everyWeeks: request.everyWeeks, count: request.count, until: request.until };
    const open = isOpenEnded(request);
    const through = open ? maxDate(plusWeeks(localDate(now, schedule.timeZone), OPEN_SERIES_WEEKS), firstDate) : undefined;
    const [head, ...rest] = ruleOccurrences(rule, sessionType.durationMinutes, { fromIndex: 0, through });
    const id = occurrenceBookingId(seriesId, 0);
    const decision = await decideNewBooking(deps, {
      configuration: { ...configuration, schedule }, sessionType, context, start, now, id, request,
      relaxed: request.by === 'therapist', fields: { seriesId, occurrenceIndex: 0 },
    });
    if (!decision.ok) {
      logger.info('series refused', { therapistId: request.therapistId, reason: decision.reason });
      throw new SlotRefused(decision.reason);
    }
    const at = now.toISOString();
    const planned = rest.map(({ index, start: s, end }) => ({ index, start: s, end }));
    const series: Series = {
      id: seriesId,
      therapistId: request.therapistId,
      sessionTypeId: sessionType.id,
      everyWeeks: request.everyWeeks,
      ...(request.count !== undefined ? { count: request.count } : {}),
      ...(request.until !== undefined ? { until: request.until } : {}),
      status: 'active',
      timeZone: request.timeZone,
      therapistTimeZone: schedule.timeZone,
      firstDate,
      localTime,
      clients: decision.commit.booking.clients,
      ...(request.note ? { note: request.note } : {}),
      ...(request.locale ? { locale: request.locale } : {}),
      occurrences: [{ index: 0, start: head!.start, end: head!.end, bookingId: id, status: 'booked' }],
      ...(planned.length > 0 ? { planned, pending: 'create' as const } : {}),
      plannedThrough: through ?? (rest.at(-1) ?? head!).date,
      createdBy: request.by,
      createdAt: at,
      updatedAt: at,
      sequence: 0,
    };
    const nowSeconds = Math.floor(now.getTime() / 1000);
    await deps.bookings.commit({
      ...decision.commit,
      series: { series, expect: 0 },
      // A therapist's series is audited with its first transaction, the one that creates the record.
      ...(audited ? { audit: audit(audited.log, audited.actor, 'series.create', seriesId) } : {}),
      // A client's series request counts once against its source (decision 126); its occurrences are
      // confirmed (no verification email) and, as a standing appointment, not counted as active bookings.
      counters: newBookingClaims(deps.config.manageTokenSecret, context.settings.limits, { source, booking: decision.commit.booking, clients: request.clients, now }),
      ...(keyHash ? { idempotency: { keyHash, requestHash, bookingId: id, now: nowSeconds, expiresAt: nowSeconds + IDEMPOTENCY_SECONDS } } : {}),
    });
    logger.info('series created', { seriesId, therapistId: series.therapistId, planned: planned.length });
    return { booking: decision.commit.booking };
  });

  // A replay finishes what the first request may have left pending, and answers the same series.
  const firstBooking = first.replayOf !== undefined ? await deps.bookings.get(first.replayOf) : first.booking;
  const createdId = firstBooking?.seriesId;
  if (!createdId) throw new DomainError('rate_limited', 'This booking is still being saved. Please try again in a moment.');
  const series = await finishPlanned(deps, createdId);
  return { series: series.series, bookings: await bookedBookings(deps, series.series) };
}

/** Finishes a pending write of a series (create, extend or move); a no-op on a finished series. */
export async function resumeSeries(deps: Deps, seriesId: string): Promise<Series> {
  const stored = await load(deps, seriesId);
  if (stored.series.pending === 'reschedule') return (await finishMove(deps, seriesId)).series;
  if (!stored.series.pending) return stored.series;
  return (await finishPlanned(deps, seriesId)).series;
}

/**
 * Keeps every active open-ended series booked `OPEN_SERIES_WEEKS` ahead and resumes any series left
 * pending. Idempotent: the new occurrences are planned on the series record (conditioned on its
 * version) before any is booked, with deterministic booking ids, so a re-run or a concurrent run
 * plans nothing twice and books nothing twice. Reports the occurrences this run skipped.
 */
export async function extendOpenSeries(deps: Deps): Promise<ExtensionReport> {
  const report: ExtensionReport = { series: 0, booked: 0, skipped: [] };
  for (const therapist of await deps.therapists.listAll()) {
    for (const listed of await deps.bookings.listSeries(therapist.id)) {
      const seriesId = listed.series.id;
      let stored = await load(deps, seriesId);
      if (stored.series.pending === 'reschedule') stored = await finishMove(deps, seriesId);
      if (stored.series.status === 'active' && isOpenEnded(stored.series) && !stored.series.pending) {
        stored = await planExtension(deps, stored);
      }
      if (!stored.series.pending) continue;
      const before = new Set(stored.series.occurrences.map((o) => o.index));
      const done = await finishPlanned(deps, seriesId);
      const added = done.series.occurrences.filter((o) => !before.has(o.index));
      if (added.length === 0) continue;
      report.series++;
      report.booked += added.filter((o) => o.status === 'booked').length;
      for (const o of added.filter((o) => o.status === 'skipped')) report.skipped.push({ seriesId, start: o.start, reason: o.reason ?? 'busy' });
    }
  }
  logger.info('series extended', { series: report.series, booked: report.booked, skipped: report.skipped.length });
  return report;
}

/**
 * Ends a series from a therapist-local date: the rule stops (nothing more is planned or extended)
 * and every booked occurrence on or after `from` that has not begun is cancelled through
 * cancelBooking, so the late window is judged per occurrence for a client (decision 60): in refuse
 * mode an occurrence inside it stays booked, in flag mode it is cancelled and flagged. Repeating
 * the call finishes one that was interrupted.
 */
export async function endSeries(deps: Deps, seriesId: string, from: string, actor: BookingActor, audited?: Audit): Promise<Series> {
  if (!DATE.test(from)) throw validationFailed('The date is not valid.', [{ path: 'from', message: 'must be a calendar date YYYY-MM-DD' }]);
  await retryRefusedCommits('end-series', async () => {
    const { series, version } = await load(deps, seriesId);
    const planned = (series.planned ?? []).filter((p) => dateOf(series, p.start) < from);
    const unchanged = series.status === 'ended' && series.endedFrom !== undefined && series.endedFrom <= from && planned.length === (series.planned ?? []).length;
    if (unchanged) return;
    const now = deps.clock.now().toISOString();
    const ended: Series = {
      ...series,
      status: 'ended',
      endedFrom: series.endedFrom !== undefined && series.endedFrom < from ? series.endedFrom : from,
      planned,
      ...(planned.length === 0 && series.pending !== 'reschedule' ? { pending: undefined } : {}),
      updatedAt: now,
      sequence: series.sequence + 1,
    };
    // The ending is audited with the rule's change; the cancellations that follow belong to it.
    await deps.bookings.putSeries(withoutEmpty(ended), version, audited);
  });
  const { series } = await load(deps, seriesId);
  const now = deps.clock.now().getTime();
  for (const occurrence of series.occurrences) {
    if (occurrence.status !== 'booked' || !occurrence.bookingId) continue;
    if (dateOf(series, occurrence.start) < from || Date.parse(occurrence.start) <= now) continue;
    try {
      await cancelBooking(deps, occurrence.bookingId, { by: actor.by, ...(actor.client !== undefined ? { client: actor.client } : {}) });
    } catch (error) {
      // Refuse mode: this occurrence is inside the late window and stays booked; the rest still end.
      if (!(error instanceof DomainError && error.code === 'cancellation_window_passed')) throw error;
      logger.info('series occurrence kept inside the late window', { seriesId, index: occurrence.index });
    }
  }
  logger.info('series ended', { seriesId, by: actor.by });
  return (await load(deps, seriesId)).series;
}

/**
 * Moves a series from a therapist-local date to the weekday and wall-clock time of `start`: the
 * first occurrence on or after `from` moves to `start`, each later one `everyWeeks` after the one
 * before. The rule is changed first (with `pending: 'reschedule'`), then each booked occurrence is
 * moved atomically through rescheduleBooking as the therapist (no notice or horizon, decision 59);
 * an occurrence that cannot move keeps its time and is reported. Skipped occurrences take the new
 * time and stay skipped.
 */
export async function rescheduleSeries(
  deps: Deps,
  seriesId: string,
  from: string,
  start: string,
  audited?: Audit,
): Promise<{ series: Series; notMoved: { bookingId: string; start: string; reason: string }[] }> {
  if (!DATE.test(from)) throw validationFailed('The date is not valid.', [{ path: 'from', message: 'must be a calendar date YYYY-MM-DD' }]);
  const startDate = new Date(start);
  if (Number.isNaN(startDate.getTime()) || startDate.getTime() % 60_000 !== 0) {
    throw validationFailed('The time is not a valid instant.', [{ path: 'start', message: 'must be an ISO 8601 instant with an offset, on a whole minute' }]);
  }
  await retryRefusedCommits('reschedule-series', async () => {
    const { series, version } = await load(deps, seriesId);
    const now = deps.clock.now();
    if (startDate.getTime() <= now.getTime()) throw slotUnavailable('That time has already passed. Please choose a slot from the current availability.');
    const affected = [...series.occurrences, ...(series.planned ?? [])].filter((o) => dateOf(series, o.start) >= from).sort((a, b) => a.index - b.index);
    if (affected.length === 0) throw conflict('The series has no occurrence on or after that date to move.');
    const { firstDate, localTime } = ruleOf(startDate.toISOString(), series.therapistTimeZone);
    const moved: Series = { ...series, firstDate, localTime, firstIndex: affected[0]!.index };
    const duration = durationOf(series);
    const retimed = <T extends PlannedOccurrence>(o: T): T => {
      if (o.index < moved.firstIndex! || ('status' in o && (o as unknown as Occurrence).status !== 'skipped')) return o;
      const target = ruleOccurrence(rule(moved), o.index, duration);
      return { ...o, start: target.start, end: target.end };
    };
    await deps.bookings.putSeries(
      {
        ...moved,
        occurrences: series.occurrences.map(retimed),
        ...(series.planned ? { planned: series.planned.map(retimed) } : {}),
        pending: 'reschedule',
        updatedAt: now.toISOString(),
        sequence: series.sequence + 1,
      },
      version,
      audited,
    );
  });
  return finishMove(deps, seriesId);
}

/**
 * Books a skipped occurrence at `start`, by hand (decision 73): a time in the same Monday–Sunday
 * week as the skipped rule date on the therapist's clock. The same per-occurrence transaction as
 * the series write (decision 59): the booking with the occurrence's deterministic id, its ledgers,
 * and the series record conditioned on the version read, the occurrence now `booked` off its rule
 * date (as a moved one is) and marked `placed`, so its confirmation is told on its own. Hours,
 * overrides, time off, buffers and bookings apply; notice and horizon do not (the therapist's).
 */
export async function placeOccurrence(deps: Deps, seriesId: string, index: number, start: string, audited?: Audit): Promise<Series> {
  const startDate = new Date(start);
  if (Number.isNaN(startDate.getTime()) || startDate.getTime() % 60_000 !== 0) {
    throw validationFailed('The time is not a valid instant.', [{ path: 'start', message: 'must be an ISO 8601 instant with an offset, on a whole minute' }]);
  }
  await retryRefusedCommits('place-occurrence', async () => {
    const { series, version } = await load(deps, seriesId);
    const skipped = series.occurrences.find((o) => o.index === index);
    if (!skipped) throw notFound('The occurrence');
    if (skipped.status !== 'skipped') throw conflict(`This occurrence is ${skipped.status}, not skipped: only a skipped week can be placed.`);
    if (series.status !== 'active') throw conflict('The series has ended: its weeks can no longer be placed.');
    if (weekOf(series, startDate.toISOString()) !== weekOf(series, skipped.start)) {
      throw validationFailed('The time is not in the skipped week.', [
        { path: 'start', message: `must fall in the week of ${dateOf(series, skipped.start)} (Monday to Sunday, ${series.therapistTimeZone})` },
      ]);
    }
    const now = deps.clock.now();
    if (startDate.getTime() <= now.getTime()) throw slotUnavailable('That time has already passed. Please choose a slot from the current availability.');
    const [configuration, context] = await Promise.all([
      deps.therapists.loadConfiguration(series.therapistId),
      deps.bookings.readWriteContext(series.therapistId, possibleDates(startDate)),
    ]);
    const { schedule, sessionType } = bookable(configuration, series.sessionTypeId);
    if (!schedule) throw slotUnavailable('This therapist has no bookable hours yet.');
    const id = occurrenceBookingId(seriesId, index);
    const decision = await decideNewBooking(deps, {
      configuration: { ...configuration, schedule }, sessionType, context, start: startDate, now, id,
      request: { therapistId: series.therapistId, timeZone: series.timeZone, clients: series.clients, ...(series.note ? { note: series.note } : {}), ...(series.locale ? { locale: series.locale } : {}) },
      relaxed: true, fields: { seriesId, occurrenceIndex: index },
    });
    if (!decision.ok) throw new SlotRefused(decision.reason);
    const { booking } = decision.commit;
    const placed: Occurrence = { index, start: booking.start, end: booking.end, bookingId: id, status: 'booked', placed: true };
    const next: Series = { ...series, occurrences: series.occurrences.map((o) => (o.index === index ? placed : o)), updatedAt: now.toISOString(), sequence: series.sequence + 1 };
    await deps.bookings.commit({ ...decision.commit, series: { series: next, expect: version }, ...(audited ? { audit: audited } : {}) });
  });
  logger.info('series occurrence placed', { seriesId, index });
  return (await load(deps, seriesId)).series;
}

export async function getSeries(deps: Pick<Deps, 'bookings'>, seriesId: string): Promise<Series> {
  return (await load(deps, seriesId)).series;
}

export async function listSeries(deps: Pick<Deps, 'bookings'>, therapistId: string): Promise<Series[]> {
  return (await deps.bookings.listSeries(therapistId)).map((s) => s.series);
}

/** Moves every booked occurrence from the rule's first index on to the rule's time; then the move is no longer pending. */
async function finishMove(deps: Deps, seriesId: string): Promise<StoredSeries & { notMoved: { bookingId: string; start: string; reason: string }[] }> {
  const { series } = await load(deps, seriesId);
  const notMoved: { bookingId: string; start: string; reason: string }[] = [];
  const duration = durationOf(series);
  const now = deps.clock.now().getTime();
  for (const occurrence of series.occurrences) {
    if (occurrence.index < (series.firstIndex ?? 0) || occurrence.status !== 'booked' || !occurrence.bookingId) continue;
    if (Date.parse(occurrence.start) <= now) continue;
    const target = ruleOccurrence(rule(series), occurrence.index, duration);
    if (target.start === occurrence.start) continue;
    if (!target.exists) {
      notMoved.push({ bookingId: occurrence.bookingId, start: occurrence.start, reason: 'outside_hours' });
      continue;
    }
    try {
      await rescheduleBooking(deps, occurrence.bookingId, target.start, undefined, { by: 'therapist' }, { relaxed: true });
    } catch (error) {
      if (!(error instanceof DomainError) || !['slot_unavailable', 'conflict'].includes(error.code)) throw error;
      notMoved.push({ bookingId: occurrence.bookingId, start: occurrence.start, reason: error instanceof SlotRefused ? error.reason : error.code });
    }
  }
  const done = await retryRefusedCommits('reschedule-series', async () => {
    const stored = await load(deps, seriesId);
    if (stored.series.pending !== 'reschedule') return stored;
    const planned = stored.series.planned ?? [];
    const next: Series = { ...stored.series, pending: planned.length > 0 ? 'extend' : undefined };
    await deps.bookings.putSeries(withoutEmpty(next), stored.version);
    return { series: next, version: stored.version + 1 };
  });
  const finished = done.series.pending ? await finishPlanned(deps, seriesId) : done;
  logger.info('series moved', { seriesId, notMoved: notMoved.length });
  return { ...finished, notMoved };
}

/** Plans an open-ended series' occurrences up to `OPEN_SERIES_WEEKS` ahead of today, on its record; nothing when already planned that far. */
async function planExtension(deps: Deps, stored: StoredSeries): Promise<StoredSeries> {
  return retryRefusedCommits('extend-series', async (attempt) => {
    const { series, version } = attempt === 1 ? stored : await load(deps, stored.series.id);
    const through = plusWeeks(localDate(deps.clock.now(), series.therapistTimeZone), OPEN_SERIES_WEEKS);
    if (series.pending || series.status !== 'active' || through <= series.plannedThrough) return { series, version };
    const nextIndex = Math.max(-1, ...series.occurrences.map((o) => o.index), ...(series.planned ?? []).map((p) => p.index)) + 1;
    const fresh = ruleOccurrences(rule(series), durationOf(series), { fromIndex: nextIndex, through }).map(({ index, start, end }) => ({ index, start, end }));
    const next: Series = {
      ...series,
      plannedThrough: through,
      ...(fresh.length > 0 ? { planned: [...(series.planned ?? []), ...fresh], pending: 'extend' as const } : {}),
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.bookings.putSeries(next, version);
    return { series: next, version: version + 1 };
  });
}

/**
 * Decides each planned occurrence in index order, one transaction each: its booking, its ledgers
 * and the series record (conditioned on the version read) — or, when it is not free, the series
 * record alone with the occurrence skipped. The last one clears `pending` in the same write.
 */
async function finishPlanned(deps: Deps, seriesId: string): Promise<StoredSeries> {
  let configuration: TherapistConfiguration | undefined;
  for (;;) {
    const step = await retryRefusedCommits('series-occurrence', async (attempt) => {
      const stored = await load(deps, seriesId);
      const { series, version } = stored;
      const [next, ...rest] = series.planned ?? [];
      if (!next) {
        if (!series.pending || series.pending === 'reschedule') return { done: stored };
        const finished = withoutEmpty({ ...series, pending: undefined });
        await deps.bookings.putSeries(finished, version);
        return { done: { series: finished, version: version + 1 } };
      }
      const now = deps.clock.now();
      const after = (occurrence: Occurrence): Series =>
        withoutEmpty({
          ...series,
          occurrences: [...series.occurrences, occurrence].sort((a, b) => a.index - b.index),
          planned: rest,
          ...(rest.length === 0 ? { pending: undefined } : {}),
          updatedAt: now.toISOString(),
        });
      const skip = async (reason: SkipReason) => {
        // A week planned after the confirmation (an open rule already shows it): the skip is a change
        // the clients' calendars must take, so it bumps the sequence and names it (decision 71).
        if (series.pending !== 'create') {
          const sequence = series.sequence + 1;
          await deps.bookings.putSeries({ ...after({ ...next, status: 'skipped', reason, skippedAt: sequence }), sequence }, version);
        } else {
          await deps.bookings.putSeries(after({ ...next, status: 'skipped', reason }), version);
        }
        logger.info('series occurrence skipped', { seriesId, index: next.index, reason });
      };
      if (series.status === 'ended') {
        // Ended meanwhile: what was still planned is not booked at all.
        const ended = withoutEmpty({ ...series, planned: [], pending: undefined, updatedAt: now.toISOString() });
        await deps.bookings.putSeries(ended, version);
        return { done: { series: ended, version: version + 1 } };
      }
      // Its time passed while pending (a resume much later): never booked. A wall time the clocks skip: outside hours.
      const target = ruleOccurrence(rule(series), next.index, durationOf(series));
      const early = skippedBeforeEngine({ start: next.start, exists: target.exists || target.start !== next.start }, now);
      if (early) return skip(early);
      const start = new Date(next.start);
      const [loaded, context] = await Promise.all([
        configuration && attempt === 1 ? configuration : deps.therapists.loadConfiguration(series.therapistId),
        deps.bookings.readWriteContext(series.therapistId, possibleDates(start)),
      ]);
      configuration = loaded;
      let schedule, sessionType;
      try {
        ({ schedule, sessionType } = bookable(configuration, series.sessionTypeId));
      } catch (error) {
        if (error instanceof DomainError && error.code === 'not_found') return skip('outside_hours');
        throw error;
      }
      if (!schedule) return skip('outside_hours');
      const id = occurrenceBookingId(seriesId, next.index);
      const decision = await decideNewBooking(deps, {
        configuration: { ...configuration, schedule }, sessionType, context, start, now, id,
        request: { therapistId: series.therapistId, timeZone: series.timeZone, clients: series.clients, ...(series.note ? { note: series.note } : {}), ...(series.locale ? { locale: series.locale } : {}) },
        relaxed: true, fields: { seriesId, occurrenceIndex: next.index },
      });
      if (!decision.ok) return skip(skipReason(decision.reason, configuration, series.therapistTimeZone, next.start));
      await deps.bookings.commit({ ...decision.commit, series: { series: after({ ...next, bookingId: id, status: 'booked' }), expect: version } });
      return undefined;
    });
    if (step && 'done' in step) return step.done;
  }
}

async function bookedBookings(deps: Deps, series: Series): Promise<Booking[]> {
  const ids = series.occurrences.filter((o) => o.status === 'booked' && o.bookingId).map((o) => o.bookingId!);
  const bookings = await Promise.all(ids.map((id) => deps.bookings.get(id)));
  return bookings.filter((b): b is Booking => b !== undefined);
}

async function load(deps: Pick<Deps, 'bookings'>, seriesId: string): Promise<StoredSeries> {
  const stored = await deps.bookings.getSeries(seriesId);
  if (!stored) throw notFound('The series');
  return stored;
}

function validateRule(request: CreateSeriesRequest): void {
  const problems: { path: string; message: string }[] = [];
  if (![1, 2, 3, 4].includes(request.everyWeeks)) problems.push({ path: 'everyWeeks', message: 'must be 1, 2, 3 or 4' });
  if (request.count !== undefined && !(Number.isInteger(request.count) && request.count >= 1 && request.count <= MAX_SERIES_COUNT)) {
    problems.push({ path: 'count', message: `must be a whole number from 1 to ${MAX_SERIES_COUNT}` });
  }
  if (request.until !== undefined && !DATE.test(request.until)) problems.push({ path: 'until', message: 'must be a calendar date YYYY-MM-DD' });
  const start = new Date(request.start);
  if (Number.isNaN(start.getTime())) problems.push({ path: 'start', message: 'must be an ISO 8601 instant with an offset' });
  else if (start.getTime() % 60_000 !== 0) problems.push({ path: 'start', message: 'must be a whole minute' });
  if (problems.length > 0) throw validationFailed('The series is not valid.', problems);
}

const rule = (series: Series): OccurrenceRule => ({
  firstDate: series.firstDate, localTime: series.localTime, timeZone: series.therapistTimeZone, everyWeeks: series.everyWeeks,
  firstIndex: series.firstIndex, count: series.count, until: series.until,
});
const durationOf = (series: Series) => {
  const o = series.occurrences[0] ?? series.planned?.[0];
  return o ? (Date.parse(o.end) - Date.parse(o.start)) / 60_000 : 0;
};
const dateOf = (series: Series, instant: string) => localDate(new Date(instant), series.therapistTimeZone);
/** The Monday (therapist-local) of an instant's week: weeks run Monday to Sunday on the therapist's clock (decision 51). */
const weekOf = (series: Series, instant: string) => DateTime.fromISO(instant, { zone: series.therapistTimeZone }).startOf('week').toISODate()!;
const maxDate = (a: string, b: string) => (a > b ? a : b);
/** Drops an empty plan and an undefined `pending`, so a finished series reads as one. */
function withoutEmpty(series: Series): Series {
  const { planned, pending, ...rest } = series;
  return { ...rest, ...(planned && planned.length > 0 ? { planned } : {}), ...(pending ? { pending } : {}) };
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
