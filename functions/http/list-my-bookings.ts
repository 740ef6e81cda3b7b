import { bookingViewForTherapist } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { listMyBookings } from '../../shared/therapists/therapist-bookings';

export const handler = httpHandler(OPERATIONS.listMyBookings, async ({ me, query }, deps) => ({
  body: { bookings: (await listMyBookings(deps, me!, query)).map(bookingViewForTherapist) },
}));
