import { ApiError, newIdempotencyKey, timedOut, type Booking, type BookingRequest, type Practice, type Repeat, type Series, type SessionType, type Slot, type Therapist } from './api-client';
import { h } from './dom';
import { appointmentSummary } from './appointment-summary';
import { suggestEmail } from './email-typos';
import { locale } from './format';
import { repeatChoice } from './repeat-choice';
import { alertBox, stepFrame } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

export interface FormValues { name: string; email: string; phone: string; partnerName: string; partnerEmail: string; note: string; policy: boolean }
type Key = keyof FormValues;

/** What the client has chosen and typed so far; it outlives the steps, so Back and a lost slot keep it. */
export interface Draft {
  therapist: Therapist;
  sessionType: SessionType;
  slot?: Slot;
  values: FormValues;
  /** A series chosen on a type with `repeat`; absent: one session. */
  repeat?: Repeat;
  /** "Book again": the manage token sent as Authorization, which proves the holder's address. */
  proof?: string;
  /** The Idempotency-Key of the current attempt and the exact body it was made for. */
  attempt?: { key: string; body: string };
}

export const emptyValues = (): FormValues => ({ name: '', email: '', phone: '', partnerName: '', partnerEmail: '', note: '', policy: false });

/** The server takes a form sent faster than this for a bot's (shared/abuse/honeypot.ts): the widget never sends one sooner. */
const MIN_FORM_MS = 2000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{5,30}$/; // the API's own rule, so the server never refuses what we let through
const RULES: Record<Key, (v: FormValues) => string | false> = {
  name: (v) => (!v.name.trim() || v.name.trim().length > 100) && strings.nameRequired,
  email: (v) => (!EMAIL.test(v.email.trim()) || v.email.trim().length > 254) && strings.emailInvalid,
  phone: (v) => !!v.phone.trim() && !PHONE.test(v.phone.trim()) && strings.phoneInvalid,
  partnerName: (v) => (!v.partnerName.trim() || v.partnerName.trim().length > 100) && strings.partnerNameRequired,
  partnerEmail: (v) => (!EMAIL.test(v.partnerEmail.trim()) || v.partnerEmail.trim().length > 254) && strings.partnerEmailInvalid,
  note: (v) => v.note.length > 1000 && strings.noteTooLong,
  policy: (v) => !v.policy && strings.policyRequired,
};
/** The API's field paths (`clients.1.email`) in terms of this form. */
const SERVER_PATHS: Record<string, Key> = {
  'clients.0.name': 'name', 'clients.0.email': 'email', 'clients.0.phone': 'phone',
  'clients.1.name': 'partnerName', 'clients.1.email': 'partnerEmail', note: 'note', policyAccepted: 'policy',
};

export interface BookingFormOptions {
  practice: Practice;
  onBack(): void;
  /** `token`: the booker's manage token (the confirmation's calendar file links to the booking with it). */
  onBooked(booking: Booking, series?: Series, token?: string): void;
  onSlotTaken(): void;
}

/**
 * The client's details, the cancellation policy and the booking request. Errors are linked to their
 * fields (aria-invalid, aria-describedby) and focus goes to the first one. One Idempotency-Key per
 * attempt: "Try again" after a lost answer re-sends the same key, so it can never book twice; a
 * changed slot or detail is a new attempt with a new key.
 */
