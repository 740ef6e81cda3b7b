import { publicPractice } from '../../../shared/admin/public-practice';
import { canonicalLocale, isWordingLocale } from '../../../shared/domain/locale';
import { DEFAULT_PRACTICE_SETTINGS, PracticeSettings } from '../../../shared/domain/practice-settings';

/** Issue 16: the practice's locale and public contact details, as settings accept them and clients see them. */
describe('the practice locale', () => {
  test.each(['en-US', 'en-GB', 'en', 'en-AU', 'en-US-u-hc-h23', 'en-GB-u-hc-h12', 'EN-gb'])('%s is an English locale the wording can use', (tag) => {
    expect(isWordingLocale(tag)).toBe(true);
    expect(PracticeSettings.safeParse({ ...DEFAULT_PRACTICE_SETTINGS, locale: tag }).success).toBe(true);
  });

  test.each(['de-DE', 'fr', 'xx-??', '', 'en_US_POSIX', 'not a locale'])('%j is refused: the wording is English', (tag) => {
    expect(isWordingLocale(tag)).toBe(false);
    const parsed = PracticeSettings.safeParse({ ...DEFAULT_PRACTICE_SETTINGS, locale: tag });
    expect(parsed.success).toBe(false);
    expect([...new Set(parsed.error?.issues.map((i) => i.path.join('.')))]).toEqual(['locale']);
  });

  test('tags are canonicalised, an invalid one is undefined', () => {
    expect(canonicalLocale('EN-gb')).toBe('en-GB');
    expect(canonicalLocale('en-us-u-hc-h23')).toBe('en-US-u-hc-h23');
    expect(canonicalLocale('not a locale')).toBeUndefined();
  });
});

describe('public contact details', () => {
  test('a phone and an email are accepted, each optional', () => {
    for (const contact of [{ phone: '+1 (207) 555-0100' }, { email: 'hello@practice.example' }, { phone: '0207 555 0100', email: 'a@b.example' }, {}]) {
      expect(PracticeSettings.safeParse({ ...DEFAULT_PRACTICE_SETTINGS, contact }).success).toBe(true);
    }
  });

  test.each([
    [{ phone: 'call me' }, 'contact.phone'],
    [{ phone: '12' }, 'contact.phone'],
    [{ phone: '+1 555\n0100' }, 'contact.phone'],
    [{ email: 'not-an-address' }, 'contact.email'],
  ])('%j is refused at %s', (contact, path) => {
    const parsed = PracticeSettings.safeParse({ ...DEFAULT_PRACTICE_SETTINGS, contact });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('what clients see of the practice', () => {
  test('address, contact and locale appear once set, and never the video link', () => {
    const shown = publicPractice({
      ...DEFAULT_PRACTICE_SETTINGS,
      address: '12 Elm St, Portland, ME',
      videoUrl: 'https://video.example/room-secret',
      contact: { phone: '+1 207 555 0100', email: 'hello@practice.example' },
      locale: 'en-US',
    });
    expect(shown).toMatchObject({ address: '12 Elm St, Portland, ME', contact: { phone: '+1 207 555 0100', email: 'hello@practice.example' }, locale: 'en-US' });
    expect(JSON.stringify(shown)).not.toContain('room-secret');
  });

  test('unset, they are absent rather than empty', () => {
    const shown = publicPractice({ ...DEFAULT_PRACTICE_SETTINGS, contact: {} });
    expect(shown).not.toHaveProperty('address');
    expect(shown).not.toHaveProperty('contact');
    expect(shown).not.toHaveProperty('locale');
  });
});
