import { Settings } from 'luxon';
import type { WeeklySchedule } from '../../../shared/domain/schedule';
import {
  availableDays,
  checkSlot,
  type AvailabilityDay,
  type AvailabilityInput,
  type BusyInterval,
  type SlotRange,
} from '../../../shared/availability/availability-engine';

// Every expectation below was worked out by hand from the zone's rules (offsets noted beside them),
// not copied from the engine's output.

const ALL_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function everyDay(...intervals: [string, string][]): WeeklySchedule['weekly'] {
  return Object.fromEntries(ALL_WEEK.map((d) => [d, intervals.map(([start, end]) => ({ start, end }))]));
}

function input(
  schedule: Partial<WeeklySchedule> & Pick<WeeklySchedule, 'timeZone' | 'weekly'>,
  rest: Partial<Omit<AvailabilityInput, 'schedule'>> = {},
): AvailabilityInput {
  return {
    schedule: { bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 365, slotIntervalMinutes: 60, ...schedule },
    overrides: [],
    timeOff: [],
    busy: [],
    durationMinutes: 60,
    now: new Date('2026-01-01T00:00:00Z'),
    ...rest,
  };
}

function range(from: string, to: string, timeZone: string): SlotRange {
  return { from, to, timeZone };
}

/** `date start→end` per slot, to compare whole answers at a glance. */
function listing(days: AvailabilityDay[]): string[] {
  return days.flatMap((d) => d.slots.map((s) => `${d.date} ${s.start}→${s.end}`));
}

function startsOf(days: AvailabilityDay[]): string[] {
  return days.flatMap((d) => d.slots.map((s) => s.start));
}

function instantsOf(days: AvailabilityDay[]): string[] {
  return startsOf(days).map((s) => new Date(s).toISOString());
}

const booking = (start: string, end: string, session = true): BusyInterval => ({ start, end, session });

