import { nextOccurrences, reasonInWords, ruleInWords } from '../../../widget/src/console/series-words';

// The rule as the console's series list says it, on the therapist's clock.
let index = 0;
const at = (start: string, status: 'booked' | 'skipped' | 'cancelled' = 'booked') => ({ index: index++, start, end: start, status });

describe('ruleInWords', () => {
  test('says the interval, the weekday and time on the therapist clock, and how it ends', () => {
    const occurrences = [at('2027-01-05T17:00:00+01:00'), at('2027-01-19T17:00:00+01:00')];
    expect(ruleInWords({ everyWeeks: 2, count: 10, occurrences }, 'Europe/Berlin')).toBe('every 2 weeks on Tuesday at 17:00, 10 sessions');
    expect(ruleInWords({ everyWeeks: 1, until: '2027-03-02', occurrences }, 'Europe/Berlin')).toBe('every week on Tuesday at 17:00, until March 2, 2027');
    expect(ruleInWords({ everyWeeks: 1, occurrences }, 'Europe/Berlin')).toBe('every week on Tuesday at 17:00, open-ended');
  });

  test('after a move the last occurrence gives the new weekday and time; across DST the wall time stays', () => {
    const occurrences = [at('2027-03-23T17:00:00+01:00'), at('2027-04-01T11:00:00+02:00')];
    expect(ruleInWords({ everyWeeks: 1, count: 2, occurrences }, 'Europe/Berlin')).toBe('every week on Thursday at 11:00, 2 sessions');
  });
});

test('next occurrences are booked ones not yet over; reasons are words', () => {
  const now = Date.parse('2027-01-10T00:00:00Z');
  const list = [at('2027-01-05T10:00:00Z'), at('2027-01-12T10:00:00Z', 'skipped'), at('2027-01-19T10:00:00Z'), at('2027-01-26T10:00:00Z', 'cancelled'), at('2027-02-02T10:00:00Z')];
  expect(nextOccurrences({ occurrences: list }, 3, now).map((o) => o.start)).toEqual(['2027-01-19T10:00:00Z', '2027-02-02T10:00:00Z']);
  expect(reasonInWords('time_off')).toBe('time off');
  expect(reasonInWords('override')).toBe('a day off');
  expect(reasonInWords('something_new')).toBe('something new');
});
