import type { Booking, Series, SessionType, Therapist } from './api-client';
import { appointmentSummary } from './appointment-summary';
import { confirmationView } from './confirmation-view';
import { h } from './dom';
import { formatShortDateTime } from './format';
import { stepFrame } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * What the client sees once the server has answered a booking: the confirmation, or, when the booking
 * is only held, what still has to happen. The server decides which (verification, the therapist's
 * approval); the widget only reads `status`, so it can never show "booked" for a hold.
 */
export function bookedView(ctx: WidgetContext, booking: Booking, type: SessionType | undefined, therapist: Therapist | undefined, series: Series | undefined, onAnother: () => void, token?: string): HTMLElement {
  if (booking.status === 'pending_verification') return pendingView(ctx, booking, type, therapist, onAnother);
  if (booking.status === 'requested') return requestedView(ctx, booking, type, therapist, onAnother);
  return confirmationView(ctx, booking, type, therapist, series, onAnother, undefined, token);
}

/**
 * Held until the addresses are confirmed: to which addresses the links went, how long the time is
 * kept (the server's own hold: `holdUntil` against `createdAt`, not the browser's clock) and that
 * nothing is booked until then. The same words whoever the client is: the server's answer says
 * nothing about whether an address is known, and neither does this screen.
 */
function pendingView(ctx: WidgetContext, booking: Booking, type: SessionType | undefined, therapist: Therapist | undefined, onAnother: () => void): HTMLElement {
  const emails = booking.clients.flatMap((c) => (c.email ? [c.email] : []));
  const minutes = booking.holdUntil && booking.createdAt ? Math.round((Date.parse(booking.holdUntil) - Date.parse(booking.createdAt)) / 60_000) : undefined;
  return stepFrame(
    strings.checkEmail,
    null,
    h('p', null, h('strong', null, strings.checkEmailTo(emails))),
    booking.holdUntil && minutes !== undefined && minutes > 0 && h('p', null, strings.holdFor(minutes, formatShortDateTime(booking.holdUntil, ctx.zone))),
    h('p', null, strings.nothingBookedYet),
    appointmentSummary(ctx, type, booking, therapist),
    h('p', { class: 'muted' }, strings.checkSpam),
    h('button', { type: 'button', class: 'btn secondary', onclick: onAnother }, strings.bookAnother),
  ).el;
}

/** Held for the therapist to accept: the time is kept, nothing to add to a calendar yet. */
export function requestedView(ctx: WidgetContext, booking: Booking, type: SessionType | undefined, therapist: Therapist | undefined, onAnother: () => void, note?: string): HTMLElement {
  return stepFrame(
    strings.requestSent,
    null,
    note && h('p', null, note),
    h('p', null, h('strong', null, strings.therapistWillConfirm)),
    appointmentSummary(ctx, type, booking, therapist),
    booking.holdUntil && h('p', null, strings.requestHeldUntil(formatShortDateTime(booking.holdUntil, ctx.zone))),
    h('p', null, strings.requestEmail),
    h('button', { type: 'button', class: 'btn secondary', onclick: onAnother }, strings.bookAnother),
  ).el;
}
