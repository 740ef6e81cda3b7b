import type { Day, SessionType, Slot, Therapist } from './api-client';
import { addMonths, firstOfMonth, lastOfMonth, monthOf, type CalendarDate, type Month } from './calendar-date';
import { h, type Child } from './dom';
import { firstDayOfWeek, formatDate, formatMonth, formatTime, todayIn } from './format';
import { monthView } from './month-view';
import { loadingLine, stepFrame } from './step-frame';
import { strings } from './strings';
import { detectedZone, zoneLabel } from './time-zones';
import { clockChoice, zonePicker } from './zone-picker';
import type { WidgetContext } from './widget-context';

export interface SlotPickerOptions {
  heading: string;
  therapist: Therapist;
  sessionType: SessionType;
  intro?: Child;
  startMonth?: Month | undefined;
  startDate?: CalendarDate | undefined;
  /** The type's next opening, perhaps still on its way: the month opens on it (unless paged first). */
  opening?: Promise<Slot | undefined>;
  /** An error to show on arrival (the slot was taken meanwhile). */
  error?: string;
  /** Rescheduling: the booking's own time, shown among the day's times as "Current", not offered. */
  current?: Slot;
  onBack(): void;
  onPick(slot: Slot, date: CalendarDate): void;
}

/** Booking horizons go up to 730 days; beyond that no month can have openings. */
const MAX_MONTHS_AHEAD = 24;

/**
 * The month grid and the chosen day's times, in the client's zone, for one session type. Used to
 * book and to reschedule. One availability request per month (≤ 31 days), cached per zone and month
 * for the life of the step, so paging back and forth costs nothing and a new step always starts fresh.
 * The month buttons stay enabled while a month loads: paging on cancels the loads no longer needed
 * (each month's request has its own AbortController), and only the last month asked for is drawn.
 */
