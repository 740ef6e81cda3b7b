import type { Booking, Series, Slot, Therapist } from './api-client';
import { bookingForm, emptyValues, type Draft } from './booking-form';
import { monthOf, type CalendarDate, type Month } from './calendar-date';
import { confirmationView } from './confirmation-view';
import { h } from './dom';
import { sessionFacts } from './session-label';
import { sessionTypeStep } from './session-type-step';
import { slotPicker } from './slot-picker';
import { loadingLine, stepFrame } from './step-frame';
import { strings } from './strings';
import { therapistStep } from './therapist-step';
import type { WidgetContext } from './widget-context';

/**
 * The booking steps and how they lead into each other: therapist (unless the page named one or the
 * practice has one) → session type → date and time → details → confirmation. Back goes one step up
 * and keeps what was chosen and typed.
 */
export function bookingFlow(ctx: WidgetContext, therapistId: string | null): void {
  const draft = { values: emptyValues() } as Draft;
  let therapists: Therapist[] = [];
  let typesBack: (() => void) | null = null;

  function start() {
    // Nothing to name yet: a skeleton holds the space of the first step.
    ctx.show(h('div', { class: 'step', 'aria-busy': 'true' }, loadingLine(), h('div', { class: 'skeleton' }), h('div', { class: 'skeleton' })));
    void ctx.practice().catch(() => undefined); // needed on the form; ask early
    ctx.therapists().then(
      (list) => {
        therapists = list.filter((t) => t.sessionTypes.length > 0);
        const named = therapistId ? therapists.find((t) => t.id === therapistId) : therapists.length === 1 ? therapists[0] : undefined;
        if (named) return types(named, null);
        if (therapistId || !therapists.length) return ctx.show(stepFrame(strings.bookTitle, null, h('p', null, strings.notConfigured)).el);
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
    ctx.show(
      sessionTypeStep(ctx, therapist, back, (type, first) => {
        if (draft.sessionType?.id !== type.id || draft.therapist?.id !== therapist.id) delete draft.slot;
        draft.therapist = therapist;
        draft.sessionType = type;
        // The zone-dated start carries the client's date: open the month of the first opening.
        slots(first ? monthOf(first.start.slice(0, 10)) : undefined);
      }),
    );
  }

  function slots(month?: Month, date?: CalendarDate, error?: string) {
    const type = draft.sessionType;
    ctx.show(
      slotPicker(ctx, {
        heading: strings.chooseTime,
        therapist: draft.therapist,
        sessionType: type,
        intro: `${type.name} · ${sessionFacts(type, false)}`,
        startMonth: month,
        startDate: date,
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

  function done(booking: Booking, series?: Series) {
    ctx.show(
      confirmationView(ctx, booking, draft.sessionType, draft.therapist, series, () => {
        draft.values = emptyValues();
        delete draft.slot;
        delete draft.repeat;
        start();
      }),
    );
  }

  start();
}
