import { h } from '../dom';
import { strings } from './strings';

interface Day {
  date: string;
  slots: { start: string; end: string }[];
}
interface Availability {
  timeZone: string;
  days: Day[];
}
/** `POST /v1/me/schedule/preview`: both lists in the proposed zone (decision 53). */
export interface PreviewAnswer {
  current: Availability;
  proposed: Availability;
}

/**
 * Next week per day: the times offered now beside the times the new rules would offer, with what
 * appears and what vanishes said in words and a sign (not by colour alone), and a summary line per
 * changed day ("Tuesday: 3 new times, 2 gone") that is also announced.
 */
export function renderPreview(answer: PreviewAnswer, dates: string[]): { element: HTMLElement; summary: string } {
  const zone = answer.proposed.timeZone;
  const time = new Intl.DateTimeFormat(strings.lang, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle });
  const dayName = new Intl.DateTimeFormat(strings.lang, { timeZone: 'UTC', weekday: 'long' });
  const dayLabel = new Intl.DateTimeFormat(strings.lang, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  const starts = (a: Availability, date: string) => (a.days.find((d) => d.date === date)?.slots ?? []).map((s) => s.start);
  const noon = (date: string) => Date.parse(`${date}T12:00:00Z`);

  const summaries: string[] = [];
  const cards = dates.map((date) => {
    const before = starts(answer.current, date);
    const after = starts(answer.proposed, date);
    const added = after.filter((s) => !before.includes(s));
    const gone = before.filter((s) => !after.includes(s));
    const summary = strings.daySummary(dayName.format(noon(date)), added.length, gone.length);
    if (added.length || gone.length) summaries.push(summary);
    const list = (items: string[], marked: string[], mark: 'new' | 'gone') =>
      items.length
        ? h('ul', { class: 'preview-times' }, items.map((s) => {
            const label = time.format(Date.parse(s));
            return marked.includes(s)
              ? h('li', { class: `slot-${mark}` }, h('span', { 'aria-hidden': 'true' }, mark === 'new' ? '+ ' : '− '), h(mark === 'new' ? 'ins' : 'del', null, label), ` (${mark === 'new' ? strings.previewNew : strings.previewGone})`)
              : h('li', null, label);
          }))
        : h('p', { class: 'muted' }, strings.previewNone);
    return h('section', { class: `preview-day${added.length || gone.length ? ' changed' : ''}`, 'aria-label': dayLabel.format(noon(date)) },
      h('h3', null, dayLabel.format(noon(date))),
      h('p', { class: 'preview-summary' }, summary),
      h('div', { class: 'preview-columns' },
        h('div', null, h('h4', null, strings.previewNow), list(before, gone, 'gone')),
        h('div', null, h('h4', null, strings.previewAfter), list(after, added, 'new')),
      ),
    );
  });
  const summary = summaries.length ? summaries.join('; ') + '.' : strings.previewNoChange;
  return {
    element: h('div', null, h('p', { class: 'preview-total' }, summary), h('div', { class: 'preview-grid' }, cards)),
    summary,
  };
}
