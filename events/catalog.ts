import type { EventType } from './booking-events';

export interface EventConsumer {
  /** Function name (also the local bus's name for it). */
  name: string;
  /** Handler source, relative to the repository root. */
  handler: string;
  events: EventType[];
}

/**
 * Which function consumes which event. The CDK stack makes one rule per consumer from this, and
 * the local in-process bus routes by it, so the two cannot drift.
 */
export const EVENT_CATALOG: EventConsumer[] = [
  { name: 'send-booking-notifications', handler: 'functions/events/send-booking-notifications.ts', events: ['booking.confirmed', 'booking.rescheduled', 'booking.cancelled', 'booking.verification_requested', 'booking.requested', 'booking.declined', 'booking.expired', 'series.created', 'series.ended', 'series.changed'] },
  { name: 'schedule-reminders', handler: 'functions/events/schedule-reminders.ts', events: ['booking.confirmed', 'booking.rescheduled', 'booking.cancelled'] },
  // Who is an existing client of a therapist (issue 14): kept from the booking as it is now, so any order and any repeat end the same.
  { name: 'record-client-history', handler: 'functions/events/record-client-history.ts', events: ['booking.confirmed', 'booking.rescheduled', 'booking.cancelled'] },
  // Bookings written back to the therapist's CalDAV calendars (issue 15): put while confirmed, deleted otherwise, from the booking as it is now.
  { name: 'write-calendar-bookings', handler: 'functions/events/write-calendar-bookings.ts', events: ['booking.confirmed', 'booking.rescheduled', 'booking.cancelled', 'booking.declined', 'booking.expired'] },
  { name: 'send-reminder', handler: 'functions/events/send-reminder.ts', events: ['reminder.due'] },
];

/** The function that turns the table's stream into events, and the scheduled sweep that makes reminders due. */
export const STREAM_PUBLISHER = { name: 'publish-events', handler: 'functions/events/publish-events.ts' };
export const REMINDER_SWEEP = { name: 'sweep-reminders', handler: 'functions/scheduled/sweep-reminders.ts', everyMinutes: 1 };
/** Every minute: holds past their end are written as expired, their time and hold item released (decision 75). */
export const HOLD_SWEEP = { name: 'expire-holds', handler: 'functions/scheduled/expire-holds.ts', everyMinutes: 1 };
/** Daily: open-ended series are kept booked 12 weeks ahead, and any series left pending is finished (decision 59). */
export const SERIES_EXTENSION = { name: 'extend-series', handler: 'functions/scheduled/extend-series.ts', everyDays: 1 };
/** Every 10 minutes: each of the therapists' other calendars is read again (issue 15, decision 95). */
export const CALENDAR_SYNC = { name: 'sync-calendars', handler: 'functions/scheduled/sync-calendars.ts', everyMinutes: 10 };
