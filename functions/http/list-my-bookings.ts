import { bookingViewForTherapist } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { listMyBookings } from '../../shared/therapists/therapist-bookings';

export const handler = httpHandler(OPERATIONS.listMyBookings, async ({ me, query }, deps) => {
  // Two queries at once: the bookings in range and the therapist's (few) delivery problems.
  const [bookings, problems] = await Promise.all([listMyBookings(deps, me!, query), deps.emailFeedback.problemsOfTherapist(me!.id, deps.clock.now())]);
  return { body: { bookings: bookings.map((b) => bookingViewForTherapist(b, problems.get(b.id))) } };
});