describe('DST in America/New_York', () => {
  // 2026-03-08 (Sunday): 02:00 EST (-05:00) jumps to 03:00 EDT (-04:00).
  test('spring forward: 00:00–05:00 is four real hours and no 02:xx slot exists', () => {
    const days = availableDays(
      input({ timeZone: 'America/New_York', weekly: { sun: [{ start: '00:00', end: '05:00' }] } }),
      range('2026-03-08', '2026-03-08', 'America/New_York'),
    );
    expect(listing(days)).toEqual([
      '2026-03-08 2026-03-08T00:00:00-05:00→2026-03-08T01:00:00-05:00',
      '2026-03-08 2026-03-08T01:00:00-05:00→2026-03-08T03:00:00-04:00',
      '2026-03-08 2026-03-08T03:00:00-04:00→2026-03-08T04:00:00-04:00',
      '2026-03-08 2026-03-08T04:00:00-04:00→2026-03-08T05:00:00-04:00',
    ]);
  });

  test('spring forward: 01:00–04:00 is two real hours (06:00Z–08:00Z)', () => {
    const days = availableDays(
      input(
        { timeZone: 'America/New_York', weekly: { sun: [{ start: '01:00', end: '04:00' }] }, slotIntervalMinutes: 30 },
        { durationMinutes: 30 },
      ),
      range('2026-03-08', '2026-03-08', 'America/New_York'),
    );
    expect(startsOf(days)).toEqual([
      '2026-03-08T01:00:00-05:00',
      '2026-03-08T01:30:00-05:00',
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T03:30:00-04:00',
    ]);
  });

  test('spring forward: a window opening inside the gap opens when luxon shifts it (02:30 → 03:30 EDT)', () => {
    const days = availableDays(
      input({ timeZone: 'America/New_York', weekly: { sun: [{ start: '02:30', end: '05:00' }] } }),
      range('2026-03-08', '2026-03-08', 'America/New_York'),
    );
    // [03:30 EDT, 05:00 EDT): one hour-long slot fits.
    expect(startsOf(days)).toEqual(['2026-03-08T03:30:00-04:00']);
  });

  test('spring forward: two windows that the gap makes overlap offer each start once', () => {
    // 02:00–02:45 resolves to 03:00–03:45 EDT, inside the 03:00–04:00 window.
    const days = availableDays(
      input(
        {
          timeZone: 'America/New_York',
          weekly: { sun: [{ start: '02:00', end: '02:45' }, { start: '03:00', end: '04:00' }] },
          slotIntervalMinutes: 15,
        },
        { durationMinutes: 15 },
      ),
      range('2026-03-08', '2026-03-08', 'America/New_York'),
    );
    expect(startsOf(days)).toEqual([
      '2026-03-08T03:00:00-04:00',
      '2026-03-08T03:15:00-04:00',
      '2026-03-08T03:30:00-04:00',
      '2026-03-08T03:45:00-04:00',
    ]);
  });

  // 2026-11-01 (Sunday): 02:00 EDT (-04:00) falls back to 01:00 EST (-05:00).
  test('fall back: 00:00–04:00 is five real hours and 01:00 comes twice', () => {
    const days = availableDays(
      input({ timeZone: 'America/New_York', weekly: { sun: [{ start: '00:00', end: '04:00' }] } }),
      range('2026-11-01', '2026-11-01', 'America/New_York'),
    );
    expect(listing(days)).toEqual([
      '2026-11-01 2026-11-01T00:00:00-04:00→2026-11-01T01:00:00-04:00',
      '2026-11-01 2026-11-01T01:00:00-04:00→2026-11-01T01:00:00-05:00',
      '2026-11-01 2026-11-01T01:00:00-05:00→2026-11-01T02:00:00-05:00',
      '2026-11-01 2026-11-01T02:00:00-05:00→2026-11-01T03:00:00-05:00',
      '2026-11-01 2026-11-01T03:00:00-05:00→2026-11-01T04:00:00-05:00',
    ]);
  });

  test('fall back: an ambiguous 01:00 start is the first 01:00, whatever the machine clock says', () => {
    const schedule = { timeZone: 'America/New_York', weekly: { sun: [{ start: '01:00', end: '02:00' }] } };
    const expected = ['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z']; // 01:00 EDT and 01:00 EST
    const realNow = Settings.now;
    try {
      for (const machineNow of ['2026-07-01T12:00:00Z', '2027-01-15T12:00:00Z']) {
        Settings.now = () => Date.parse(machineNow);
        expect(instantsOf(availableDays(input(schedule), range('2026-11-01', '2026-11-01', 'UTC')))).toEqual(expected);
      }
    } finally {
      Settings.now = realNow;
    }
  });
});

describe('DST in Europe/London', () => {
  // 2026-03-29 (Sunday): 01:00 GMT (+00:00) jumps to 02:00 BST (+01:00).
  test('spring forward: 00:00–03:00 is two real hours', () => {
    const days = availableDays(
      input({ timeZone: 'Europe/London', weekly: { sun: [{ start: '00:00', end: '03:00' }] } }),
      range('2026-03-29', '2026-03-29', 'Europe/London'),
    );
    expect(listing(days)).toEqual([
      '2026-03-29 2026-03-29T00:00:00+00:00→2026-03-29T02:00:00+01:00',
      '2026-03-29 2026-03-29T02:00:00+01:00→2026-03-29T03:00:00+01:00',
    ]);
  });

  test('spring forward: an interval the gap swallows whole (01:00–02:00) offers nothing', () => {
    const days = availableDays(
      input({ timeZone: 'Europe/London', weekly: { sun: [{ start: '01:00', end: '02:00' }] } }, { durationMinutes: 5 }),
      range('2026-03-29', '2026-03-29', 'Europe/London'),
    );
    expect(days).toEqual([]);
  });

  // 2026-10-25 (Sunday): 02:00 BST (+01:00) falls back to 01:00 GMT (+00:00).
  test('fall back: 00:00–03:00 is four real hours', () => {
    const days = availableDays(
      input({ timeZone: 'Europe/London', weekly: { sun: [{ start: '00:00', end: '03:00' }] } }),
      range('2026-10-25', '2026-10-25', 'Europe/London'),
    );
    expect(startsOf(days)).toEqual([
      '2026-10-25T00:00:00+01:00',
      '2026-10-25T01:00:00+01:00',
      '2026-10-25T01:00:00+00:00',
      '2026-10-25T02:00:00+00:00',
    ]);
    expect(instantsOf(days)).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
  });
});

