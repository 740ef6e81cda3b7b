import type { SessionType, Slot, Therapist } from './api-client';
import { addDays } from './calendar-date';
import { h } from './dom';
import { formatShortDateTime, todayIn } from './format';
import { contactDetails, fromPractice } from './practice-details';
import { sessionFacts } from './session-label';
import { stepFrame } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * The therapist's session types, each with its next opening: how soon one can be seen often decides
 * between them. The types show at once (they came with the therapist); each asks for the next 62
 * days (the API's limit) and fills in its "Next opening" line when its answer arrives, a polite
 * placeholder meanwhile. A failed answer leaves the line empty rather than holding anything up.
 * A type chosen before its answer came hands the pending answer on: the times open on its month.
 */
export function sessionTypeStep(
  ctx: WidgetContext,
  therapist: Therapist,
  onBack: (() => void) | null,
  onPick: (type: SessionType, first: Promise<Slot | undefined>) => void,
): HTMLElement {
  const today = todayIn(ctx.zone);
  const list = therapist.sessionTypes.length
    ? h(
        'ul',
        { class: 'choices' },
        therapist.sessionTypes.map((type) => {
          const line = h('span', { class: 'next-opening muted' }, strings.nextOpeningLoading);
          const first = ctx.api.availability(therapist.id, type.id, today, addDays(today, 61), ctx.zone).then((days) => days[0]?.slots[0]);
          first.then(
            (slot) => {
              line.classList.remove('muted');
              line.textContent = slot ? strings.nextOpening(formatShortDateTime(slot.start, ctx.zone)) : strings.noOpeningsSoon;
            },
            () => line.remove(),
          );
          return h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: 'choice', onclick: () => onPick(type, first) },
              h('span', { class: 'title' }, type.name),
              fromPractice(ctx, 'span', { class: 'facts' }, (practice) => sessionFacts(type, practice)),
              type.description && h('span', { class: 'desc' }, type.description),
              line,
            ),
          );
        }),
      )
    : h('div', null, h('p', null, strings.notConfigured), contactDetails(ctx));
  return stepFrame(strings.chooseSessionType, onBack, h('p', { class: 'muted' }, strings.with(therapist.displayName)), h('div', { class: 'choices-wrap' }, list)).el;
}
