import type { SessionType, Slot, Therapist } from './api-client';
import { addDays } from './calendar-date';
import { h } from './dom';
import { formatShortDateTime, todayIn } from './format';
import { contactDetails, fromPractice } from './practice-details';
import { sessionFacts } from './session-label';
import { loadingLine, stepFrame } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * The therapist's session types, each with its next opening: how soon one can be seen often decides
 * between them. One request per type for the next 62 days (the API's limit); the list appears once
 * they answered (or failed: then without openings), in space reserved by a skeleton.
 */
export function sessionTypeStep(ctx: WidgetContext, therapist: Therapist, onBack: (() => void) | null, onPick: (type: SessionType, first?: Slot) => void): HTMLElement {
  const list = h('div', { class: 'choices-wrap', 'aria-busy': 'true' }, loadingLine(), h('div', { class: 'skeleton' }), h('div', { class: 'skeleton' }));
  const frame = stepFrame(strings.chooseSessionType, onBack, h('p', { class: 'muted' }, strings.with(therapist.displayName)), list);
  const today = todayIn(ctx.zone);
  void Promise.all(
    therapist.sessionTypes.map((type) =>
      ctx.api.availability(therapist.id, type.id, today, addDays(today, 61), ctx.zone).then((days) => days[0]?.slots[0] ?? null, () => undefined),
    ),
  ).then((firsts) => {
    list.setAttribute('aria-busy', 'false');
    list.replaceChildren(
      therapist.sessionTypes.length
        ? h(
            'ul',
            { class: 'choices' },
            therapist.sessionTypes.map((type, i) => {
              const first = firsts[i];
              return h(
                'li',
                null,
                h(
                  'button',
                  { type: 'button', class: 'choice', onclick: () => onPick(type, first ?? undefined) },
                  h('span', { class: 'title' }, type.name),
                  fromPractice(ctx, 'span', { class: 'facts' }, (practice) => sessionFacts(type, practice)),
                  type.description && h('span', { class: 'desc' }, type.description),
                  first !== undefined && h('span', { class: 'next-opening' }, first ? strings.nextOpening(formatShortDateTime(first.start, ctx.zone)) : strings.noOpeningsSoon),
                ),
              );
            }),
          )
        : h('div', null, h('p', null, strings.notConfigured), contactDetails(ctx)),
    );
  });
  return frame.el;
}
