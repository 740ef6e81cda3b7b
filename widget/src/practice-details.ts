import type { Practice } from './api-client';
import { h, type Child } from './dom';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * An element drawn from the public practice: at once without it, then again when it arrives (it is
 * asked for as the widget starts, so usually at once). A failed request leaves the first drawing:
 * the words alone, never an error, since what is drawn here only adds to a step.
 */
export function fromPractice<K extends keyof HTMLElementTagNameMap>(ctx: WidgetContext, tag: K, attrs: Record<string, string> | null, draw: (practice?: Practice) => Child): HTMLElementTagNameMap[K] {
  const el = h(tag, attrs);
  const fill = (practice?: Practice) => {
    el.replaceChildren(...h('span', null, draw(practice)).childNodes);
    el.hidden = !el.hasChildNodes();
  };
  fill();
  ctx.practice().then(fill, () => undefined);
  return el;
}

/** `tel:` wants the number alone: digits and a leading +, without the spaces and brackets people write. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/**
 * How to reach the practice, shown after every sentence that sends a client to it ("Please contact
 * the practice"): the phone as a `tel:` link and the email as a `mailto:` link, each only when set;
 * with neither, nothing (the sentence stands alone, as before contact details existed).
 */
export const contactDetails = (ctx: WidgetContext) =>
  fromPractice(ctx, 'p', { class: 'contact' }, (practice) => {
    const { phone, email } = practice?.contact ?? {};
    if (!phone && !email) return null;
    return [
      phone && [`${strings.contactPhone}: `, h('a', { href: telHref(phone) }, phone)],
      phone && email && ' · ',
      email && [`${strings.contactEmail}: `, h('a', { href: `mailto:${email}` }, email)],
    ];
  });