describe('DST in Australia/Lord_Howe (a 30-minute shift)', () => {
  const half = { slotIntervalMinutes: 30 };

  // 2026-10-04 (Sunday): 02:00 (+10:30) jumps to 02:30 (+11:00).
  test('start of DST: 01:00–04:00 is two and a half real hours, 02:00–02:29 do not exist', () => {
    const days = availableDays(
      input({ timeZone: 'Australia/Lord_Howe', weekly: { sun: [{ start: '01:00', end: '04:00' }] }, ...half }, { durationMinutes: 30 }),
      range('2026-10-04', '2026-10-04', 'Australia/Lord_Howe'),
    );
    expect(startsOf(days)).toEqual([
      '2026-10-04T01:00:00+10:30',
      '2026-10-04T01:30:00+10:30',
      '2026-10-04T02:30:00+11:00',
      '2026-10-04T03:00:00+11:00',
      '2026-10-04T03:30:00+11:00',
    ]);
    expect(instantsOf(days)[0]).toBe('2026-10-03T14:30:00.000Z');
  });

  // 2026-04-05 (Sunday): 02:00 (+11:00) falls back to 01:30 (+10:30).
  test('end of DST: 01:00–03:00 is two and a half real hours, 01:30 comes twice', () => {
    const days = availableDays(
      input({ timeZone: 'Australia/Lord_Howe', weekly: { sun: [{ start: '01:00', end: '03:00' }] }, ...half }, { durationMinutes: 30 }),
      range('2026-04-05', '2026-04-05', 'Australia/Lord_Howe'),
    );
    expect(startsOf(days)).toEqual([
      '2026-04-05T01:00:00+11:00',
      '2026-04-05T01:30:00+11:00',
      '2026-04-05T01:30:00+10:30',
      '2026-04-05T02:00:00+10:30',
      '2026-04-05T02:30:00+10:30',
    ]);
    expect(instantsOf(days)).toEqual([
      '2026-04-04T14:00:00.000Z',
      '2026-04-04T14:30:00.000Z',
      '2026-04-04T15:00:00.000Z',
      '2026-04-04T15:30:00.000Z',
      '2026-04-04T16:00:00.000Z',
    ]);
  });
});

describe('client zones', () => {
  test('a client in Asia/Kolkata sees +05:30 offsets', () => {
    // Berlin in January is +01:00: 09:00–11:00 is 08:00Z–10:00Z, i.e. 13:30–15:30 in Kolkata.
    const days = availableDays(
      input({ timeZone: 'Europe/Berlin', weekly: { mon: [{ start: '09:00', end: '11:00' }] } }),
      range('2026-01-12', '2026-01-12', 'Asia/Kolkata'),
    );
    expect(listing(days)).toEqual([
      '2026-01-12 2026-01-12T13:30:00+05:30→2026-01-12T14:30:00+05:30',
      '2026-01-12 2026-01-12T14:30:00+05:30→2026-01-12T15:30:00+05:30',
    ]);
  });

  test('a client a day ahead (Auckland) sees Monday-afternoon Los Angeles slots on Tuesday', () => {
    // LA on Monday 2026-02-02 is -08:00: 14:00–17:00 is 22:00Z–01:00Z; Auckland (NZDT, +13:00) is then
    // Tuesday 11:00–14:00.
    const schedule = { timeZone: 'America/Los_Angeles', weekly: { mon: [{ start: '14:00', end: '17:00' }] } };
    const tuesday = availableDays(input(schedule), range('2026-02-03', '2026-02-03', 'Pacific/Auckland'));
    expect(listing(tuesday)).toEqual([
      '2026-02-03 2026-02-03T11:00:00+13:00→2026-02-03T12:00:00+13:00',
      '2026-02-03 2026-02-03T12:00:00+13:00→2026-02-03T13:00:00+13:00',
      '2026-02-03 2026-02-03T13:00:00+13:00→2026-02-03T14:00:00+13:00',
    ]);
    expect(availableDays(input(schedule), range('2026-02-02', '2026-02-02', 'Pacific/Auckland'))).toEqual([]);
  });

  test('one therapist day can split across two client dates', () => {
    // UTC 22:00–24:00 on Monday 2026-01-05 is 23:00–01:00 in Berlin (+01:00).
    const days = availableDays(
      input({ timeZone: 'UTC', weekly: { mon: [{ start: '22:00', end: '24:00' }] } }),
      range('2026-01-05', '2026-01-06', 'Europe/Berlin'),
    );
    expect(days.map((d) => [d.date, d.slots.map((s) => s.start)])).toEqual([
      ['2026-01-05', ['2026-01-05T23:00:00+01:00']],
      ['2026-01-06', ['2026-01-06T00:00:00+01:00']],
    ]);
  });
});

