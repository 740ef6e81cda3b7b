import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { CALENDAR_SYNC, HOLD_SWEEP, REMINDER_SWEEP, SERIES_EXTENSION } from '../../../events/catalog';
import { EVENT_FUNCTION_NEEDS } from '../function-needs';
import type { Alarms } from './alarms';
import type { FunctionFactory } from './function-factory';
import { asyncFunction } from './scheduled-work';
import { DEPLOYED_LIMITS } from '../../deployed-limits';

/** A scheduled job of the catalog: its function's name and handler, and how often it runs. */
type ScheduledJob = { name: string; handler: string } & ({ everyMinutes: number } | { everyDays: number });

/** What the stack adds to a catalog entry: the function's construct id, its time limit and its description. */
interface ScheduledFunction {
  job: ScheduledJob;
  id: string;
  timeout: Duration;
  description: string;
}

/**
 * The scheduled work, each job from its catalog entry (handler, needs, rate), so a new job is one
 * entry here and one in events/catalog.ts.
 */
const SCHEDULED: ScheduledFunction[] = [
  { job: REMINDER_SWEEP, id: 'SweepReminders', timeout: Duration.seconds(DEPLOYED_LIMITS.sweepTimeoutSeconds), description: 'Turns due reminders into reminder.due events' },
  // Exact expiry does not depend on it (every read judges holdUntil itself); it makes the table say so and tells the clients.
  { job: HOLD_SWEEP, id: 'ExpireHolds', timeout: Duration.seconds(DEPLOYED_LIMITS.sweepTimeoutSeconds), description: 'Writes holds past their end as expired and frees their time' },
  // Beside the sweep: the other scheduled work on bookings. Idempotent, so a retried run books nothing twice.
  { job: SERIES_EXTENSION, id: 'ExtendSeries', timeout: Duration.minutes(5), description: 'Keeps open-ended series booked 12 weeks ahead and finishes series left pending' },
  // The therapists' other calendars, read again every 10 minutes; one source's read is bounded at 25 s.
  { job: CALENDAR_SYNC, id: 'SyncCalendars', timeout: Duration.minutes(5), description: "Reads the therapists' other calendars again and stores their busy time" },
];

const rateOf = (job: ScheduledJob): Duration => ('everyDays' in job ? Duration.days(job.everyDays) : Duration.minutes(job.everyMinutes));

/** Reminders: a sweep every minute turns due reminders into reminder.due events; the hold expiry every minute; the daily extension of series; the calendar sync. */
export class Reminders extends Construct {
  constructor(scope: Construct, id: string, props: { functions: FunctionFactory; alarms: Alarms }) {
    super(scope, id);
    for (const { job, id: functionId, timeout, description } of SCHEDULED) {
      asyncFunction(this, {
        ...props,
        id: functionId,
        handler: job.handler,
        needs: EVENT_FUNCTION_NEEDS[job.name]!,
        timeout,
        description,
        trigger: { schedule: Schedule.rate(rateOf(job)) },
      });
    }
  }
}
