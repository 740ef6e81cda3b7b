import { ApiError } from './api-client';
import { h, type Child } from './dom';
import { strings } from './strings';

export interface AlertBox {
  el: HTMLElement;
  /** Shows an error; with `retry`, a "Try again" button (held back for a 429's Retry-After); `extra` after the text (contact details). */
  show(message: string, retry?: () => void, waitSeconds?: number, extra?: Child): void;
  /** Shows the right message for a failed API call. */
  fail(error: unknown, retry?: () => void): void;
  clear(): void;
}

/**
 * The frame of every step: an optional Back button, a heading that takes focus when the step opens
 * (tabindex -1), and an assertive alert region that is in the DOM before any error is put in it,
 * which is what makes screen readers announce it.
 */
export function stepFrame(heading: string, onBack: (() => void) | null, ...content: Child[]) {
  const alert = alertBox();
  const el = h(
    'section',
    { class: 'step' },
    onBack && h('button', { type: 'button', class: 'back', onclick: onBack }, h('span', { 'aria-hidden': 'true', class: 'chev' }, '‹'), strings.back),
    h('h2', { tabindex: '-1', 'data-heading': true }, heading),
    alert.el,
    content,
  );
  return { el, alert };
}

export function alertBox(): AlertBox {
  const el = h('div', { role: 'alert', class: 'alert' });
  let timer = 0;
  const box: AlertBox = {
    el,
    show(message, retry, waitSeconds = 0, extra) {
      clearTimeout(timer);
      const text = h('p', null, message);
      el.replaceChildren(text);
      if (extra) el.append(h('div', null, extra));
      if (!retry) return;
      const button = h('button', { type: 'button', class: 'btn secondary', onclick: () => !button.disabled && retry() }, strings.tryAgain);
      el.append(button);
      if (waitSeconds > 0) {
        // One update when the wait is over, not a countdown: every change of an alert is read aloud.
        button.disabled = true;
        timer = window.setTimeout(() => {
          text.textContent = strings.rateLimited(0);
          button.disabled = false;
        }, waitSeconds * 1000);
      }
    },
    fail(error, retry) {
      // A practice's limit (issue 17) holds for an hour or a day: the service's own words say which, with no retry button.
      if (error instanceof ApiError && error.status === 429 && error.retryAfterSeconds > LONG_WAIT_SECONDS) box.show(error.message || strings.genericError);
      else if (error instanceof ApiError && error.status === 429) box.show(strings.rateLimited(error.retryAfterSeconds), retry, error.retryAfterSeconds);
      else if (error instanceof ApiError && error.network) box.show(strings.networkError, retry);
      // An answer the service did not write (a gateway's timeout or error page): it says nothing to refuse on.
      else if (error instanceof ApiError && error.unreadable) box.show(strings.genericError, retry);
      // A refusal (4xx) would only be refused again: say why, offer no retry.
      else if (error instanceof ApiError && error.status < 500) box.show(error.message || strings.genericError);
      else box.show(strings.genericError, retry);
    },
    clear() {
      clearTimeout(timer);
      el.replaceChildren();
    },
  };
  return box;
}

/** Longer than this, a 429 is a limit, not a crowd: waiting on the page would not help. */
const LONG_WAIT_SECONDS = 120;

/** A loading line with a spinner; the spinner is decoration, the text is what is announced. */
export const loadingLine = (text: string = strings.loading) =>
  h('p', { class: 'loading' }, h('span', { class: 'spin', 'aria-hidden': 'true' }), text);
