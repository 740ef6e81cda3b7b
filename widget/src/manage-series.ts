import { ApiError, type Booking, type Occurrence, type Practice, type Series } from './api-client';
import { busyButton } from './busy-button';
import { h } from './dom';
import { formatShortDateTime } from './format';
import { contactDetails } from './practice-details';
import { seriesDates } from './series-dates';
import { alertBox, loadingLine, stepFrame, type AlertBox } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

export interface SeriesManage {
  booking: Booking;
  token: string;
  practice: Practice | undefined;
  /** Back to the appointment, read again (a cancelled series may have cancelled it). */
  reload(): void;
  back(): void;
  invalidLink(): void;
}

/**
 * `from` is a date in the therapist's zone (the rule's), which the widget may not know. The UTC date
 * 12 hours before the start is never after the occurrence's date in any zone (UTC−12 to UTC+14)
 * and lies days after the previous occurrence's (a week or more earlier), so it names exactly
 * this occurrence and the later ones.
 */
const fromDate = (start: string) => new Date(Date.parse(start) - 12 * 3_600_000).toISOString().slice(0, 10);

/**
 * The manage page's series: its upcoming dates (GET /v1/series/{id} with the same token), each
 * booked one with "cancel this and later" (POST …/cancel {from}). The late window is judged per
 * occurrence by the server (decision 60); the confirm step says beforehand what it will do to a
 * session inside it, the result says what stayed booked.
 */
export function seriesSection(ctx: WidgetContext, m: SeriesManage): HTMLElement {
  const section = h('section', { class: 'series', 'aria-labelledby': 'bw-series-h' }, h('h3', { id: 'bw-series-h' }, strings.yourSeries), loadingLine());
  const hours = m.practice?.lateCancellationHours;
  const late = (o: Occurrence) => hours !== undefined && Date.parse(o.start) - Date.now() < hours * 3_600_000;

  function render(series: Series) {
    const upcoming = series.occurrences.filter((o) => Date.parse(o.end) > Date.now());
    section.replaceChildren(
      section.firstChild!,
      seriesDates(upcoming, ctx.zone, (o) => [
        o.bookingId === m.booking.id && h('span', { class: 'muted' }, ` (${strings.thisOne})`),
        o.status === 'booked' &&
          Date.parse(o.start) > Date.now() &&
          h(
            'button',
            { type: 'button', class: 'btn secondary', 'aria-label': strings.cancelFromLabel(formatShortDateTime(o.start, ctx.zone)), onclick: () => confirm(series, o) },
            strings.cancelFrom,
          ),
      ]),
    );
  }

  function confirm(series: Series, from: Occurrence) {
    const ending = series.occurrences.filter((o) => o.status === 'booked' && Date.parse(o.start) >= Date.parse(from.start));
    const anyLate = ending.some(late);
    const yes = busyButton(strings.yesCancelSeries, strings.cancelling, async () => {
      let after: Series;
      try {
        after = await ctx.api.cancelSeries(series.id, m.token, fromDate(from.start));
      } catch (error) {
        return handle(error, frame.alert);
      }
      done(after, ending);
    }, 'btn danger');
    const frame = stepFrame(
      strings.confirmCancelSeries,
      m.back,
      seriesDates(ending, ctx.zone),
      m.practice && h('p', null, m.practice.cancellationPolicy),
      anyLate && h('p', null, h('strong', null, m.practice!.lateCancellationMode === 'refuse' ? strings.seriesLateRefused(hours!) : strings.seriesLateFlagged(hours!))),
      anyLate && m.practice!.lateCancellationMode === 'refuse' && contactDetails(ctx),
      // As for one appointment: keeping is the primary way out, cancelling the danger.
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'btn primary', onclick: m.back }, strings.keepSeries), yes),
    );
    ctx.show(frame.el);
  }

  function done(after: Series, asked: Occurrence[]) {
    const starts = new Set(asked.map((o) => o.start));
    const now = after.occurrences.filter((o) => starts.has(o.start));
    const kept = now.filter((o) => o.status === 'booked').length;
    ctx.show(
      stepFrame(
        strings.seriesCancelled,
        null,
        seriesDates(now, ctx.zone),
        kept > 0 && h('p', null, h('strong', null, strings.seriesKept(kept))),
        now.some((o) => o.status === 'cancelled') && h('p', null, strings.cancelledEmail),
        h('button', { type: 'button', class: 'btn secondary', onclick: m.reload }, strings.backToAppointment),
      ).el,
    );
  }

  function handle(error: unknown, alert: AlertBox) {
    if (error instanceof ApiError && !error.unreadable && error.status === 403) return m.invalidLink();
    alert.fail(error);
  }

  function load() {
    ctx.api.series(m.booking.seriesId!, m.token).then(render, (error) => {
      // The appointment itself stands without its series: the section says so and offers a retry.
      const alert = alertBox();
      section.replaceChildren(section.firstChild!, alert.el);
      alert.fail(error, () => (section.replaceChildren(section.firstChild!, loadingLine()), load()));
    });
  }
  load();
  return section;
}
