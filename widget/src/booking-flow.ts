import type { Booking, Series, SessionType, Slot, Therapist } from './api-client';
import { appointmentSummary } from './appointment-summary';
import { bookingForm, emptyValues, type Draft, type FormValues } from './booking-form';
import { addDays, monthOf, type CalendarDate, type Month } from './calendar-date';
import { h } from './dom';
import { todayIn } from './format';
import { bookedView } from './held-views';
import { sessionTypeStep } from './session-type-step';
import { slotPicker } from './slot-picker';
import { contactDetails } from './practice-details';
import { loadingLine, stepFrame } from './step-frame';
import { strings } from './strings';
import { therapistStep } from './therapist-step';
import type { WidgetContext } from './widget-context';

/** Where a flow begins when it is not a fresh visit: "Book again" from a manage link, another type after a refusal. */
export interface FlowStart {
  /** Straight to this type's times (Back still leads to the list of types). */
  sessionTypeId?: string;
  /** The holder's own details, as their manage link shows them. */
  values?: Partial<FormValues>;
  /** The manage token the booking is sent with: it proves the holder's address, so no new confirmation. */
  proof?: string;
  /** Types for this audience are left out: the server has just refused them for these clients. */
  withoutAudience?: string;
}

/**
 * The booking steps and how they lead into each other: therapist (unless the page named one or the
 * practice has one) → session type → date and time → details → confirmation (or what a hold still
 * needs). Back goes one step up and keeps what was chosen and typed.
 */
export function bookingFlow(ctx: WidgetContext, therapistId: string | null, begin: FlowStart = {}): void {
  const draft = { values: { ...emptyValues(), ...begin.values }, ...(begin.proof ? { proof: begin.proof } : {}) } as Draft;
  let jumpTo = begin.sessionTypeId;
  let therapists: Therapist[] = [];
  let typesBack: (() => void) | null = null;

  function start() {
    // Nothing to name yet: a skeleton holds the space of the first step.
    ctx.show(h('div', { class: 'step', 'aria-busy': 'true' }, loadingLine(), h('div', { class: 'skeleton' }), h('div', { class: 'skeleton' })));
    void ctx.practice().catch(() => undefined); // needed on the form; ask early
    ctx.therapists().then(
      (list) => {
        therapists = list
          .map((t) => (begin.withoutAudience ? { ...t, sessionTypes: t.sessionTypes.filter((s) => s.audience !== begin.withoutAudience) } : t))
          .filter((t) => t.sessionTypes.length > 0);
        const named = therapistId ? therapists.find((t) => t.id === therapistId) : therapists.length === 1 ? therapists[0] : undefined;
        if (named) return types(named, null);
        if (therapistId || !therapists.length) return ctx.show(stepFrame(strings.bookTitle, null, h('p', null, strings.notConfigured), contactDetails(ctx)).el);
        chooseTherapist();
      },
      (error) => {
        const frame = stepFrame(strings.bookTitle, null);
        ctx.show(frame.el);
        frame.alert.fail(error, start);
      },
    );
  }

  function chooseTherapist() {
    ctx.show(therapistStep(therapists, (t) => types(t, chooseTherapist)));
  }

  function types(therapist: Therapist, back: (() => void) | null) {
    typesBack = back;
    const pick = (type: SessionType, first?: Promise<Slot | undefined>) => {
      if (draft.sessionType?.id !== type.id || draft.therapist?.id !== therapist.id) delete draft.slot;
      draft.therapist = therapist;
      draft.sessionType = type;
      // The times open on the month of the first opening (the zone-dated start carries the client's date).
      slots(undefined, undefined, undefined, first);
    };
    const again = jumpTo && therapist.sessionTypes.find((t) => t.id === jumpTo);
    jumpTo = undefined; // once: Back from the times shows the list
    if (again) {
      // As from the list of types: the times open on the month of the type's next opening.
      const today = todayIn(ctx.zone);
      return pick(again, ctx.api.availability(therapist.id, again.id, today, addDays(today, 61), ctx.zone).then((days) => days[0]?.slots[0]));
    }
    ctx.show(sessionTypeStep(ctx, therapist, back, pick));
  }

  function slots(month?: Month, date?: CalendarDate, error?: string, opening?: Promise<Slot | undefined>) {
    const type = draft.sessionType;
    ctx.show(
      slotPicker(ctx, {
        heading: strings.chooseTime,
        therapist: draft.therapist,
        sessionType: type,
        intro: appointmentSummary(ctx, type, undefined, draft.therapist),
        startMonth: month,
        startDate: date,
        ...(opening ? { opening } : {}),
        ...(error ? { error } : {}),
        onBack: () => types(draft.therapist, typesBack),
        onPick: (slot, day) => form(slot, day),
      }),
    );
  }

  function form(slot: Slot, date: CalendarDate) {
    draft.slot = slot;
    ctx.practice().then(
      (practice) =>
        ctx.show(
          bookingForm(ctx, draft, {
            practice,
            onBack: () => slots(monthOf(date), date),
            onBooked: done,
            onSlotTaken: () => slots(monthOf(date), date, strings.slotTaken),
          }),
        ),
      (error) => {
        const frame = stepFrame(strings.yourDetails, () => slots(monthOf(date), date));
        ctx.show(frame.el);
        frame.alert.fail(error, () => form(slot, date));
      },
    );
  }

  function done(booking: Booking, series?: Series, token?: string) {
    ctx.show(
      bookedView(ctx, booking, draft.sessionType, draft.therapist, series, () => {
        draft.values = emptyValues();
        delete draft.slot;
        delete draft.repeat;
        delete draft.proof;
        start();
      }, token),
    );
  }

  start();
}
