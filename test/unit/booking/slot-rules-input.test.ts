import { applyLedgerChange, possibleDates, touchedDates } from '../../../shared/booking/slot-rules-input';

test('a booking touches every therapist-local date its blocked time covers', () => {
  // 23:00-00:20 in New York (UTC-5) is on two local dates.
  expect(touchedDates(new Date('2026-12-06T04:00:00Z'), new Date('2026-12-06T05:20:00Z'), 'America/New_York')).toEqual(['2026-12-05', '2026-12-06']);
  // Ending exactly at midnight stays on one date.
  expect(touchedDates(new Date('2026-12-06T03:00:00Z'), new Date('2026-12-06T05:00:00Z'), 'America/New_York')).toEqual(['2026-12-05']);
  // The 25-hour day of a DST change is still one date.
  expect(touchedDates(new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T04:59:00Z'), 'America/New_York')).toEqual(['2026-11-01']);
});

test('the zone-independent guess always contains the real dates', () => {
  const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Etc/GMT+12', 'Asia/Kathmandu', 'America/St_Johns', 'UTC', 'Australia/Lord_Howe'];
  for (let hour = 0; hour < 48; hour += 0.75) {
    const start = new Date(Date.parse('2026-03-28T00:00:00Z') + hour * 3600_000);
    const guess = possibleDates(start);
    for (const zone of zones) {
      const blockedUntil = new Date(start.getTime() + 12 * 3600_000); // the longest session plus buffer
      for (const date of touchedDates(start, blockedUntil, zone)) expect(guess).toContain(date);
    }
  }
});

test('a ledger change releases the old dates and claims the new ones, keeping the others', () => {
  const ledgers = new Map([
    ['2026-12-01', { date: '2026-12-01', version: 3, entries: [{ bookingId: 'a', start: 's1', end: 'e1' }, { bookingId: 'b', start: 's2', end: 'e2' }] }],
    ['2026-12-02', { date: '2026-12-02', version: 1, entries: [] }],
  ]);
  const changed = applyLedgerChange(ledgers, 'a', ['2026-12-01'], { dates: ['2026-12-02'], start: 'n1', end: 'n2' });
  expect(changed).toEqual([
    { date: '2026-12-01', version: 3, entries: [{ bookingId: 'b', start: 's2', end: 'e2' }] },
    { date: '2026-12-02', version: 1, entries: [{ bookingId: 'a', start: 'n1', end: 'n2' }] },
  ]);
});
