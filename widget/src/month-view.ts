import { addDays, addMonths, firstOfMonth, lastOfMonth, monthOf, weekday, type CalendarDate, type Month } from './calendar-date';
import { h } from './dom';
import { formatDate, formatMonth, weekdayNames } from './format';
import { strings } from './strings';

export interface MonthState {
  month: Month;
  today: CalendarDate;
  /** Dates with openings; null while the month is loading. */
  open: Set<CalendarDate> | null;
  selected?: CalendarDate | undefined;
  canPrev: boolean;
  canNext: boolean;
}

const maxDate = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);
const minDate = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);
const ARROWS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/** The weeks (rows) a month needs, 4 to 6, from its first weekday column. */
export function weeksOf(month: Month, firstDay: number): CalendarDate[][] {
  const first = firstOfMonth(month);
  const last = lastOfMonth(month);
  const weeks: CalendarDate[][] = [];
  for (let date = addDays(first, -((weekday(first) - firstDay + 7) % 7)); date <= last; ) {
    const week: CalendarDate[] = [];
    for (let i = 0; i < 7; i++, date = addDays(date, 1)) week.push(date);
    weeks.push(week);
  }
  return weeks;
}

/**
 * A month as a real table: weekday columns (locale-first), only the week rows the month needs (a
 * fixed six left dead space above the times on a phone), a button per day. The grid is one Tab stop
 * (a roving tabindex, as the APG date grid): the selected day, else the first open one; arrows move
 * by day and week, Home/End to the week's start and end, PageUp/PageDown by month (crossing a month's
 * edge pages too). Days without openings stay focusable but say "no openings" and do nothing
 * (aria-disabled), so arrows move predictably and a screen reader hears the whole month.
 * The element persists across months, and the month buttons are never disabled while a month loads,
 * so focus stays where it was while paging.
 */
export function monthView(firstDay: number, onMonth: (delta: number) => void, onSelect: (date: CalendarDate) => void) {
  const title = h('h3', { class: 'month-title', id: 'month-title', 'aria-live': 'polite' });
  const nav = (delta: number, label: string, glyph: string) =>
    h('button', { type: 'button', class: 'nav', 'aria-label': label, onclick: () => onMonth(delta) }, h('span', { 'aria-hidden': 'true' }, glyph));
  const prev = nav(-1, strings.previousMonth, '‹');
  const next = nav(1, strings.nextMonth, '›');
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'month', 'aria-labelledby': 'month-title', onkeydown: keys },
    h('thead', null, h('tr', null, weekdayNames(firstDay).map((d) => h('th', { scope: 'col', abbr: d.long }, d.short)))),
    body,
  );
  const el = h('div', { class: 'cal' }, h('div', { class: 'cal-head' }, prev, title, next), table);
  let state: MonthState | undefined;
  /** A day the keyboard moved to in a month still being drawn: focused once it is. */
  let pendingFocus: CalendarDate | undefined;

  function update(s: MonthState) {
    state = s;
    title.textContent = formatMonth(s.month);
    table.setAttribute('aria-busy', String(!s.open));
    const focused = (el.getRootNode() as ShadowRoot).activeElement;
    prev.disabled = !s.canPrev;
    next.disabled = !s.canNext;
    // A month button that just became disabled would drop focus to the page: hand it to its twin.
    if (focused === prev && prev.disabled && !next.disabled) next.focus();
    if (focused === next && next.disabled && !prev.disabled) prev.focus();
    const focusedDate = focused instanceof HTMLElement && body.contains(focused) ? focused.dataset.date : undefined;

    const rows = weeksOf(s.month, firstDay).map((week) =>
      h(
        'tr',
        null,
        week.map((day) => {
          if (monthOf(day) !== s.month) return h('td');
          const open = !!s.open?.has(day);
          const label = formatDate(day, false);
          return h(
            'td',
            null,
            h(
              'button',
              {
                type: 'button',
                class: `day${open ? ' open' : ''}`,
                'data-date': day,
                tabindex: '-1',
                'aria-disabled': open ? null : 'true',
                'aria-label': open ? strings.dayAvailable(label) : strings.dayUnavailable(label),
                'aria-pressed': open ? String(day === s.selected) : null,
                'aria-current': day === s.today ? 'date' : null,
                onclick: () => open && onSelect(day),
              },
              Number(day.slice(8)),
            ),
          );
        }),
      ),
    );
    body.replaceChildren(...rows);
    // Focus follows only if it was in the grid: a client who moved on meanwhile keeps their place.
    if (!focusedDate) pendingFocus = undefined;
    const want = pendingFocus && monthOf(pendingFocus) === s.month ? pendingFocus : focusedDate;
    const stop = (want && dayButton(want)) || (s.selected && dayButton(s.selected)) || body.querySelector<HTMLButtonElement>('button.open') || body.querySelector<HTMLButtonElement>('button');
    stop?.setAttribute('tabindex', '0');
    if (want && stop) {
      stop.focus();
      if (s.open) pendingFocus = undefined;
    }
  }

  const dayButton = (date: CalendarDate) => body.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);

  function move(to: CalendarDate) {
    const s = state!;
    const delta = (Number(to.slice(0, 4)) - Number(s.month.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(s.month.slice(5, 7));
    if (delta === 0) {
      body.querySelector('button[tabindex="0"]')?.setAttribute('tabindex', '-1');
      const target = dayButton(to)!;
      target.setAttribute('tabindex', '0');
      target.focus();
      return;
    }
    if ((delta < 0 && !s.canPrev) || (delta > 0 && !s.canNext)) return;
    pendingFocus = to;
    onMonth(delta);
  }

  function keys(event: KeyboardEvent) {
    const from = (event.target as HTMLElement).dataset?.date;
    if (!from) return;
    const step = ARROWS[event.key];
    const column = (weekday(from) - firstDay + 7) % 7;
    let to: CalendarDate;
    if (step) to = addDays(from, step);
    // The week's start and end, within this month (the days of the months around it are blank).
    else if (event.key === 'Home') to = maxDate(addDays(from, -column), firstOfMonth(monthOf(from)));
    else if (event.key === 'End') to = minDate(addDays(from, 6 - column), lastOfMonth(monthOf(from)));
    else if (event.key === 'PageUp' || event.key === 'PageDown') {
      // The same day of the other month, or its last day if it has fewer.
      const month = addMonths(monthOf(from), event.key === 'PageUp' ? -1 : 1);
      const last = lastOfMonth(month);
      to = `${month}-${from.slice(8)}` > last ? last : `${month}-${from.slice(8)}`;
    } else return;
    event.preventDefault();
    move(to);
  }

  return { el, update };
}
