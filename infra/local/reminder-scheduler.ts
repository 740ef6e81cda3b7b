import type { ScheduledEvent } from 'aws-lambda';
import { REMINDER_SWEEP } from '../../events/catalog';

/** A scheduled function the local runtime runs on its own timer. */
export interface ScheduledJob {
  name: string;
  handler: string;
  timeoutSeconds: number;
}
import type { Clock } from '../../shared/time/clock';
import { DEPLOYED_LIMITS } from '../deployed-limits';
import type { HandlerSource } from './handler-loader';
import { invokeWithTimeout } from './invoke';

/** Whether this tick runs the job; asked only when no run is under way. */
export type RunGate = () => boolean;

/**
 * A gate for a daily job on the virtual clock: open on the first tick (a series left pending is
 * finished at start) and then on the first tick at another UTC date of the clock, whether it was
 * moved on or set back (the job is idempotent). Deployed, the job runs once a day; run on every
 * tick it would read every therapist's series every few seconds of an idle `npm start`.
 */
export function oncePerVirtualDay(clock: Clock): RunGate {
  let last: string | undefined;
  return () => {
    const day = clock.now().toISOString().slice(0, 10);
    if (day === last) return false;
    last = day;
    return true;
  };
}

/**
 * Opens on the first tick and then once the virtual clock has moved `minutes` on (or back) since it
 * last opened: the calendar sync's 10-minute schedule on the virtual clock, so an idle runtime
 * reads nobody's calendar more often than AWS would, and moving the clock an hour on syncs at once.
 */
export function everyVirtualMinutes(clock: Clock, minutes: number): RunGate {
  let last: number | undefined;
  return () => {
    const now = clock.now().getTime();
    if (last !== undefined && Math.abs(now - last) < minutes * 60_000) return false;
    last = now;
    return true;
  };
}

/**
 * The local stand-in for the EventBridge schedule that runs the reminder sweep every minute. It
 * runs far more often (every second of real time), so that moving the virtual clock past a
 * reminder's time fires it promptly; the sweep itself reads the virtual clock.
 */
export class ReminderScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly loader: HandlerSource,
    private readonly everyMs = 1000,
    /** The reminder sweep unless told otherwise; the series extension runs on a sibling instance. */
    private readonly job: ScheduledJob = { ...REMINDER_SWEEP, timeoutSeconds: DEPLOYED_LIMITS.sweepTimeoutSeconds },
    /** Every tick unless told otherwise (the sweep: it is cheap, and a reminder is due any minute). */
    private readonly due: RunGate = () => true,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running && this.due()) void this.run();
    }, this.everyMs);
  }

  /** Runs a sweep that begins after this call (at the virtual clock's current time), not overlapping a running one. */
  async sweepNow(): Promise<void> {
    await this.running;
    await (this.running ?? this.run());
  }

  private run(): Promise<void> {
    const current: Promise<void> = this.runOnce().finally(() => {
      if (this.running === current) this.running = undefined;
    });
    this.running = current;
    return current;
  }

  async runOnce(): Promise<void> {
    const event: ScheduledEvent = {
      version: '0', id: 'local-schedule', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000',
      time: new Date().toISOString(), region: 'local', resources: [], detail: {},
    };
    try {
      const handler = await this.loader.load(this.job.handler);
      await invokeWithTimeout(handler, event, this.job.name, this.job.timeoutSeconds);
    } catch (error) {
      // The next tick retries: a sweep is idempotent.
      process.stderr.write(`${this.job.name} failed: ${(error as Error).name}\n`);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
