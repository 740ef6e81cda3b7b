import * as z from '../validation/zod';

/** The languages the wording (emails, widget) is written in. */
export const WORDING_LANGUAGES = ['en'] as const;

/** The canonical form of a BCP 47 tag, or undefined when it is not one. */
export function canonicalLocale(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** A locale the wording can be written in: a valid BCP 47 tag whose language is English. */
export function isWordingLocale(tag: string): boolean {
  const canonical = canonicalLocale(tag);
  return canonical !== undefined && (WORDING_LANGUAGES as readonly string[]).includes(new Intl.Locale(canonical).language);
}

export const EnglishLocale = z.string().check(
  z.trim(),
  z.minLength(2),
  z.maxLength(35),
  z.refine((tag: string) => isWordingLocale(tag), 'an English BCP 47 locale such as en-US or en-GB (the wording is English)'),
);
