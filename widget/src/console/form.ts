import { h, type Child } from '../dom';
import { ApiError } from './console-api';
import { strings } from './strings';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
let counter = 0;
/** A unique id for a label, hint or error to point at. */
export const newId = (prefix: string) => `${prefix}-${++counter}`;

/**
 * The field errors of one form. Each field registers the API path it edits (`bufferMinutes`,
 * `weekly.tue`); an error's path is shown at the field with the longest registered prefix of it
 * (`weekly.tue.1.end` at Tuesday's row), the rest in the form's summary, and focus goes to the
 * first field in error so a keyboard or screen-reader user lands on it.
 */
export class FieldErrors {
  private readonly fields = new Map<string, { control: Control | HTMLElement; error: HTMLElement }>();
  readonly summary = h('div', { class: 'form-error', role: 'alert', hidden: true });

  /** A label, the control, an optional hint, and the place its error appears, wired with ids. */
  field(path: string, label: Child, control: Control, hint?: Child): HTMLElement {
    control.id ||= newId('f');
    const error = this.register(path, control);
    const hintEl = hint ? h('p', { class: 'hint', id: newId('hint') }, hint) : undefined;
    control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), hintEl, control, error);
  }

  /** Registers a path shown in an error element of the caller's (for groups such as a weekday's row). */
  register(path: string, control: Control | HTMLElement): HTMLElement {
    const error = h('p', { class: 'field-error', id: newId('err'), hidden: true });
    this.fields.set(path, { control, error });
    return error;
  }

  clear(): void {
    this.summary.hidden = true;
    this.summary.replaceChildren();
    for (const { control, error } of this.fields.values()) {
      control.removeAttribute('aria-invalid');
      error.hidden = true;
      error.replaceChildren();
    }
  }

  /** Shows an error from the API (or any failure) where it belongs. */
  show(error: unknown): void {
    this.clear();
    const api = error instanceof ApiError ? error : undefined;
    const unplaced: string[] = [];
    let first: HTMLElement | undefined;
    for (const { path, message } of api?.fields ?? []) {
      const key = this.bestPath(path);
      const target = key === undefined ? undefined : this.fields.get(key);
      if (!target) {
        unplaced.push(path ? `${path}: ${message}` : message);
        continue;
      }
      target.control.setAttribute('aria-invalid', 'true');
      target.error.hidden = false;
      target.error.append(target.error.childNodes.length ? ` ${message}` : message);
      first ??= target.control;
    }
    const headline = !api ? strings.genericError : api.network ? strings.networkError : api.fields.length ? strings.checkFields : api.message || strings.genericError;
    if (!first || unplaced.length) {
      this.summary.hidden = false;
      this.summary.replaceChildren(h('p', null, headline), ...(unplaced.length ? [h('ul', null, unplaced.map((m) => h('li', null, m)))] : []));
    }
    if (!first) this.summary.setAttribute('tabindex', '-1');
    (first ?? this.summary).focus();
  }

  private bestPath(path: string): string | undefined {
    const parts = path.split('.');
    for (let n = parts.length; n > 0; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (this.fields.has(candidate)) return candidate;
    }
    return this.fields.has('') ? '' : undefined;
  }
}

export const numberInput = (value: number | undefined, attrs: { min?: number; max?: number; step?: number } = {}) =>
  h('input', { type: 'number', inputmode: 'numeric', value: value === undefined ? '' : String(value), ...attrs });

export const textInput = (value: string | undefined, attrs: Record<string, string | number | boolean> = {}) =>
  h('input', { type: 'text', value: value ?? '', ...attrs });

/** `''` → undefined, else a number (NaN left for the API to refuse with a field error). */
export const readNumber = (input: HTMLInputElement): number | undefined => (input.value.trim() === '' ? undefined : Number(input.value));
