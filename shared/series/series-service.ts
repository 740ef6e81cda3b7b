import type { Booking, Client } from '../domain/booking';
import type { BookingActor, BookingServicePorts } from '../booking/booking-service';
import type { BookingRepository } from '../store/booking-repository';
import type { TherapistRepository } from '../store/therapist-repository';
import type { Series } from './series';

/** What this module needs, in its own terms. */
export interface SeriesServicePorts extends BookingServicePorts {
  therapists: Pick<TherapistRepository, 'loadConfiguration' | 'listAll'>;
  bookings: BookingServicePorts['bookings'] & Pick<BookingRepository, 'getSeries' | 'putSeries' | 'listSeries'>;
}

export interface CreateSeriesRequest {
  therapistId: string;
  sessionTypeId: string;
  /** The first occurrence: an instant; the rule keeps its wall-clock time in the therapist's zone. */
  start: string;
  timeZone: string;
  clients: Client[];
  note?: string;
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

export async function createSeries(_deps: SeriesServicePorts, _request: CreateSeriesRequest, _idempotencyKey?: string): Promise<{ series: Series; bookings: Booking[] }> {
  throw new Error('not yet');
}
export async function resumeSeries(_deps: SeriesServicePorts, _seriesId: string): Promise<Series> {
  throw new Error('not yet');
}
export async function extendOpenSeries(_deps: SeriesServicePorts): Promise<ExtensionReport> {
  throw new Error('not yet');
}
export async function endSeries(_deps: SeriesServicePorts, _seriesId: string, _from: string, _actor: BookingActor): Promise<Series> {
  throw new Error('not yet');
}
export async function rescheduleSeries(_deps: SeriesServicePorts, _seriesId: string, _from: string, _start: string): Promise<{ series: Series; notMoved: { bookingId: string; start: string; reason: string }[] }> {
  throw new Error('not yet');
}
export async function getSeries(_deps: SeriesServicePorts, _seriesId: string): Promise<Series> {
  throw new Error('not yet');
}
export async function listSeries(_deps: SeriesServicePorts, _therapistId: string): Promise<Series[]> {
  throw new Error('not yet');
}
