import * as api from '../../../shared/http/api-schemas';
import { checkClientRepeat } from '../../../shared/series/client-repeat';
import { checkSeriesEnd } from '../../../shared/series/my-series';
import { DomainError } from '../../../shared/errors/domain-errors';

/** The field paths a schema reports for a value, or [] when it accepts it. */
const paths = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error!.issues.map((i) => i.path.map(String).join('.'));
};
const thrown = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('did not throw');
};

const type = { name: 'Individual', kind: 'individual', durationMinutes: 50, modality: 'in_person' };

describe('SessionType repeat', () => {
  test.each([
    [{ everyWeeks: [1, 2], maxCount: 12 }],
    [{ everyWeeks: [4], maxCount: 2 }],
    [{ everyWeeks: [1, 2, 3, 4], maxCount: 52 }],
  ])('accepts %j', (repeat) => {
    expect(paths(api.SessionTypeBody, { ...type, repeat })).toEqual([]);
    expect(paths(api.SessionTypeUpdateBody, { ...type, repeat })).toEqual([]);
  });

  test.each([
    [{ everyWeeks: [], maxCount: 12 }, 'repeat.everyWeeks'],
    [{ everyWeeks: [0], maxCount: 12 }, 'repeat.everyWeeks.0'],
    [{ everyWeeks: [1, 5], maxCount: 12 }, 'repeat.everyWeeks.1'],
    [{ everyWeeks: [1.5], maxCount: 12 }, 'repeat.everyWeeks.0'],
    [{ everyWeeks: [2, 2], maxCount: 12 }, 'repeat.everyWeeks'],
    [{ everyWeeks: [1], maxCount: 1 }, 'repeat.maxCount'],
    [{ everyWeeks: [1], maxCount: 53 }, 'repeat.maxCount'],
    [{ everyWeeks: [1] }, 'repeat.maxCount'],
    [{ maxCount: 4 }, 'repeat.everyWeeks'],
    ['weekly', 'repeat'],
  ])('refuses %j at %s', (repeat, path) => {
    expect(paths(api.SessionTypeBody, { ...type, repeat })).toContain(path);
  });

  test('the public session type shows repeat', () => {
    const parsed = api.PublicSessionType.parse({ id: 'x', ...type, repeat: { everyWeeks: [1, 2], maxCount: 12 } });
    expect(parsed.repeat).toEqual({ everyWeeks: [1, 2], maxCount: 12 });
  });
});

describe('POST /v1/bookings repeat', () => {
  const booking = {
    therapistId: 'dr-x', sessionTypeId: 'individual-50', start: '2027-01-05T17:00:00Z', timeZone: 'Europe/Berlin',
    clients: [{ name: 'A B', email: 'a@example.test' }], policyAccepted: true,
  };
  test('is optional, and takes everyWeeks 1–4 and count 2–52', () => {
    expect(paths(api.CreateBookingBody, booking)).toEqual([]);
    expect(paths(api.CreateBookingBody, { ...booking, repeat: { everyWeeks: 2, count: 6 } })).toEqual([]);
  });
  test.each([
    [{ everyWeeks: 5, count: 6 }, 'repeat.everyWeeks'],
    [{ everyWeeks: 0, count: 6 }, 'repeat.everyWeeks'],
    [{ everyWeeks: '1', count: 6 }, 'repeat.everyWeeks'],
    [{ everyWeeks: 1, count: 1 }, 'repeat.count'],
    [{ everyWeeks: 1, count: 53 }, 'repeat.count'],
    [{ everyWeeks: 1 }, 'repeat.count'],
    [{ count: 3 }, 'repeat.everyWeeks'],
  ])('refuses %j at %s', (repeat, path) => {
    expect(paths(api.CreateBookingBody, { ...booking, repeat })).toEqual([path]);
  });

  test("values the session type does not allow are 400s with the field's path", () => {
    const allowed = { repeat: { everyWeeks: [1, 2], maxCount: 12 } };
    expect(() => checkClientRepeat(allowed, { everyWeeks: 2, count: 12 })).not.toThrow();
    for (const [type, repeat, path] of [
      [{}, { everyWeeks: 1, count: 2 }, 'repeat'],
      [allowed, { everyWeeks: 3, count: 2 }, 'repeat.everyWeeks'],
      [allowed, { everyWeeks: 1, count: 13 }, 'repeat.count'],
    ] as const) {
      const error = thrown(() => checkClientRepeat(type, repeat));
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('validation_failed');
      expect(error.fields?.map((f) => f.path)).toEqual([path]);
    }
  });
});

describe("the therapist's series bodies", () => {
  const body = {
    sessionTypeId: 'individual-50', start: '2027-01-05T17:00:00Z', timeZone: 'America/New_York',
    clients: [{ name: 'A B', email: 'a@example.test' }], everyWeeks: 1,
  };
  test('open-ended, counted or until a date', () => {
    expect(paths(api.CreateSeriesBody, body)).toEqual([]);
    expect(paths(api.CreateSeriesBody, { ...body, count: 52, note: 'x' })).toEqual([]);
    expect(paths(api.CreateSeriesBody, { ...body, until: '2027-06-30' })).toEqual([]);
  });
  test.each([
    ['everyWeeks', { everyWeeks: 5 }],
    ['everyWeeks', { everyWeeks: undefined }],
    ['count', { count: 53 }],
    ['count', { count: 0 }],
    ['until', { until: '2027-02-30' }],
    ['until', { until: '30.6.2027' }],
    ['start', { start: '2027-01-05 17:00' }],
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['clients', { clients: [] }],
    ['sessionTypeId', { sessionTypeId: 'Not A Slug' }],
    ['note', { note: 'x'.repeat(1001) }],
  ])('refuses a body bad at %s', (path, change) => {
    expect(paths(api.CreateSeriesBody, { ...body, ...change })).toContain(path);
  });
  test('count and until together are refused at until', () => {
    expect(thrown(() => checkSeriesEnd({ count: 4, until: '2027-06-30' })).fields).toEqual([{ path: 'until', message: expect.any(String) }]);
    expect(() => checkSeriesEnd({ count: 4 })).not.toThrow();
  });
  test('end needs a date; reschedule a date and an instant; cancel takes an optional date', () => {
    expect(paths(api.EndSeriesBody, {})).toEqual(['from']);
    expect(paths(api.EndSeriesBody, { from: '2027-02-01' })).toEqual([]);
    expect(paths(api.RescheduleSeriesBody, { from: '2027-02-01' })).toEqual(['start']);
    expect(paths(api.RescheduleSeriesBody, { from: '2027-02-01', start: '2027-02-03T16:00:00Z' })).toEqual([]);
    expect(paths(api.CancelSeriesBody, {})).toEqual([]);
    expect(paths(api.CancelSeriesBody, { from: 'tomorrow' })).toEqual(['from']);
  });
  test('series ids in paths are short and URL-safe', () => {
    expect(paths(api.SeriesPath, { seriesId: 'a1B2-c_3' })).toEqual([]);
    expect(paths(api.SeriesPath, { seriesId: '../x' })).toEqual(['seriesId']);
    expect(paths(api.MySeriesPath, { id: 'x'.repeat(81) })).toEqual(['id']);
  });
});
