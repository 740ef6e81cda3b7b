import { SERIES_EXTENSION } from '../../../events/catalog';
import type { HandlerSource, LambdaHandler } from '../../../infra/local/handler-loader';
import { everyVirtualMinutes, oncePerVirtualDay, ReminderScheduler } from '../../../infra/local/reminder-scheduler';
import { VirtualClock } from '../../../infra/local/virtual-clock';

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

test('the daily gate opens on the first tick and then only when the virtual clock reaches another date', () => {
  const clock = new VirtualClock(new Date('2027-01-04T06:00:00Z'));
  const due = oncePerVirtualDay(clock);
  expect(due()).toBe(true);
  expect(due()).toBe(false);
  clock.set(new Date('2027-01-04T23:59:00Z'));
  expect(due()).toBe(false);
  clock.set(new Date('2027-01-05T00:00:30Z'));
  expect(due()).toBe(true);
  expect(due()).toBe(false);
  clock.set(new Date('2027-01-03T12:00:00Z')); // set back: another date, so it runs (the job is idempotent)
  expect(due()).toBe(true);
});

test('the calendar gate opens on the first tick and then only after the virtual clock moved 10 minutes', () => {
  // A clock that stands still between sets: the virtual clock runs on in real time, so on a loaded
  // machine "exactly 10 minutes later" would be judged a few milliseconds short.
  let now = new Date('2027-01-04T06:00:00Z');
  const clock = { now: () => now, set: (instant: Date) => void (now = instant) };
  const due = everyVirtualMinutes(clock, 10);
  expect(due()).toBe(true);
  expect(due()).toBe(false);
  clock.set(new Date('2027-01-04T06:09:59Z'));
  expect(due()).toBe(false);
  clock.set(new Date('2027-01-04T06:10:00Z'));
  expect(due()).toBe(true);
  expect(due()).toBe(false);
  clock.set(new Date('2027-01-04T05:00:00Z')); // set back an hour: it runs (the sync is idempotent)
  expect(due()).toBe(true);
});

test('the series extension runs once at start and again only after the virtual clock crosses a day, however often it ticks', async () => {
  const clock = new VirtualClock(new Date('2027-01-04T06:00:00Z'));
  let runs = 0;
  const job: LambdaHandler = async () => void runs++;
  const source: HandlerSource = { load: async () => job };
  const gate = oncePerVirtualDay(clock);
  let ticks = 0;
  const counted = () => (ticks++, gate());
  const scheduler = new ReminderScheduler(source, 5, { ...SERIES_EXTENSION, timeoutSeconds: 5 }, counted);
  scheduler.start();
  try {
    await until(() => runs === 1);
    const seen = ticks;
    await until(() => ticks >= seen + 20); // twenty ticks more of an idle runtime
    expect(runs).toBe(1);
    clock.set(new Date('2027-01-05T00:01:00Z'));
    await until(() => runs === 2);
    const later = ticks;
    await until(() => ticks >= later + 20);
    expect(runs).toBe(2);
  } finally {
    await scheduler.stop();
  }
});
