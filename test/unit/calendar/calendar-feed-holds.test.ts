import ICAL from 'ical.js';
import { calendarFeed, calendarFeedUrl } from '../../../shared/calendar/calendar-feed';
import type { Booking } from '../../../shared/domain/booking';
import type { Therapist } from '../../../shared/domain/therapist';
import { couplesBooking, settings } from '../notifications/fixtures';

const me = { id: 'therapist-1', active: true, displayName: 'Dr. Sam Lee', email: 'sam@x.example', timeZone: 'Europe/Berlin' } as unknown as Therapist;
const now = new Date('2026-11-25T12:00:00.000Z');

function feedOf(bookings: Booking[]) {
  const deps = {
    config: { manageTokenSecret: 'a-secret-of-at-least-thirty-two-characters' },
    therapists: { getProfile: async () => ({ therapist: me, calendarFeedVersion: 1 }), calendarFeedVersion: async () => 1 },
    bookings: { listByTherapist: async () => bookings },
    settings: { get: async () => settings() },
    clock: { now: () => now },
  };
  return { deps, read: async () => {
    const url = await calendarFeedUrl(deps, me, 'https://api.example');
    const ics = await calendarFeed(deps, me.id, url.split('/').pop()!);
    return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => ({
      uid: e.getFirstPropertyValue('uid'), summary: e.getFirstPropertyValue('summary'), status: e.getFirstPropertyValue('status'),
    }));
  } };
}

test('the therapist\'s feed shows requests as tentative "Request" entries, and no booking still waiting for its clients to verify', async () => {
  const at = (day: number) => ({ start: `2026-12-0${day}T14:00:00.000Z`, end: `2026-12-0${day}T14:50:00.000Z` });
  const bookings: Booking[] = [
    couplesBooking({ id: 'confirmed', ...at(1) }),
    couplesBooking({ id: 'requested', status: 'requested', holdUntil: '2026-11-27T12:00:00.000Z', ...at(2) }),
    couplesBooking({ id: 'pending', status: 'pending_verification', holdUntil: '2026-11-25T12:20:00.000Z', verified: [true, false], ...at(3) }),
    // Past its end at `now`, though the sweep has not written it yet: gone from the feed already.
    couplesBooking({ id: 'lapsed', status: 'requested', holdUntil: '2026-11-25T12:00:00.000Z', ...at(4) }),
    couplesBooking({ id: 'declined', status: 'declined', ...at(5) }),
    couplesBooking({ id: 'expired', status: 'expired', ...at(6) }),
    couplesBooking({ id: 'cancelled', status: 'cancelled', ...at(7) }),
  ];
  const events = await feedOf(bookings).read();
  expect(events).toEqual([
    { uid: expect.stringContaining('confirmed'), summary: 'Appointment: Alex & Blake', status: 'CONFIRMED' },
    { uid: expect.stringContaining('requested'), summary: 'Request: Alex & Blake', status: 'TENTATIVE' },
  ]);
});