export function bookingForm(ctx: WidgetContext, draft: Draft, o: BookingFormOptions): HTMLElement {
  const couples = draft.sessionType.kind === 'couples';
  const keys: Key[] = ['name', 'email', 'phone', ...(couples ? (['partnerName', 'partnerEmail'] as const) : []), 'note', 'policy'];
  const v = draft.values;
  const inputs = {} as Record<Key, HTMLInputElement | HTMLTextAreaElement>;
  const errors = {} as Record<Key, HTMLElement>;
  const hints: Partial<Record<Key, string>> = { note: 'bw-note-hint', policy: 'bw-policy-text' };
  let submitted = false;
  let busy = false;
  // Email typo hints ("Did you mean …?"), shown after the field is left; they never block booking.
  const suggestions: Partial<Record<Key, HTMLElement>> = {};

  function field(key: Exclude<Key, 'policy'>, label: string, attrs: Record<string, string | boolean>, hint?: string) {
    const id = `bw-${key}`;
    const tag = key === 'note' ? 'textarea' : 'input';
    const input = (inputs[key] = h(tag as 'input', { id, name: key, value: v[key], oninput: edited(key), ...attrs }));
    errors[key] = h('p', { id: `${id}-error`, class: 'field-error' });
    const typo = key === 'email' || key === 'partnerEmail' ? emailHint(key, input) : undefined;
    return h('div', { class: 'field' }, h('label', { for: id }, label), hint && h('p', { id: hints[key], class: 'hint' }, hint), input, typo, errors[key]);
  }

  /** A polite region under an email field, filled on leaving it when the domain looks mistyped. */
  function emailHint(key: 'email' | 'partnerEmail', input: HTMLInputElement) {
    const region = (suggestions[key] = h('div', { id: `bw-${key}-suggest`, class: 'hint suggest', 'aria-live': 'polite' }));
    let shown: string | undefined;
    const show = (meant: string | undefined) => {
      // Unchanged, left alone: the blur before a click on its button must not replace the button.
      if (meant === shown) return;
      shown = meant;
      region.replaceChildren(
        ...(meant
          ? [
              h('span', null, strings.didYouMean(meant), ' '),
              h('button', {
                type: 'button',
                class: 'link',
                onclick: () => {
                  input.value = meant;
                  edited(key)();
                  show(undefined);
                  input.focus();
                },
              }, strings.useSuggestion),
            ]
          : []),
      );
      setError(key, submitted && RULES[key](v));
    };
    input.addEventListener('blur', () => show(suggestEmail(input.value)));
    // A hint about what was typed before goes as soon as the address is edited.
    input.addEventListener('input', () => region.firstChild && show(undefined));
    return region;
  }

  function edited(key: Key) {
    return () => {
      const input = inputs[key];
      (v as any)[key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
      // Once the client has tried to submit, errors follow the typing, so a fixed field turns valid.
      if (submitted) setError(key, RULES[key](v));
    };
  }

  function setError(key: Key, message: string | false) {
    const input = inputs[key];
    errors[key]!.textContent = message || '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    const typo = suggestions[key]?.firstChild ? suggestions[key]!.id : undefined;
    const describedBy = [hints[key], typo, message && errors[key]!.id].filter(Boolean).join(' ');
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    else input.removeAttribute('aria-describedby');
  }

  const policyBox = (inputs.policy = h('input', { type: 'checkbox', id: 'bw-policy', name: 'policy', checked: v.policy, onchange: edited('policy') }));
  errors.policy = h('p', { id: 'bw-policy-error', class: 'field-error' });
  const submitAlert = alertBox();
  const submitButton = h('button', { type: 'submit', class: 'btn primary' }, strings.book);
  const repeat = draft.sessionType.repeat ? repeatChoice(ctx, draft) : undefined;
  // Decision 129: a field only a bot fills (off-screen, out of the tab order, hidden from assistive
  // technology, never autofilled), and when the form was shown, for the time it took to send it.
  const shownAt = Date.now();
  const honeypot = h('input', { id: 'bw-website', name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off', value: '' });
  const trap = h('div', { class: 'hp', 'aria-hidden': 'true' }, h('label', { for: 'bw-website' }, 'Website'), honeypot);

  const form = h(
    'form',
    { novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); void submit(); } },
    repeat?.el,
    trap,
    field('name', strings.name, { autocomplete: 'name', required: true, maxlength: '100' }),
    field('email', strings.email, { type: 'email', autocomplete: 'email', required: true, maxlength: '254' }),
    field('phone', strings.phone, { type: 'tel', autocomplete: 'tel', maxlength: '30' }),
    couples &&
      h(
        'fieldset',
        { 'aria-describedby': 'bw-partner-hint' },
        h('legend', null, strings.partner),
        h('p', { id: 'bw-partner-hint', class: 'hint' }, strings.partnerHint),
        field('partnerName', strings.partnerName, { autocomplete: 'off', required: true, maxlength: '100' }),
        field('partnerEmail', strings.partnerEmail, { type: 'email', autocomplete: 'off', required: true, maxlength: '254' }),
      ),
    field('note', strings.note, { rows: '3', maxlength: '1000' }, strings.noteHint),
    h(
      'fieldset',
      { class: 'policy' },
      h('legend', null, strings.policy),
      h('p', { id: 'bw-policy-text' }, o.practice.cancellationPolicy),
      h('div', { class: 'check' }, policyBox, h('label', { for: 'bw-policy' }, strings.acceptPolicy)),
      errors.policy,
    ),
    submitAlert.el,
    submitButton,
  );
  for (const key of keys) setError(key, false);

  const frame = stepFrame(strings.yourDetails, o.onBack, appointmentSummary(ctx, draft.sessionType, draft.slot!, draft.therapist), form);

  async function submit() {
    if (busy) return;
    submitted = true;
    const invalid = keys.filter((key) => {
      const message = RULES[key](v);
      setError(key, message);
      return message;
    });
    if (invalid.length) {
      inputs[invalid[0]!].focus();
      ctx.announce(strings.fixFields);
      return;
    }
    const client = (name: string, email: string, phone = '') => ({ name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) });
    const request: BookingRequest = {
      therapistId: draft.therapist.id,
      sessionTypeId: draft.sessionType.id,
      start: draft.slot!.start,
      timeZone: ctx.zone,
      clients: [client(v.name, v.email, v.phone), ...(couples ? [client(v.partnerName, v.partnerEmail)] : [])],
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
      policyAccepted: true,
      // The clock the client saw (and may have switched): their emails use the same (decision 110).
      locale: locale(),
      ...(draft.repeat && draft.sessionType.repeat ? { repeat: draft.repeat } : {}),
    };
    if (repeat && !repeat.firstFree()) return o.onSlotTaken();
    const body = JSON.stringify(request);
    if (draft.attempt?.body !== body) draft.attempt = { key: newIdempotencyKey(), body };

    setBusy(true);
    try {
      // A person who fills the form in under the minimum (autofill, then Enter) is held back, never taken for a bot.
      while (Date.now() - shownAt < MIN_FORM_MS) await new Promise((resolve) => setTimeout(resolve, MIN_FORM_MS - (Date.now() - shownAt)));
      // Outside the attempt's body: "Try again" is the same attempt, whatever the time (the server leaves both out of the key's request).
      const signals = { website: honeypot.value, formMs: Date.now() - shownAt };
      const { booking, series, manageToken } = await ctx.api.book({ ...request, ...signals }, draft.attempt.key, draft.proof);
      draft.attempt = undefined;
      o.onBooked(booking, series, manageToken);
    } catch (error) {
      setBusy(false);
      failed(error);
    }
  }

  function failed(error: unknown) {
    const code = error instanceof ApiError ? error.code : '';
    if (code === 'slot_unavailable') return o.onSlotTaken();
    if (code === 'validation_failed') {
      const known = (error as ApiError).fields.map((f) => SERVER_PATHS[f.path]).filter((k): k is Key => !!k && keys.includes(k));
      for (const key of known) setError(key, RULES[key](v) || strings.fixFields);
      if (known.length) return inputs[known[0]!].focus();
    }
    // The same key with another body is refused; the next attempt gets a fresh one.
    if (code === 'conflict') draft.attempt = undefined;
    // No answer in time: it may still have landed, which the same key makes harmless; say so.
    if (timedOut(error)) submitAlert.show(strings.bookingTimedOut, () => void submit());
    else submitAlert.fail(error, () => void submit());
    // Keyboard users land on "Try again"; while a rate limit holds it back, on the submit button.
    ((submitAlert.el.querySelector('button:not(:disabled)') as HTMLElement | null) ?? submitButton).focus();
  }

  function setBusy(on: boolean) {
    busy = on;
    form.setAttribute('aria-busy', String(on));
    // aria-disabled, not disabled: a disabled button would drop keyboard focus to the page.
    submitButton.setAttribute('aria-disabled', String(on));
    submitButton.replaceChildren(...(on ? [h('span', { class: 'spin', 'aria-hidden': 'true' }), strings.booking] : [strings.book]));
    if (on) {
      // "Try again" is about to vanish with the alert: keep keyboard focus on the form's button.
      if (submitAlert.el.contains((form.getRootNode() as ShadowRoot).activeElement)) submitButton.focus();
      submitAlert.clear();
      ctx.announce(strings.booking);
    }
  }

  return frame.el;
}
