import type { SessionType, Slot, Therapist } from './api-client';
import { h } from './dom';
import { formatInstantDate, formatTimeRange } from './format';
import { fromPractice } from './practice-details';
import { sessionFacts } from './session-label';
import { strings } from './strings';
import { zoneLabel } from './time-zones';
import type { WidgetContext } from './widget-context';

/**
 * The therapist's photo, only from the page's own origin or the API's: an image from anywhere else
 * would tell that host who looked at a therapy booking page, and when. No referrer either; alt is
 * empty because the name stands beside it. A photo that fails to load simply goes.
 */
export function therapistPhoto(ctx: WidgetContext, therapist: Therapist | undefined): HTMLImageElement | null {
  if (!therapist?.photoUrl) return null;
  let origin: string;
  try {
    origin = new URL(therapist.photoUrl).origin;
  } catch {
    return null;
  }
  if (origin !== location.origin && origin !== ctx.apiOrigin) return null;
  const img = h('img', { class: 'photo', src: therapist.photoUrl, alt: '', referrerpolicy: 'no-referrer', width: '56', height: '56', onerror: () => img.remove() });
  return img;
}

/**
 * The summary panel, as Calendly has one: with whom (name, and photo when allowed), what (the type
 * once, then its length and where it takes place) and, once chosen, when in the client's zone. The
 * same block on the times, the form, the confirmation and a manage page.
 */
export function appointmentSummary(ctx: WidgetContext, type: SessionType | undefined, slot: Slot | undefined, therapist?: Therapist): HTMLElement {
  return h(
    'div',
    { class: 'summary' },
    therapist?.displayName && h('div', { class: 'who' }, therapistPhoto(ctx, therapist), h('p', null, strings.with(therapist.displayName))),
    type?.name && h('p', { class: 'what' }, h('strong', null, type.name)),
    type?.name && fromPractice(ctx, 'p', { class: 'facts' }, (practice) => sessionFacts(type, practice)),
    slot && [
      h('p', { class: 'when' }, h('strong', null, formatInstantDate(slot.start, ctx.zone)), h('br'), formatTimeRange(slot.start, slot.end, ctx.zone)),
      // The zone as people say it, with the offset in force at the appointment (not today's: DST).
      h('p', { class: 'muted' }, `${strings.timesIn} ${zoneLabel(ctx.zone, Date.parse(slot.start))}`),
    ],
  );
}