describe('windows', () => {
  // 2026-01-05 is a Monday; UTC keeps the arithmetic plain.
  const monday = range('2026-01-05', '2026-01-05', 'UTC');

  test('windows opening at :30 and :45 offer their opening minute first', () => {
    const days = availableDays(
      input(
        {
          timeZone: 'UTC',
          weekly: { mon: [{ start: '09:30', end: '11:00' }, { start: '13:45', end: '15:00' }] },
          slotIntervalMinutes: 30,
        },
        { durationMinutes: 30 },
      ),
      monday,
    );
    // 14:45 would end at 15:15, past the window.
    expect(startsOf(days)).toEqual([
      '2026-01-05T09:30:00+00:00',
      '2026-01-05T10:00:00+00:00',
      '2026-01-05T10:30:00+00:00',
      '2026-01-05T13:45:00+00:00',
      '2026-01-05T14:15:00+00:00',
    ]);
  });

  test('an edge at any minute (07:22) anchors the grid', () => {
    const days = availableDays(
      input({ timeZone: 'UTC', weekly: { mon: [{ start: '07:22', end: '08:30' }] }, slotIntervalMinutes: 15 }, { durationMinutes: 20 }),
      monday,
    );
    expect(startsOf(days)).toEqual([
      '2026-01-05T07:22:00+00:00',
      '2026-01-05T07:37:00+00:00',
      '2026-01-05T07:52:00+00:00',
      '2026-01-05T08:07:00+00:00',
    ]);
  });

  test('24:00 closes the day: the last slot ends at midnight', () => {
    const days = availableDays(
      input({ timeZone: 'UTC', weekly: { mon: [{ start: '22:00', end: '24:00' }] }, slotIntervalMinutes: 30 }),
      range('2026-01-05', '2026-01-06', 'UTC'),
    );
    expect(listing(days)).toEqual([
      '2026-01-05 2026-01-05T22:00:00+00:00→2026-01-05T23:00:00+00:00',
      '2026-01-05 2026-01-05T22:30:00+00:00→2026-01-05T23:30:00+00:00',
      '2026-01-05 2026-01-05T23:00:00+00:00→2026-01-06T00:00:00+00:00',
    ]);
  });

  test('24:00 on the evening before spring forward in New York is the next midnight, not +24 h', () => {
    // Saturday 2026-03-07 20:00–24:00 EST = 01:00Z–05:00Z on the 8th: four slots.
    const days = availableDays(
      input({ timeZone: 'America/New_York', weekly: { sat: [{ start: '20:00', end: '24:00' }] } }),
      range('2026-03-07', '2026-03-08', 'UTC'),
    );
    expect(instantsOf(days)).toEqual([
      '2026-03-08T01:00:00.000Z',
      '2026-03-08T02:00:00.000Z',
      '2026-03-08T03:00:00.000Z',
      '2026-03-08T04:00:00.000Z',
    ]);
  });

  test('several intervals a day: a lunch break offers nothing', () => {
    const days = availableDays(
      input({ timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] } }),
      monday,
    );
    expect(startsOf(days).map((s) => s.slice(11, 16))).toEqual(['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00']);
  });

  test('an override replaces its date; an empty override is a day off; other dates keep the weekly hours', () => {
    const days = availableDays(
      input(
        { timeZone: 'UTC', weekly: { tue: [{ start: '09:00', end: '11:00' }] } },
        {
          overrides: [
            { date: '2026-01-06', intervals: [{ start: '14:00', end: '16:00' }] },
            { date: '2026-01-13', intervals: [] },
            { date: '2026-01-17', intervals: [{ start: '10:00', end: '11:00' }] }, // a Saturday, normally off
          ],
        },
      ),
      range('2026-01-05', '2026-01-20', 'UTC'),
    );
    expect(days.map((d) => [d.date, d.slots.map((s) => s.start.slice(11, 16))])).toEqual([
      ['2026-01-06', ['14:00', '15:00']],
      ['2026-01-17', ['10:00']],
      ['2026-01-20', ['09:00', '10:00']],
    ]);
  });

  test('slot interval 30 with 50-minute sessions', () => {
    const days = availableDays(
      input({ timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '12:00' }] }, slotIntervalMinutes: 30 }, { durationMinutes: 50 }),
      monday,
    );
    expect(days[0]!.slots.map((s) => `${s.start.slice(11, 16)}–${s.end.slice(11, 16)}`)).toEqual([
      '09:00–09:50',
      '09:30–10:20',
      '10:00–10:50',
      '10:30–11:20',
      '11:00–11:50',
    ]);
  });
});

