import type { CalendarDate } from './calendar-date';

export interface SessionType {
  id: string;
  name: string;
  kind: 'individual' | 'couples';
  durationMinutes: number;
  modality: 'in_person' | 'telehealth';
  description?: string;
  /** Clients may book it as a series: every one of `everyWeeks` weeks, 2 to `maxCount` times. */
  repeat?: { everyWeeks: number[]; maxCount: number };
  /** Who may book it (absent: everyone); judged by the server once the addresses are verified. */
  audience?: 'everyone' | 'new_clients' | 'existing_clients';
}
export interface Therapist {
  id: string;
  displayName: string;
  bio?: string;
  /** An https photo from the profile; shown only from the page's or the API's own origin (no third-party request). */
  photoUrl?: string;
  timeZone: string;
  sessionTypes: SessionType[];
}
export interface Practice {
  name: string;
  cancellationPolicy: string;
  lateCancellationHours: number;
  lateCancellationMode: 'refuse' | 'flag';
  /** Where in-person sessions take place. */
  address?: string;
  /** Shown wherever the widget sends a client to the practice. */
  contact?: { phone?: string; email?: string };
  /** The practice's locale for dates and times (BCP 47, English); absent: the page's `lang`. */
  locale?: string;
}
export interface Slot { start: string; end: string }
export interface Day { date: CalendarDate; slots: Slot[] }
export interface ClientDetails { name: string; email: string; phone?: string }
/** A client as a booking shows them: through a manage link, a partner has only a first name. */
export interface BookingClient { name: string; email?: string; phone?: string }
/**
 * `pending_verification`: held until `holdUntil` while the clients confirm their addresses;
 * `requested`: held until `holdUntil` for the therapist to accept; `declined`, `expired`: never booked.
 */
export type BookingStatus = 'pending_verification' | 'requested' | 'confirmed' | 'declined' | 'expired' | 'cancelled';
export type RuleRefusal = 'new_clients_only' | 'existing_clients_only';
export interface Booking {
  id: string;
  status: BookingStatus;
  therapistId: string;
  sessionTypeId: string;
  start: string;
  end: string;
  timeZone: string;
  clients: BookingClient[];
  lateCancellation?: boolean;
  /** Moved inside the practice's late window (flag mode). */
  lateChange?: boolean;
  /** An occurrence of this series. */
  seriesId?: string;
  createdAt?: string;
  /** Until when a held booking keeps its time. */
  holdUntil?: string;
  /** While pending: how many clients have not confirmed their address yet. */
  awaitingVerification?: number;
  /** Declined by the session type's audience rule: which clients it is for. */
  ruleRefusal?: RuleRefusal;
}
/** The answer to the link in a verification email: the verifier's own manage token comes with it. */
export interface Verified { booking: Booking; manageToken: string; alreadyVerified: boolean }
export type Repeat = { everyWeeks: number; count: number };
/** A date of a series: booked (a booking), skipped with why, or cancelled; a preview's are free or skipped. */
export interface Occurrence { start: string; end: string; status: 'booked' | 'skipped' | 'cancelled' | 'free'; reason?: string; bookingId?: string }
export interface Series { id: string; therapistId: string; status: 'active' | 'ended'; everyWeeks: number; occurrences: Occurrence[] }
export interface BookingRequest {
  therapistId: string;
  sessionTypeId: string;
  start: string;
  timeZone: string;
  clients: ClientDetails[];
  note?: string;
  policyAccepted: true;
  repeat?: Repeat;
  /** The locale (with its clock, e.g. `en-US-u-hc-h23`) the client saw times in: their emails use the same. */
  locale?: string;
  /** The honeypot: people never see it, so it stays empty (decision 129). */
  website?: string;
  /** How long the form was shown before it was sent, in ms (decision 129). */
  formMs?: number;
}

/**
 * Why a call failed. `network` when no answer could be read at all: none came, or the browser hid it
 * (an error API Gateway or a proxy made without CORS headers looks exactly like this), so a retry
 * is safe only with the same key. `unreadable` when an answer came that is not the API's own (no
 * error code: a gateway's or a proxy's page): its status says too little to refuse on.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    readonly retryAfterSeconds = 0,
  ) {
    super(message);
  }
  get network() {
    return this.status === 0;
  }
  /** No answer the booking service itself gave: worth trying again, never a refusal to explain. */
  get unreadable() {
    return this.network || this.code === 'unreadable';
  }
}