export function slotPicker(ctx: WidgetContext, o: SlotPickerOptions): HTMLElement {
  const cache = new Map<string, Promise<Day[]>>();
  /** The requests still running, by cache key: an aborted one never settles, so it leaves the cache. */
  const running = new Map<string, AbortController>();
  const today = () => todayIn(ctx.zone);
  let month = o.startMonth && o.startMonth > monthOf(today()) ? o.startMonth : monthOf(today());
  let selected = o.startDate;
  let days: Day[] | null = null;
  let loads = 0;

  const calendar = monthView(firstDayOfWeek(), (delta) => {
    month = addMonths(month, delta);
    selected = undefined;
    frame.alert.clear();
    void showMonth();
  }, (date) => {
    selected = date;
    frame.alert.clear();
    drawMonth(true);
    drawSlots();
    const heading = slotsPanel.querySelector<HTMLElement>('h3');
    heading?.focus({ preventScroll: true });
    revealTimes();
  });

  // Only a chosen zone reloads the month; the 12/24-hour switch redraws the times from what is loaded.
  const zone = zonePicker({
    zone: () => ctx.zone,
    detected: detectedZone(),
    onCommit: (chosen) => {
      ctx.zone = chosen;
      void showMonth();
    },
    announce: ctx.announce,
  });
  const clock = clockChoice(() => {
    zone.refresh();
    drawSlots();
  });
  const monthNote = h('div', { class: 'month-note' });
  const slotsPanel = h('div', { class: 'slots-panel' });
  const frame = stepFrame(
    o.heading,
    o.onBack,
    o.intro && h('p', { class: 'muted' }, o.intro),
    h('div', { class: 'zone' }, h('label', { for: 'bw-zone' }, strings.timeZone), zone.el, clock),
    h('div', { class: 'picker' }, h('div', null, calendar.el, monthNote), slotsPanel),
  );

  function load(m: Month): Promise<Day[]> {
    const key = `${ctx.zone} ${m}`;
    let request = cache.get(key);
    if (!request) {
      // Past days have no openings: start the current month at today.
      const from = m === monthOf(today()) ? today() : firstOfMonth(m);
      const controller = new AbortController();
      running.set(key, controller);
      request = ctx.api.availability(o.therapist.id, o.sessionType.id, from, lastOfMonth(m), ctx.zone, controller.signal);
      cache.set(key, request);
      request.then(
        () => running.delete(key),
        () => {
          running.delete(key);
          cache.delete(key);
        },
      );
    }
    return request;
  }

  /** Cancels what the month now shown does not need (itself and the month after it, for "next"). */
  function cancelStale() {
    const wanted = [month, addMonths(month, 1)].map((m) => `${ctx.zone} ${m}`);
    for (const [key, controller] of running) {
      if (wanted.includes(key)) continue;
      controller.abort();
      running.delete(key);
      cache.delete(key);
    }
  }

  /**
   * On a phone the times are below the month: bring them into view, unless they already are (a
   * jump the client did not need is disorienting), and without animation if motion is unwanted.
   */
  function revealTimes() {
    const box = slotsPanel.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= window.innerHeight) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    slotsPanel.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  }

  let canNext = false;
  function drawMonth(loaded: boolean) {
    calendar.update({
      month,
      today: today(),
      open: loaded && days ? new Set(days.map((d) => d.date)) : null,
      selected,
      canPrev: month > monthOf(today()),
      // While loading, "next" stays available (so focus stays on it); the answer may then close it.
      canNext: loaded ? canNext : month < addMonths(monthOf(today()), MAX_MONTHS_AHEAD),
    });
  }

  function showLoading() {
    days = null;
    drawMonth(false);
    monthNote.replaceChildren(loadingLine(strings.loadingDates));
    drawSlots();
    ctx.announce(strings.loadingDates);
  }

  async function showMonth() {
    const mine = ++loads;
    cancelStale();
    showLoading();
    let result: Day[];
    let more: boolean;
    try {
      result = await load(month);
      // An empty future month is most likely past the horizon: look one month further before
      // offering "next", so a client is not sent paging through empty months.
      const last = addMonths(monthOf(today()), MAX_MONTHS_AHEAD);
      more = month < last && (result.length > 0 || month === monthOf(today()) || (await load(addMonths(month, 1)).then((d) => d.length > 0, () => true)));
    } catch (error) {
      if (mine !== loads) return;
      monthNote.replaceChildren();
      days = [];
      canNext = false;
      drawMonth(true);
      frame.alert.fail(error, () => {
        frame.alert.clear();
        void showMonth();
      });
      return;
    }
    if (mine !== loads) return;
    days = result;
    canNext = more;
    if (selected && monthOf(selected) !== month) selected = undefined;
    drawMonth(true);
    const none = days.length === 0;
    monthNote.replaceChildren(...(none ? [h('p', null, strings.noOpeningsInMonth(formatMonth(month)), ' ', canNext ? '' : strings.noLaterOpenings)] : []));
    drawSlots();
    ctx.announce(none ? strings.noOpeningsInMonth(formatMonth(month)) : formatMonth(month));
  }

  function drawSlots() {
    if (!selected) {
      slotsPanel.replaceChildren(h('p', { class: 'muted placeholder' }, strings.pickDay));
      return;
    }
    const label = formatDate(selected, false);
    const heading = h('h3', { tabindex: '-1', id: 'bw-slots-title' }, label);
    const zoneLine = h('p', { class: 'muted' }, `${strings.timesIn} ${zoneLabel(ctx.zone)}`);
    if (!days) {
      slotsPanel.replaceChildren(heading, zoneLine, loadingLine());
      return;
    }
    const slots = days.find((d) => d.date === selected)?.slots ?? [];
    const current = o.current && todayIn(ctx.zone, new Date(o.current.start)) === selected ? o.current : undefined;
    const listed = current ? [...slots.filter((s) => Date.parse(s.start) !== Date.parse(current.start)), current].sort((a, b) => Date.parse(a.start) - Date.parse(b.start)) : slots;
    slotsPanel.replaceChildren(
      heading,
      zoneLine,
      listed.length
        ? h(
            'ul',
            { class: 'slots', 'aria-labelledby': 'bw-slots-title' },
            listed.map((slot) =>
              slot === current
                ? h('li', null, h('span', { class: 'slot current' }, formatTime(slot.start, ctx.zone), ' ', h('span', { class: 'tag' }, strings.current)))
                : h('li', null, h('button', { type: 'button', class: 'slot', onclick: () => o.onPick(slot, selected!) }, formatTime(slot.start, ctx.zone))),
            ),
          )
        : h('p', null, strings.noTimesLeft),
    );
    ctx.announce(strings.timesCount(slots.length, label));
  }

  if (o.error) {
    const message = o.error;
    // Filled after the step is in the page: an alert that arrives with its text may go unread.
    setTimeout(() => frame.alert.show(message), 50);
  }
  if (o.opening && !o.startMonth) {
    // Loading until the next opening is known (its request is already running); a failure, or a
    // client who paged meanwhile, keeps the month it has.
    showLoading();
    const mine = loads;
    o.opening.then(
      (first) => {
        if (mine !== loads) return;
        if (first && monthOf(first.start.slice(0, 10)) > month) month = monthOf(first.start.slice(0, 10));
        void showMonth();
      },
      () => mine === loads && void showMonth(),
    );
  } else void showMonth();
  return frame.el;
}
