import { addDays, firstOfMonth, lastOfMonth, monthOf, weekday, type CalendarDate, type Month } from './calendar-date';
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

const ARROWS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * A month as a real table: weekday columns (locale-first), six week rows always (so the height never
 * jumps between months), a button per day. Days with openings are enabled and marked; the rest are
 * disabled. Every open day is reachable by Tab; arrow keys also move between open days.
 * The element persists across months so the month buttons keep focus while paging.
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
    { class: 'month', 'aria-labelledby': 'month-title', onkeydown: arrows },
    h('thead', null, h('tr', null, weekdayNames(firstDay).map((d) => h('th', { scope: 'col', abbr: d.long }, d.short)))),
    body,
  );
  const el = h('div', { class: 'cal' }, h('div', { class: 'cal-head' }, prev, title, next), table);
  let shown: Month = '';

  function update(s: MonthState) {
    shown = s.month;
    title.textContent = formatMonth(s.month);
    table.setAttribute('aria-busy', String(!s.open));
    const focused = (el.getRootNode() as ShadowRoot).activeElement;
    prev.disabled = !s.canPrev;
    next.disabled = !s.canNext;
    // A month button that just became disabled would drop focus to the page: hand it to its twin.
    if (focused === prev && prev.disabled && !next.disabled) next.focus();
    if (focused === next && next.disabled && !prev.disabled) prev.focus();
    const focusedDate = focused instanceof HTMLElement && body.contains(focused) ? focused.dataset.date : undefined;

    const first = firstOfMonth(s.month);
    let date = addDays(first, -((weekday(first) - firstDay + 7) % 7));
    const rows: HTMLTableRowElement[] = [];
    for (let week = 0; week < 6; week++) {
      const cells: HTMLTableCellElement[] = [];
      for (let i = 0; i < 7; i++, date = addDays(date, 1)) {
        const day = date; // the loop variable moves on; each button keeps its own date
        if (monthOf(day) !== s.month) {
          cells.push(h('td'));
          continue;
        }
        const open = !!s.open?.has(day);
        const label = formatDate(day, false);
        cells.push(
          h(
            'td',
            null,
            h(
              'button',
              {
                type: 'button',
                class: `day${open ? ' open' : ''}`,
                'data-date': day,
                disabled: !open,
                'aria-label': open ? strings.dayAvailable(label) : strings.dayUnavailable(label),
                'aria-pressed': open ? String(day === s.selected) : null,
                'aria-current': day === s.today ? 'date' : null,
                onclick: () => onSelect(day),
              },
              Number(day.slice(8)),
            ),
          ),
        );
      }
      rows.push(h('tr', null, cells));
    }
    body.replaceChildren(...rows);
    if (focusedDate) dayButton(focusedDate)?.focus();
  }

  const dayButton = (date: CalendarDate) => body.querySelector<HTMLButtonElement>(`button[data-date="${date}"]:not(:disabled)`);

  function arrows(event: KeyboardEvent) {
    const from = (event.target as HTMLElement).dataset?.date;
    const step = ARROWS[event.key];
    if (!from) return;
    let target: HTMLButtonElement | null = null;
    if (event.key === 'Home' || event.key === 'End') {
      const open = body.querySelectorAll<HTMLButtonElement>('button.open');
      target = open[event.key === 'Home' ? 0 : open.length - 1] ?? null;
    } else if (step) {
      // Walk in the arrow's direction to the nearest open day of this month.
      for (let d = addDays(from, step); d >= firstOfMonth(shown) && d <= lastOfMonth(shown) && !target; d = addDays(d, step > 0 ? 1 : -1)) target = dayButton(d);
    } else return;
    event.preventDefault();
    target?.focus();
  }

  return { el, update };
}
