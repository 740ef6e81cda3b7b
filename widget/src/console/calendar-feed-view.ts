import { h } from '../dom';
import { confirmDialog } from './confirm-dialog';
import { SignInNeeded } from './console-api';
import { FieldErrors, newId } from './form';
import { strings } from './strings';
import type { OpenView, ViewContext, ViewDefinition } from './views';

/**
 * The therapist's secret calendar subscription: the address to copy into a calendar app, what anyone
 * holding it sees (said as the feed really is: times and first names, nothing else), and a new
 * address on request, which ends the old one at once.
 */
export const calendarFeedView: ViewDefinition = {
  route: '#/calendar-feed',
  title: strings.calendarFeedTitle,
  area: 'therapist',
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const { url } = await ctx.api.get<{ url: string }>('/v1/me/calendar-feed');
    const errors = new FieldErrors();
    const field = h('input', { type: 'text', readonly: true, value: url, class: 'feed-url', spellcheck: 'false', autocomplete: 'off' });
    const copyButton = h('button', { type: 'button', class: 'primary', onclick: () => void copy() }, strings.copyUrl);
    const rotateButton = h('button', { type: 'button', class: 'danger', onclick: () => void rotate() }, strings.rotate);
    const containsId = newId('feed');

    async function copy(): Promise<void> {
      try {
        // Allowed only on a secure page with the user's gesture; otherwise the text is selected for them.
        await navigator.clipboard.writeText(field.value);
        ctx.announce(strings.copied);
      } catch {
        field.focus();
        field.select();
        ctx.announce(strings.copySelected);
      }
    }

    async function rotate(): Promise<void> {
      const { done } = confirmDialog({ host: element, title: strings.rotateTitle, message: strings.rotateWarning, confirmLabel: strings.confirmRotate });
      if (!(await done)) return;
      rotateButton.disabled = true;
      try {
        field.value = (await ctx.api.post<{ url: string }>('/v1/me/calendar-feed/rotate')).url;
        errors.clear();
        field.focus();
        field.select();
        ctx.announce(strings.rotated);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) errors.show(error);
      } finally {
        rotateButton.disabled = false;
      }
    }

    const element = h('div', { class: 'feed-view' },
      errors.summary,
      h('p', null, strings.feedExplained),
      h('p', { class: 'notice feed-warning', id: containsId }, strings.feedContains),
      errors.field('', strings.feedUrl, field),
      h('div', { class: 'actions' }, copyButton, rotateButton),
    );
    field.setAttribute('aria-describedby', `${containsId} ${field.getAttribute('aria-describedby') ?? ''}`.trim());
    return { element };
  },
};
