import type { SessionType, Slot, Therapist } from './api-client';
import { h } from './dom';
import { formatInstantDate, formatTimeRange } from './format';
import { sessionFacts } from './session-label';
import { strings } from './strings';

/** When, in which zone, what and with whom: the same block on the form, the confirmation and a manage page. */
export function appointmentSummary(type: SessionType | undefined, slot: Slot, zone: string, therapist?: Therapist): HTMLElement {
  return h(
    'div',
    { class: 'summary' },
    h('p', { class: 'when' }, h('strong', null, formatInstantDate(slot.start, zone)), h('br'), formatTimeRange(slot.start, slot.end, zone)),
    h('p', { class: 'muted' }, `${strings.timesIn} ${zone}`),
    type && h('p', null, `${type.name} · ${sessionFacts(type, false)}`),
    therapist && h('p', null, strings.with(therapist.displayName)),
  );
}
