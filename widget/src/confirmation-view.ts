import type { Booking, Series, SessionType, Therapist } from './api-client';
import { calendarButton, calendarLinks } from './add-to-calendar';
import { appointmentSummary } from './appointment-summary';
import { h } from './dom';
import { seriesDates } from './series-dates';
import { stepFrame } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * The booked appointment, a calendar file or link, and what the client can expect from here on. For
 * a series: the dates booked and those skipped (with why), as the server booked them, not as the
 * preview said. `token`: the booker's manage token, for the manage link in the calendar file.
 */
export function confirmationView(ctx: WidgetContext, booking: Booking, type: SessionType | undefined, therapist: Therapist | undefined, series: Series | undefined, onAnother: () => void, note?: string, token?: string): HTMLElement {
  const booked = series?.occurrences.filter((o) => o.status === 'booked') ?? [];
  const skipped = series?.occurrences.filter((o) => o.status !== 'booked') ?? [];
  const frame = stepFrame(
    series ? strings.seriesBooked : strings.booked,
    null,
    note && h('p', null, note),
    appointmentSummary(ctx, type, booking, therapist),
    series && [
      h('h3', null, strings.bookedDates(booked.length)),
      seriesDates(booked, ctx.zone),
      skipped.length > 0 && [h('h3', null, strings.skippedDates(skipped.length)), seriesDates(skipped, ctx.zone)],
    ],
    // A series' calendar event (with its rule) comes by email: these would add the first date only.
    h('div', { class: 'actions' }, calendarButton(ctx, booking, type, token), !series && calendarLinks(ctx, booking, type)),
    h('h3', null, strings.whatNext),
    h('ul', { class: 'next' }, h('li', null, strings.nextEmail(booking.clients.flatMap((c) => (c.email ? [c.email] : [])))), h('li', null, strings.nextReminders), h('li', null, strings.nextManage)),
    h('button', { type: 'button', class: 'btn secondary', onclick: onAnother }, strings.bookAnother),
  );
  frame.el.classList.add('booked');
  return frame.el;
}