function retryAfter(header: string | null): number {
  if (!header) return 5; // cross-origin answers may hide the header: a short, polite wait
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? 5 : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

/** How long a call may take before the widget gives up on its answer: reads, and writes (a booking). */
export const READ_TIMEOUT_MS = 15_000;
export const WRITE_TIMEOUT_MS = 20_000;

/** A call that did not answer in time: no answer could be read, so a retry is safe only with the same key. */
export const timedOut = (error: unknown) => error instanceof ApiError && error.code === 'timeout';

/**
 * The public API of the booking backend, and nothing else: the widget talks to no other host.
 * Calls of an aborted flow never settle, so a view that was replaced cannot be drawn over the new one;
 * nor do calls whose own `signal` was aborted (a month paged past). Every call has a timeout
 * (`timeoutMs` replaces both, for tests: `<booking-widget timeout-ms>`); one that passes it fails
 * as `timeout`, a kind of `network` failure.
 */
export function apiClient(base: string, signal: AbortSignal, timeoutMs?: number) {
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, own?: AbortSignal): Promise<T> {
    if (own?.aborted) return new Promise<T>(() => {});
    const request = new AbortController();
    const stop = () => request.abort();
    signal.addEventListener('abort', stop);
    own?.addEventListener('abort', stop);
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      request.abort();
    }, timeoutMs ?? (method === 'GET' ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS));
    const gone = () => signal.aborted || !!own?.aborted;
    try {
      let response: Response;
      try {
        response = await fetch(base + path, {
          method,
          signal: request.signal,
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
          headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? null : JSON.stringify(body),
        });
      } catch {
        if (gone()) return new Promise<T>(() => {});
        throw late ? new ApiError(0, 'timeout', 'timeout') : new ApiError(0, 'network', 'network');
      }
      const json = await response.json().catch(() => undefined);
      if (gone()) return new Promise<T>(() => {});
      // The answer started but its body never finished: as unanswered as no answer.
      if (late) throw new ApiError(0, 'timeout', 'timeout');
      if (response.ok && json) return json as T;
      const error = json?.error;
      const limited = response.status === 429 ? retryAfter(response.headers.get('retry-after')) : 0;
      // API Gateway's own answers are `{"message": …}`; a proxy's may be a page: not the contract's shape.
      if (typeof error?.code !== 'string') throw new ApiError(response.status, 'unreadable', '', [], limited);
      throw new ApiError(response.status, error.code, error.message ?? '', error.fields, limited);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      own?.removeEventListener('abort', stop);
    }
  }
  const manage = (token: string) => ({ authorization: `Bearer ${token}` });
  const id = encodeURIComponent;

  return {
    therapists: () => call<{ therapists: Therapist[] }>('GET', '/v1/therapists').then((r) => r.therapists),
    practice: () => call<{ practice: Practice }>('GET', '/v1/practice').then((r) => r.practice),
    /** `signal`: this request's own, aborted when its answer is no longer wanted (it then never settles). */
    availability: (therapistId: string, sessionTypeId: string, from: CalendarDate, to: CalendarDate, timeZone: string, signal?: AbortSignal) =>
      call<{ days: Day[] }>(
        'GET',
        `/v1/therapists/${id(therapistId)}/availability?${new URLSearchParams({ sessionTypeId, from, to, timeZone })}`,
        undefined,
        {},
        signal,
      ).then((r) => r.days),
    seriesPreview: (therapistId: string, sessionTypeId: string, start: string, repeat: Repeat, timeZone: string) =>
      call<{ occurrences: Occurrence[] }>(
        'GET',
        `/v1/therapists/${id(therapistId)}/series-preview?${new URLSearchParams({ sessionTypeId, start, everyWeeks: `${repeat.everyWeeks}`, count: `${repeat.count}`, timeZone })}`,
      ).then((r) => r.occurrences),
    series: (seriesId: string, token: string) => call<{ series: Series }>('GET', `/v1/series/${id(seriesId)}`, undefined, manage(token)).then((r) => r.series),
    cancelSeries: (seriesId: string, token: string, from: string) =>
      call<{ series: Series }>('POST', `/v1/series/${id(seriesId)}/cancel`, { from }, manage(token)).then((r) => r.series),
    /** `proof`: the manage token of an earlier booking ("Book again"), which proves the holder's address. */
    book: (request: BookingRequest, idempotencyKey: string, proof?: string) =>
      call<{ booking: Booking; manageToken: string; series?: Series }>('POST', '/v1/bookings', request, { 'idempotency-key': idempotencyKey, ...(proof ? manage(proof) : {}) }),
    verify: (bookingId: string, token: string) => call<Verified>('POST', `/v1/bookings/${id(bookingId)}/verify`, {}, manage(token)),
    booking: (bookingId: string, token: string) =>
      call<{ booking: Booking }>('GET', `/v1/bookings/${id(bookingId)}`, undefined, manage(token)).then((r) => r.booking),
    reschedule: (bookingId: string, token: string, start: string) =>
      call<{ booking: Booking }>('POST', `/v1/bookings/${id(bookingId)}/reschedule`, { start }, manage(token)).then((r) => r.booking),
    cancel: (bookingId: string, token: string) =>
      call<{ booking: Booking }>('POST', `/v1/bookings/${id(bookingId)}/cancel`, {}, manage(token)).then((r) => r.booking),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** One key per booking attempt; `crypto.randomUUID` needs a secure context, so fall back to random bytes. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