describe('time off, bookings and buffers', () => {
  const weekdays = { timeZone: 'UTC', weekly: everyDay(['09:00', '17:00']) };

  test('time off spanning days removes what it covers, and a buffer may not run into it', () => {
    const timeOff = [{ start: '2026-01-06T15:00:00Z', end: '2026-01-08T10:00:00Z' }];
    const hours = (days: AvailabilityDay[]) => days.map((d) => [d.date, d.slots.map((s) => s.start.slice(11, 13)).join(',')]);
    const plain = availableDays(input(weekdays, { timeOff }), range('2026-01-06', '2026-01-08', 'UTC'));
    expect(hours(plain)).toEqual([
      ['2026-01-06', '09,10,11,12,13,14'],
      ['2026-01-08', '10,11,12,13,14,15,16'],
    ]);
    // With a 15-minute buffer the 14:00 session would keep the therapist until 15:15.
    const buffered = availableDays(input({ ...weekdays, bufferMinutes: 15 }, { timeOff }), range('2026-01-06', '2026-01-08', 'UTC'));
    expect(hours(buffered)).toEqual([
      ['2026-01-06', '09,10,11,12,13'],
      ['2026-01-08', '10,11,12,13,14,15,16'],
    ]);
  });

  describe('buffer next to a booking (45-minute sessions, 15-minute buffer, 15-minute grid)', () => {
    const schedule = { timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '13:00' }] }, bufferMinutes: 15, slotIntervalMinutes: 15 };
    const at = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00Z`);
    const withBusy = (start: string, end: string) =>
      input(schedule, { durationMinutes: 45, busy: [booking(`2026-01-05T${start}:00Z`, `2026-01-05T${end}:00Z`)] });

    test('a session may end exactly one buffer before a booking starts', () => {
      // 10:00 session ends 10:45, its buffer ends 11:00 = the booking's start.
      expect(checkSlot(withBusy('11:00', '12:00'), at('10:00'))).toEqual({ ok: true });
      // Booking one minute earlier: the buffer would overlap it.
      expect(checkSlot(withBusy('10:59', '12:00'), at('10:00'))).toEqual({ ok: false, reason: 'busy' });
    });

    test('a session may start exactly when a booking (with its buffer) ends', () => {
      expect(checkSlot(withBusy('11:00', '12:00'), at('12:00'))).toEqual({ ok: true });
      expect(checkSlot(withBusy('11:00', '12:01'), at('12:00'))).toEqual({ ok: false, reason: 'busy' });
    });

    test('the list around a booking', () => {
      const days = availableDays(withBusy('11:00', '12:00'), range('2026-01-05', '2026-01-05', 'UTC'));
      // [s, s+60) must miss [11:00, 12:00); 12:15 is the last start whose session ends by 13:00.
      expect(startsOf(days).map((s) => s.slice(11, 16))).toEqual(['09:00', '09:15', '09:30', '09:45', '10:00', '12:00', '12:15']);
    });

    test('the buffer may run past the end of working hours', () => {
      const days = availableDays(input(schedule, { durationMinutes: 45 }), range('2026-01-05', '2026-01-05', 'UTC'));
      expect(startsOf(days).at(-1)!.slice(11, 16)).toBe('12:15'); // session to 13:00, buffer to 13:15
    });
  });
});

describe('notice, horizon and the daily maximum', () => {
  const schedule = { timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '10:00' }] } };
  const nine = new Date('2026-01-05T09:00:00Z');

  test('notice: a start exactly at now + notice is allowed; one minute less notice is too soon', () => {
    const noticed = { ...schedule, minimumNoticeMinutes: 60 };
    expect(checkSlot(input(noticed, { now: new Date('2026-01-05T08:00:00Z') }), nine)).toEqual({ ok: true });
    expect(checkSlot(input(noticed, { now: new Date('2026-01-05T08:01:00Z') }), nine)).toEqual({ ok: false, reason: 'too_soon' });
    expect(availableDays(input(noticed, { now: new Date('2026-01-05T08:01:00Z') }), range('2026-01-05', '2026-01-05', 'UTC'))).toEqual([]);
  });

  test('horizon: a start exactly horizonDays × 24 h ahead is allowed; one minute further is not', () => {
    const near = { ...schedule, horizonDays: 1 };
    expect(checkSlot(input(near, { now: new Date('2026-01-04T09:00:00Z') }), nine)).toEqual({ ok: true });
    expect(checkSlot(input(near, { now: new Date('2026-01-04T08:59:00Z') }), nine)).toEqual({ ok: false, reason: 'beyond_horizon' });
    expect(startsOf(availableDays(input(near, { now: new Date('2026-01-04T09:00:00Z') }), range('2026-01-05', '2026-01-05', 'UTC')))).toEqual([
      '2026-01-05T09:00:00+00:00',
    ]);
  });

  test('daily maximum counts session bookings on the therapist-local date', () => {
    // New York, January (-05:00). Hours 09:00–12:00 every day; max 2 sessions a day.
    const ny = { timeZone: 'America/New_York', weekly: everyDay(['09:00', '12:00']), maxSessionsPerDay: 2 };
    const busy = [
      booking('2026-01-05T14:00:00Z', '2026-01-05T15:00:00Z'), // Mon 09:00 local
      booking('2026-01-06T03:00:00Z', '2026-01-06T04:00:00Z'), // Mon 22:00 local: still Monday there
      booking('2026-01-06T14:00:00Z', '2026-01-06T15:00:00Z'), // Tue 09:00 local
      booking('2026-01-06T16:00:00Z', '2026-01-06T16:30:00Z', false), // Tue: blocks, but is no session
    ];
    const days = availableDays(input(ny, { busy }), range('2026-01-05', '2026-01-06', 'America/New_York'));
    // Monday is full (2 sessions); Tuesday has one session, so 10:00 is offered (11:00 is blocked).
    expect(days.map((d) => [d.date, d.slots.map((s) => s.start.slice(11, 16))])).toEqual([['2026-01-06', ['10:00']]]);
    expect(checkSlot(input(ny, { busy }), new Date('2026-01-05T15:00:00Z'))).toEqual({ ok: false, reason: 'daily_limit' });
  });
});

describe('empty results', () => {
  const schedule = { timeZone: 'UTC', weekly: everyDay(['09:00', '17:00']) };

  test('a range ending before it starts', () => {
    expect(availableDays(input(schedule), range('2026-01-06', '2026-01-05', 'UTC'))).toEqual([]);
  });

  test('no hours at all', () => {
    expect(availableDays(input({ timeZone: 'UTC', weekly: {} }), range('2026-01-05', '2026-01-11', 'UTC'))).toEqual([]);
  });

  test('a range wholly in the past or beyond the horizon', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(availableDays(input({ ...schedule, horizonDays: 30 }, { now }), range('2026-01-05', '2026-01-11', 'UTC'))).toEqual([]);
    expect(availableDays(input({ ...schedule, horizonDays: 30 }, { now }), range('2026-08-01', '2026-08-07', 'UTC'))).toEqual([]);
  });

  test('sessions longer than any window', () => {
    expect(availableDays(input(schedule, { durationMinutes: 481 }), range('2026-01-05', '2026-01-11', 'UTC'))).toEqual([]);
  });
});

describe('checkSlot reasons', () => {
  const schedule = { timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '12:00' }] }, minimumNoticeMinutes: 60, horizonDays: 10 };
  const now = new Date('2026-01-05T08:30:00Z');
  const at = (iso: string) => new Date(iso);

  test('outside_hours: off the grid, out of the window, with seconds, or a day without hours', () => {
    const x = input(schedule, { now });
    expect(checkSlot(x, at('2026-01-05T10:30:00Z'))).toEqual({ ok: false, reason: 'outside_hours' });
    expect(checkSlot(x, at('2026-01-05T11:30:00Z'))).toEqual({ ok: false, reason: 'outside_hours' }); // would end 12:30
    expect(checkSlot(x, at('2026-01-05T10:00:30Z'))).toEqual({ ok: false, reason: 'outside_hours' });
    expect(checkSlot(x, at('2026-01-06T10:00:00Z'))).toEqual({ ok: false, reason: 'outside_hours' });
    // Outside hours is named first even when the instant is also too soon.
    expect(checkSlot(x, at('2026-01-05T08:45:00Z'))).toEqual({ ok: false, reason: 'outside_hours' });
  });

  test('each later rule, and the order among them', () => {
    const busy = [booking('2026-01-05T10:30:00Z', '2026-01-05T11:30:00Z')];
    const timeOff = [{ start: '2026-01-05T10:00:00Z', end: '2026-01-05T11:00:00Z' }];
    expect(checkSlot(input(schedule, { now }), at('2026-01-05T09:00:00Z'))).toEqual({ ok: false, reason: 'too_soon' });
    expect(checkSlot(input(schedule, { now }), at('2026-01-05T10:00:00Z'))).toEqual({ ok: true });
    expect(checkSlot(input(schedule, { now }), at('2026-01-19T10:00:00Z'))).toEqual({ ok: false, reason: 'beyond_horizon' });
    // 10:00 overlaps both the time off and the booking: time off is named first.
    expect(checkSlot(input(schedule, { now, busy, timeOff }), at('2026-01-05T10:00:00Z'))).toEqual({ ok: false, reason: 'time_off' });
    expect(checkSlot(input(schedule, { now, busy }), at('2026-01-05T10:00:00Z'))).toEqual({ ok: false, reason: 'busy' });
    // Too soon is named before busy.
    expect(checkSlot(input(schedule, { now, busy: [booking('2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z')] }), at('2026-01-05T09:00:00Z'))).toEqual({
      ok: false,
      reason: 'too_soon',
    });
    const limited = { ...schedule, maxSessionsPerDay: 1 };
    expect(checkSlot(input(limited, { now, busy: [booking('2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z')] }), at('2026-01-05T10:00:00Z'))).toEqual({
      ok: false,
      reason: 'daily_limit',
    });
  });

  test('a slot ending at 24:00 in the therapist zone is checked as an instant (the next UTC date)', () => {
    // Saturday 2026-03-07 in New York (-05:00): 23:00–24:00 is 04:00Z–05:00Z on the 8th.
    const late = input({ timeZone: 'America/New_York', weekly: { sat: [{ start: '23:00', end: '24:00' }] } }, { now });
    expect(checkSlot(late, at('2026-03-08T04:00:00Z'))).toEqual({ ok: true });
    expect(checkSlot(late, at('2026-03-08T04:30:00Z'))).toEqual({ ok: false, reason: 'outside_hours' });
  });
});

describe('input errors', () => {
  test('unknown zones and malformed instants are refused, not guessed', () => {
    const schedule = { timeZone: 'UTC', weekly: everyDay(['09:00', '17:00']) };
    expect(() => availableDays(input(schedule), range('2026-01-05', '2026-01-05', 'Mars/Olympus'))).toThrow(RangeError);
    expect(() => availableDays(input({ ...schedule, timeZone: 'UTC+3' }), range('2026-01-05', '2026-01-05', 'UTC'))).toThrow(RangeError);
    expect(() => availableDays(input(schedule), range('2026-02-30', '2026-03-01', 'UTC'))).toThrow(RangeError);
    expect(() =>
      availableDays(input(schedule, { busy: [booking('2026-01-05T10:00:00', '2026-01-05T11:00:00Z')] }), range('2026-01-05', '2026-01-05', 'UTC')),
    ).toThrow(RangeError);
  });
});
