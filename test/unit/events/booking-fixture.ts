import type { Booking } from '../../../shared/domain/booking';

/** A confirmed couples booking, and the same booking moved (its next sequence): the events tests' starting point. */
export const booking: Booking = {
  id: 'b-1', status: 'confirmed', therapistId: 'demo', sessionTypeId: 'couples-80',
  start: '2026-12-02T14:00:00.000Z', end: '2026-12-02T15:20:00.000Z', timeZone: 'Europe/Berlin', therapistTimeZone: 'Europe/Berlin',
  blockedUntil: '2026-12-02T15:30:00.000Z', ledgerDates: ['2026-12-02'], clients: [{ name: 'A', email: 'a@example.test' }],
  createdAt: '2026-12-01T12:00:00.000Z', updatedAt: '2026-12-01T12:00:00.000Z', sequence: 0,
};
export const moved: Booking = { ...booking, start: '2026-12-03T15:00:00.000Z', end: '2026-12-03T16:20:00.000Z', sequence: 1, updatedAt: '2026-12-01T13:00:00.000Z' };
