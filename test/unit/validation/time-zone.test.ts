import { IANAZone } from 'luxon';
import { isIanaZone } from '../../../shared/time/time-zone';

test('IANA names pass; offsets, inventions and empty names do not', () => {
  for (const name of ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kathmandu']) expect(isIanaZone(name)).toBe(true);
  for (const name of ['UTC+3', 'GMT-05:00', '+02:00', 'Mars/Olympus_Mons', '']) expect(isIanaZone(name)).toBe(false);
});

// Every availability request validates its time zone: luxon checks a name by building an Intl
// formatter (about 0.2 ms, most of a request's validation), so a name found valid is not checked again.
test('a name found valid is checked with Intl once, an invalid one every time', () => {
  const check = jest.spyOn(IANAZone, 'isValidZone');
  try {
    for (let i = 0; i < 5; i++) expect(isIanaZone('Pacific/Chatham')).toBe(true);
    expect(check.mock.calls.filter(([n]) => n === 'Pacific/Chatham')).toHaveLength(1);
    for (let i = 0; i < 2; i++) expect(isIanaZone('Nowhere/Atlantis')).toBe(false);
    expect(check.mock.calls.filter(([n]) => n === 'Nowhere/Atlantis')).toHaveLength(2);
  } finally {
    check.mockRestore();
  }
});
