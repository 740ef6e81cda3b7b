import type { Booking, Series, SessionType, Therapist } from './api-client';
import { appointmentSummary } from './appointment-summary';
import { h } from './dom';
import { downloadIcs } from './ics-file';
import { seriesDates } from './series-dates';
import { stepFrame } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * The booked appointment, a calendar file, and what the client can expect from here on. For a series:
 * the dates booked and those skipped (with why), as the server booked them, not as the preview said.
 */
export function confirmationView(ctx: WidgetContext, booking: Booking, type: SessionType | undefined, therapist: Therapist | undefined, series: Series | undefined, onAnother: () => void, note?: string): HTMLElement {
  const booked = series?.occurrences.filter((o) => o.status === 'booked') ?? [];
  const skipped = series?.occurrences.filter((o) => o.status !== 'booked') ?? [];
  const frame = stepFrame(
    series ? strings.seriesBooked : strings.booked,
    null,
    note && h('p', null, note),
    appointmentSummary(type, booking, ctx.zone, therapist),
    series && [
      h('h3', null, strings.bookedDates(booked.length)),
      seriesDates(booked, ctx.zone),
      skipped.length > 0 && [h('h3', null, strings.skippedDates(skipped.length)), seriesDates(skipped, ctx.zone)],
    ],
    h('div', { class: 'actions' }, calendarButton(booking)),
    h('h3', null, strings.whatNext),
    h('ul', { class: 'next' }, h('li', null, strings.nextEmail(booking.clients.flatMap((c) => (c.email ? [c.email] : [])))), h('li', null, strings.nextReminders), h('li', null, strings.nextManage)),
    h('button', { type: 'button', class: 'btn secondary', onclick: onAnother }, strings.bookAnother),
  );
  return frame.el;
}

export function calendarButton(booking: Booking, className = 'btn primary'): HTMLButtonElement {
  const button: HTMLButtonElement = h(
    'button',
    { type: 'button', class: className, onclick: () => downloadIcs(button.getRootNode(), { bookingId: booking.id, start: booking.start, end: booking.end, summary: strings.calendarTitle }) },
    strings.addToCalendar,
  );
  return button;
}
