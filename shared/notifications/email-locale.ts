import type { PracticeSettings } from '../domain/practice-settings';
import { canonicalLocale, isWordingLocale } from '../domain/locale';

/**
 * Which locale an email writes its dates and times in (issue 16: one locale and one clock in
 * widget and emails). The wording stays English; only dates and the 12/24-hour clock follow it.
 *
 * - A client's email: the locale their booking (or series) was made with — the widget sends its
 *   effective locale with a `-u-hc-h12|h23` extension, so the client reads the clock they chose —
 *   else the practice's, else en-US.
 * - A therapist's email: the practice's locale, else en-US (the console's own language is 'en').
 *
 * Anything that is not an English tag (a stored value from before validation, say) falls through
 * to the next choice rather than fail to send.
 */
export const DEFAULT_EMAIL_LOCALE = 'en-US';

function usable(tag: string | undefined): string | undefined {
  return tag !== undefined && isWordingLocale(tag) ? canonicalLocale(tag) : undefined;
}

export function therapistEmailLocale(settings: Pick<PracticeSettings, 'locale'>): string {
  return usable(settings.locale) ?? DEFAULT_EMAIL_LOCALE;
}

export function clientEmailLocale(own: string | undefined, settings: Pick<PracticeSettings, 'locale'>): string {
  return usable(own) ?? therapistEmailLocale(settings);
}

/** The HTML `lang` of an email: the language and region of its locale, without the clock extension. */
export function htmlLang(locale: string): string {
  try {
    return new Intl.Locale(locale).baseName;
  } catch {
    return 'en';
  }
}
