import type { LocalEventBus } from './event-bus';
import type { ReminderScheduler } from './reminder-scheduler';
import type { StreamPoller } from './stream-poller';

export interface SettleResult {
  settled: boolean;
  /** Rounds it took; the last one changed nothing. */
  rounds: number;
}

/**
 * Waits until the local runtime has nothing left to do at the current virtual time: a reminder
 * sweep (and the hold expiry sweep) has run at that time, the stream has been read past every record written so far, and every
 * consumer invocation (retries included) has finished; repeated until a round in which nothing was
 * delivered or read. Tests use it to say "nothing more arrived" on a condition instead of a sleep.
 */
export async function settle(
  parts: { scheduler: ReminderScheduler; poller: StreamPoller; bus: LocalEventBus; /** The hold expiry sweep, run like the reminder sweep. */ holds?: ReminderScheduler },
  timeoutMs = 60_000,
): Promise<SettleResult> {
  const activity = () => parts.bus.delivered + parts.poller.handled;
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    for (let rounds = 1; Date.now() < deadline; rounds++) {
      const before = activity();
      const round = (async () => {
        await parts.scheduler.sweepNow();
        await parts.holds?.sweepNow();
        await parts.poller.quiet();
        await parts.bus.idle();
      })();
      if ((await Promise.race([round, timedOut])) === 'timeout') return { settled: false, rounds };
      if (activity() === before) return { settled: true, rounds };
    }
    return { settled: false, rounds: 0 };
  } finally {
    clearTimeout(timer);
  }
}
