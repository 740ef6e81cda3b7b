import type { Occurrence } from './api-client';
import { h, type Child } from './dom';
import { formatShortDateTime } from './format';
import { strings } from './strings';

/** An occurrence's state in words: free, booked, cancelled, or skipped with why. */
export function occurrenceState(o: Occurrence): string {
  if (o.status === 'skipped') return strings.skipped(strings.reasons[o.reason ?? ''] ?? strings.reasons.busy!);
  return o.status === 'free' ? strings.free : o.status === 'booked' ? strings.confirmed : strings.cancelled;
}

/**
 * The dates of a series as a list, each with its state in words (never by colour alone); `extra`
 * adds a control to a row (manage: "cancel this and later").
 */
export function seriesDates(occurrences: Occurrence[], zone: string, extra?: (o: Occurrence) => Child): HTMLUListElement {
  return h(
    'ul',
    { class: 'dates' },
    occurrences.map((o) =>
      h('li', { class: o.status }, h('span', null, formatShortDateTime(o.start, zone)), h('span', { class: 'state' }, occurrenceState(o)), extra?.(o)),
    ),
  );
}
