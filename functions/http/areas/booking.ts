import { areaRouter } from '../../../shared/http/area-router';
import { handler as createBooking } from '../create-booking';
import { handler as getBooking } from '../get-booking';
import { handler as cancelBooking } from '../cancel-booking';
import { handler as rescheduleBooking } from '../reschedule-booking';
import { handler as verifyBooking } from '../verify-booking';
import { handler as getSeries } from '../get-series';
import { handler as cancelSeries } from '../cancel-series';

/** The booking area's function (a client creating and managing a booking or a series): each route goes to its own handler. */
export const handler = areaRouter('booking', { createBooking, getBooking, cancelBooking, rescheduleBooking, verifyBooking, getSeries, cancelSeries });
