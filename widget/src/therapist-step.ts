import type { Therapist } from './api-client';
import { h } from './dom';
import { stepFrame } from './step-frame';
import { strings } from './strings';

/** The practice's therapists, when the page did not name one. */
export function therapistStep(therapists: Therapist[], onPick: (therapist: Therapist) => void): HTMLElement {
  return stepFrame(
    strings.chooseTherapist,
    null,
    h(
      'ul',
      { class: 'choices' },
      therapists.map((t) =>
        h('li', null, h('button', { type: 'button', class: 'choice', onclick: () => onPick(t) }, h('span', { class: 'title' }, t.displayName), t.bio && h('span', { class: 'desc' }, t.bio))),
      ),
    ),
  ).el;
}
