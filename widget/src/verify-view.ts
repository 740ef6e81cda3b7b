import { ApiError, type Booking, type SessionType, type Therapist, type Verified } from './api-client';
import type { FlowStart } from './booking-flow';
import { confirmationView } from './confirmation-view';
import { h } from './dom';
import { requestedView } from './held-views';
import { contactDetails } from './practice-details';
import { loadingLine, stepFrame } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/** From the fragment of a verification email's link; the token goes to our server only, in a header. */
export interface VerifyLink { bookingId: string; token: string }

/**
 * The link in a verification email: confirms the address and says what became of the booking, as
 * the server answered. Booked, or sent to the therapist for approval, or still waiting for the
 * partner's address; a hold that lapsed offers to book again; a type the rules refused for these
 * clients offers the other types. Opening the link twice is no error (`alreadyVerified`).
 */
export function verifyBooking(ctx: WidgetContext, link: VerifyLink, onBook: (therapistId?: string, begin?: FlowStart) => void): void {
  function run() {
    const frame = stepFrame(strings.yourAppointment, null, loadingLine(strings.confirming));
    ctx.show(frame.el);
    Promise.all([ctx.api.verify(link.bookingId, link.token), ctx.therapists().catch(() => [] as Therapist[])]).then(
      ([answer, therapists]) => {
        const therapist = therapists.find((t) => t.id === answer.booking.therapistId);
        outcome(answer, therapist, therapist?.sessionTypes.find((s) => s.id === answer.booking.sessionTypeId));
      },
      (error) => {
        const code = error instanceof ApiError && !error.unreadable ? error.code : '';
        if (code === 'request_expired') return closed(strings.requestExpiredTitle, strings.requestExpired);
        if (code === 'conflict') return closed(strings.requestClosedTitle, strings.requestClosed);
        if (error instanceof ApiError && !error.unreadable && [400, 403, 404].includes(error.status)) return closed(strings.yourAppointment, strings.linkInvalid, undefined, strings.bookNew);
        frame.el.querySelector('.loading')?.remove();
        frame.alert.fail(error, run);
      },
    );
  }

  function outcome({ booking, alreadyVerified, manageToken }: Verified, therapist: Therapist | undefined, type: SessionType | undefined) {
    const again = () => onBook(booking.therapistId);
    const note = alreadyVerified ? strings.alreadyConfirmed : undefined;
    if (booking.status === 'confirmed') return ctx.show(confirmationView(ctx, booking, type, therapist, undefined, again, note, manageToken));
    if (booking.status === 'requested') return ctx.show(requestedView(ctx, booking, type, therapist, again, note));
    if (booking.status === 'pending_verification') return ctx.show(waiting(booking));
    if (booking.status === 'declined' && booking.ruleRefusal) return ctx.show(refused(booking));
    if (booking.status === 'expired') return closed(strings.requestExpiredTitle, strings.requestExpired, booking.therapistId);
    closed(strings.requestClosedTitle, strings.requestClosed, booking.therapistId);
  }

  function waiting(booking: Booking) {
    return stepFrame(
      strings.emailConfirmed,
      null,
      h('h3', null, strings.waitingForPartner),
      h('p', null, strings.waitingForPartnerText(booking.awaitingVerification ?? 1)),
      h('p', null, strings.nothingBookedYet),
    ).el;
  }

  /** The session type is for the other audience: nothing was booked; its siblings for these clients are offered. */
  function refused(booking: Booking) {
    const audience = booking.ruleRefusal === 'new_clients_only' ? 'new_clients' : 'existing_clients';
    return stepFrame(
      strings.notForYouTitle,
      null,
      h('p', null, strings.ruleRefusals[booking.ruleRefusal!]),
      h('button', { type: 'button', class: 'btn primary', onclick: () => onBook(booking.therapistId, { withoutAudience: audience }) }, strings.chooseOtherType),
    ).el;
  }

  function closed(heading: string, text: string, therapistId?: string, action = strings.bookAgain) {
    ctx.show(stepFrame(heading, null, h('p', null, text), text === strings.linkInvalid && contactDetails(ctx), h('button', { type: 'button', class: 'btn primary', onclick: () => onBook(therapistId) }, action)).el);
  }

  run();
}
