import type { ScheduledEvent } from 'aws-lambda';
import { REMINDER_SWEEP } from '../../events/catalog';
import { DEPLOYED_LIMITS } from '../deployed-limits';
import type { HandlerSource } from './handler-loader';
import { invokeWithTimeout } from './invoke';

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
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) void this.run();
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
      const handler = await this.loader.load(REMINDER_SWEEP.handler);
      await invokeWithTimeout(handler, event, REMINDER_SWEEP.name, DEPLOYED_LIMITS.sweepTimeoutSeconds);
    } catch (error) {
      // The next tick retries: a sweep is idempotent.
      process.stderr.write(`reminder sweep failed: ${(error as Error).name}\n`);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
