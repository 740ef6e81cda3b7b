import { effectiveLocale, formatTime, locale, localeClock, setClock, setLocale } from '../../../widget/src/format';
import { modernZone, offsetMinutes, searchZones, zoneEntries } from '../../../widget/src/time-zones';

describe('the effective locale', () => {
  test.each([
    ['en-GB', 'en-US', 'en-GB'], // the practice's wins over the page's
    [undefined, 'en-GB', 'en-GB'],
    [undefined, 'en', 'en'],
    [undefined, 'de-DE', 'en-US'], // a page in German: the words are English, so are the dates
    ['fr-FR', 'en-AU', 'en-AU'],
    [undefined, 'not a tag!', 'en-US'],
    [undefined, '', 'en-US'],
    ['en-US-u-hc-h23', 'en-GB', 'en-US-u-hc-h23'],
  ])('practice %p, page %p → %p', (practice, page, expected) => expect(effectiveLocale(practice, page)).toBe(expected));

  test('the clock follows the locale until the client switches, and is part of the locale sent', () => {
    expect(localeClock('en-US')).toBe('h12');
    expect(localeClock('en-GB')).toBe('h23');
    expect(localeClock('en-US-u-hc-h23')).toBe('h23');
    setLocale('en-GB');
    expect(locale()).toBe('en-GB-u-hc-h23');
    expect(formatTime('2027-01-06T13:00:00Z', 'UTC')).toBe('13:00');
    setClock('h12');
    expect(locale()).toBe('en-GB-u-hc-h12');
    expect(formatTime('2027-01-06T13:00:00Z', 'UTC')).toMatch(/^1:00\s?pm$/);
    setLocale('en-US-u-hc-h23');
    expect(locale()).toBe('en-US-u-hc-h23');
  });
});

describe('the zone list', () => {
  const now = Date.parse('2027-01-06T15:15:00Z');
  beforeAll(() => setLocale('en-GB'));

  test('one entry per name and January/July offsets, found by every city it covers, old names never shown', () => {
    const entries = zoneEntries(['Europe/Berlin'], now);
    expect(entries.length).toBeLessThan(300);
    const cet = searchZones(entries, 'berlin')[0]!;
    expect(cet.zone).toBe('Europe/Berlin');
    expect(cet.entry.offset).toBe('GMT+1');
    expect(searchZones(entries, 'paris')[0]).toEqual({ entry: cet.entry, zone: 'Europe/Paris' });
    const india = searchZones(entries, 'calcutta')[0]!;
    expect(india.zone).toBe(modernZone('Asia/Calcutta'));
    expect(searchZones(entries, 'kolkata')[0]!.entry).toBe(india.entry);
    expect(entries.flatMap((e) => e.zones)).not.toContain('Asia/Calcutta');
    expect(searchZones(entries, 'TOKYO')[0]!.zone).toBe('Asia/Tokyo');
    expect(searchZones(entries, 'zzzz')).toEqual([]);
  });

  test('the detected zone comes first', () => {
    const entries = zoneEntries(['Asia/Tokyo'], now);
    expect(searchZones(entries, '', 'Asia/Tokyo')[0]!.zone).toBe('Asia/Tokyo');
  });

  test('offsets read as minutes east of UTC', () => {
    expect(offsetMinutes('GMT')).toBe(0);
    expect(offsetMinutes('GMT+5:30')).toBe(330);
    expect(offsetMinutes('GMT-3')).toBe(-180);
    expect(offsetMinutes('GMT+13:45')).toBe(825);
  });
});
