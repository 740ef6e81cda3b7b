import { ApiError, type Booking, type Practice, type SessionType, type Slot, type Therapist } from './api-client';
import { appointmentSummary } from './appointment-summary';
import { bookingPeople } from './booking-people';
import { busyButton } from './busy-button';
import { monthOf, type CalendarDate } from './calendar-date';
import { calendarButton, calendarLinks } from './add-to-calendar';
import { h } from './dom';
import { seriesSection } from './manage-series';
import { formatInstantDate, formatShortDateTime, formatTimeRange } from './format';
import { slotPicker } from './slot-picker';
import { contactDetails } from './practice-details';
import { loadingLine, stepFrame, type AlertBox } from './step-frame';
import { strings } from './strings';
import type { FlowStart } from './booking-flow';
import type { WidgetContext } from './widget-context';

/** From the fragment of an email's manage link: never sent to any server but ours, in a header. */
export interface ManageLink { bookingId: string; token: string }

/**
 * Manage mode: one booking, reached through the link in its emails. Shows it, reschedules it with
 * the same picker as booking, cancels it after a confirm step. A wrong or expired link gets a plain
 * explanation instead of a technical error.
 */
export function manageBooking(ctx: WidgetContext, link: ManageLink, onBookNew: (therapistId?: string, begin?: FlowStart) => void): void {
  let booking: Booking;
  let therapist: Therapist | undefined;
  let type: SessionType | undefined;
  let practice: Practice | undefined;
  const summary = (slot: Slot = booking) => appointmentSummary(ctx, type, slot, therapist);

  function load() {
    const frame = stepFrame(strings.yourAppointment, null, loadingLine());
    ctx.show(frame.el);
    Promise.all([ctx.api.booking(link.bookingId, link.token), ctx.therapists().catch(() => []), ctx.practice().catch(() => undefined)]).then(
      ([b, therapists, p]) => {
        booking = b;
        practice = p;
        therapist = therapists.find((t) => t.id === b.therapistId);
        type = therapist?.sessionTypes.find((s) => s.id === b.sessionTypeId);
        overview();
      },
      (error) => (refused(error) ? invalidLink() : (frame.el.querySelector('.loading')?.remove(), frame.alert.fail(error, load))),
    );
  }

  /**
   * Inside the practice's late window (judged, as the server does, on the booking's current start):
   * the client is told before they try, since a move then counts like a late cancellation. The
   * browser's clock stands in for the server's; the server still decides.
   */
  const lateWindow = () => {
    const hours = practice?.lateCancellationHours;
    if (hours === undefined || Date.parse(booking.start) - Date.now() >= hours * 3_600_000) return undefined;
    return { hours, refused: practice!.lateCancellationMode === 'refuse' };
  };

  // Only the service's own refusals: a gateway's or proxy's 403 or 404 says nothing about the link.
  const refused = (error: unknown) => error instanceof ApiError && !error.unreadable && [400, 403, 404].includes(error.status);

  function invalidLink() {
    ctx.show(stepFrame(strings.yourAppointment, null, h('p', null, strings.linkInvalid), contactDetails(ctx), h('button', { type: 'button', class: 'btn secondary', onclick: () => onBookNew() }, strings.bookNew)).el);
  }

  /**
   * "Book again": the same therapist and type, the holder's own details filled in, and this link's
   * token sent with the booking, which proves the holder's address to the server (no new
   * confirmation email when the address was confirmed before). Whether it proves anything is the
   * server's judgement; the widget claims nothing about it.
   */
  function bookAgain(className = 'btn secondary') {
    const holder = booking.clients.find((c) => c.email);
    const values = holder ? { name: holder.name, email: holder.email!, phone: holder.phone ?? '' } : {};
    return h('button', { type: 'button', class: className, onclick: () => onBookNew(booking.therapistId, { sessionTypeId: booking.sessionTypeId, values, proof: link.token }) }, strings.bookAgain);
  }

  const STATUS: Record<Booking['status'], string> = {
    pending_verification: strings.pendingVerification, requested: strings.requested, confirmed: strings.confirmed,
    declined: strings.declined, expired: strings.expired, cancelled: strings.cancelled,
  };

  function overview() {
    const held = booking.status === 'pending_verification' || booking.status === 'requested';
    // Never booked, or no longer: nothing to move or cancel.
    const over = booking.status === 'cancelled' || booking.status === 'declined' || booking.status === 'expired';
    const cancelled = booking.status === 'cancelled';
    const past = Date.parse(booking.end) < Date.now();
    const late = !over && !past ? lateWindow() : undefined;
    const frame = stepFrame(
      strings.yourAppointment,
      null,
      cancelled && cancelledBanner(),
      summary(),
      bookingPeople(booking),
      !cancelled && h('p', { class: `status ${booking.status}` }, `${strings.status}: `, h('strong', null, STATUS[booking.status] ?? booking.status)),
      booking.status === 'pending_verification' && h('p', null, strings.nothingBookedYet),
      booking.status === 'requested' && h('p', null, strings.therapistWillConfirm),
      held && booking.holdUntil && h('p', null, booking.status === 'requested' ? strings.requestHeldUntil(formatShortDateTime(booking.holdUntil, ctx.zone)) : strings.holdUntil(formatShortDateTime(booking.holdUntil, ctx.zone))),
      booking.status === 'declined' && booking.ruleRefusal && h('p', null, strings.ruleRefusals[booking.ruleRefusal]),
      cancelled && booking.lateCancellation && h('p', null, strings.lateCancellation(practice?.lateCancellationHours ?? 24)),
      past && !over && h('p', null, strings.pastAppointment),
      late && h('p', null, h('strong', null, late.refused ? strings.lateWindowRefused(late.hours) : strings.lateWindowFlagged(late.hours))),
      late?.refused && contactDetails(ctx),
      over || past
        ? bookAgain('btn primary')
        : h(
            'div',
            { class: 'actions' },
            // Refused online anyway: offering the buttons would only lead to an error. A hold
            // is not moved (the server refuses it) and has nothing to put in a calendar yet.
            !late?.refused && !held && h('button', { type: 'button', class: 'btn primary', onclick: () => reschedule() }, strings.reschedule),
            !late?.refused && h('button', { type: 'button', class: 'btn secondary', onclick: confirmCancel }, held ? strings.withdrawRequest : strings.cancel),
            !held && calendarButton(ctx, booking, type, link.token, 'btn secondary'),
            // A hold still awaiting this address's confirmation proves nothing to book with.
            booking.status !== 'pending_verification' && bookAgain(),
          ),
      booking.seriesId && seriesSection(ctx, { booking, token: link.token, practice, reload: load, back: overview, invalidLink }),
    );
    // Over: drawn unlike a booked appointment (no accent, the time struck through), not only said.
    if (over) frame.el.classList.add('over');
    ctx.show(frame.el);
  }

  /** "Cancelled" as a state of its own, above everything, so nobody takes this for a booking. */
  const cancelledBanner = () => h('p', { class: 'state cancelled' }, h('strong', null, strings.cancelled), ' ', strings.cancelledState);

  function reschedule(at?: CalendarDate, error?: string) {
    // Without the public list (a hidden type, a failed request) the ids alone still work.
    const sessionType = type ?? { id: booking.sessionTypeId, name: '', kind: 'individual', durationMinutes: 0, modality: 'telehealth' };
    ctx.show(
      slotPicker(ctx, {
        heading: strings.chooseNewTime,
        therapist: therapist ?? { id: booking.therapistId, displayName: '', timeZone: booking.timeZone, sessionTypes: [] },
        sessionType,
        intro: summary(),
        current: booking,
        startMonth: at ? monthOf(at) : monthOf(booking.start.slice(0, 10)),
        startDate: at,
        ...(error ? { error } : {}),
        onBack: overview,
        onPick: (slot, date) => confirmReschedule(slot, date),
      }),
    );
  }

  function confirmReschedule(slot: Slot, date: CalendarDate) {
    const late = lateWindow();
    const move = busyButton(strings.moveAppointment, strings.moving, async () => {
      try {
        booking = await ctx.api.reschedule(booking.id, link.token, slot.start);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'slot_unavailable') return reschedule(date, strings.slotTakenReschedule);
        if (error instanceof ApiError && error.code === 'cancellation_window_passed') {
          move.remove();
          return frame.alert.show(strings.moveWindowPassed(practice?.lateCancellationHours ?? 24), undefined, 0, contactDetails(ctx));
        }
        return handle(error, frame.alert);
      }
      rescheduled(late !== undefined && booking.lateChange === true);
    });
    const frame = stepFrame(
      strings.confirmReschedule,
      () => reschedule(date),
      h('p', { class: 'muted' }, strings.currently, ' ', formatInstantDate(booking.start, ctx.zone), ', ', formatTimeRange(booking.start, booking.end, ctx.zone)),
      h('h3', null, strings.newTime),
      summary(slot),
      late && h('p', null, h('strong', null, strings.lateMoveWarning(late.hours))),
      h('div', { class: 'actions' }, move),
    );
    ctx.show(frame.el);
  }

  /** `movedLate`: this move (not an earlier one) was the late change. */
  function rescheduled(movedLate: boolean) {
    ctx.show(
      stepFrame(
        strings.rescheduled,
        null,
        summary(),
        movedLate && h('p', null, strings.lateChange(practice?.lateCancellationHours ?? 24)),
        h('p', null, strings.rescheduledEmail),
        h('div', { class: 'actions' }, calendarButton(ctx, booking, type, link.token), calendarLinks(ctx, booking, type), h('button', { type: 'button', class: 'btn secondary', onclick: overview }, strings.backToAppointment)),
      ).el,
    );
  }

  function confirmCancel() {
    const hours = practice?.lateCancellationHours;
    // A request withdrawn is no cancellation of an appointment: the practice's policy is not about it.
    const held = booking.status === 'pending_verification' || booking.status === 'requested';
    const unconfirmed = booking.status === 'pending_verification';
    const late = !held && hours !== undefined && Date.parse(booking.start) - Date.now() < hours * 3_600_000;
    const yes = busyButton(strings.yesCancel, strings.cancelling, async () => {
      try {
        booking = await ctx.api.cancel(booking.id, link.token);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'cancellation_window_passed') {
          yes.remove();
          return frame.alert.show(strings.windowPassed(hours ?? 24), undefined, 0, contactDetails(ctx));
        }
        return handle(error, frame.alert);
      }
      cancelledView(unconfirmed);
    }, 'btn danger');
    const frame = stepFrame(
      held ? strings.confirmWithdraw : strings.confirmCancel,
      overview,
      summary(),
      !held && practice && h('p', null, practice.cancellationPolicy),
      late && h('p', null, h('strong', null, strings.lateWarning(hours!))),
      // Keeping it is the safe way out and so the primary button, first; cancelling is the danger.
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn primary', onclick: overview }, strings.keep), yes),
    );
    ctx.show(frame.el);
  }

  /** `unconfirmed`: it was awaiting the address's confirmation, and so nobody is emailed about it. */
  function cancelledView(unconfirmed = false) {
    const frame = stepFrame(
      strings.cancelledTitle,
      null,
      cancelledBanner(),
      summary(),
      booking.lateCancellation && h('p', null, strings.lateCancellation(practice?.lateCancellationHours ?? 24)),
      !unconfirmed && h('p', null, strings.cancelledEmail),
      bookAgain('btn primary'),
    );
    frame.el.classList.add('over');
    ctx.show(frame.el);
  }

  function handle(error: unknown, alert: AlertBox) {
    if (error instanceof ApiError && !error.unreadable && error.status === 403) return invalidLink();
    // The button retries on its own; the message says what happened.
    alert.fail(error);
  }

  load();
}
