import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { CALENDAR_SYNC, HOLD_SWEEP, REMINDER_SWEEP, SERIES_EXTENSION } from '../../../events/catalog';
import { EVENT_FUNCTION_NEEDS } from '../function-needs';
import type { Alarms } from './alarms';
import type { FunctionFactory } from './function-factory';
import { asyncFunction } from './scheduled-work';
import { DEPLOYED_LIMITS } from '../../deployed-limits';

/** Reminders: a sweep every minute turns due reminders into reminder.due events; the hold expiry every minute; and the daily extension of series. */
export class Reminders extends Construct {
  constructor(scope: Construct, id: string, props: { functions: FunctionFactory; alarms: Alarms }) {
    super(scope, id);
    asyncFunction(this, {
      ...props,
      id: 'SweepReminders',
      handler: REMINDER_SWEEP.handler,
      needs: EVENT_FUNCTION_NEEDS[REMINDER_SWEEP.name]!,
      timeout: Duration.seconds(DEPLOYED_LIMITS.sweepTimeoutSeconds),
      description: 'Turns due reminders into reminder.due events',
      trigger: { schedule: Schedule.rate(Duration.minutes(REMINDER_SWEEP.everyMinutes)) },
    });
    // Exact expiry does not depend on it (every read judges holdUntil itself); it makes the table say so and tells the clients.
    asyncFunction(this, {
      ...props,
      id: 'ExpireHolds',
      handler: HOLD_SWEEP.handler,
      needs: EVENT_FUNCTION_NEEDS[HOLD_SWEEP.name]!,
      timeout: Duration.seconds(DEPLOYED_LIMITS.sweepTimeoutSeconds),
      description: 'Writes holds past their end as expired and frees their time',
      trigger: { schedule: Schedule.rate(Duration.minutes(HOLD_SWEEP.everyMinutes)) },
    });
    // Beside the sweep: the other scheduled work on bookings. Idempotent, so a retried run books nothing twice.
    asyncFunction(this, {
      ...props,
      id: 'ExtendSeries',
      handler: SERIES_EXTENSION.handler,
      needs: EVENT_FUNCTION_NEEDS[SERIES_EXTENSION.name]!,
      timeout: Duration.minutes(5),
      description: 'Keeps open-ended series booked 12 weeks ahead and finishes series left pending',
      trigger: { schedule: Schedule.rate(Duration.days(SERIES_EXTENSION.everyDays)) },
    });
    // The therapists' other calendars, read again every 10 minutes; one source's read is bounded at 25 s.
    asyncFunction(this, {
      ...props,
      id: 'SyncCalendars',
      handler: CALENDAR_SYNC.handler,
      needs: EVENT_FUNCTION_NEEDS[CALENDAR_SYNC.name]!,
      timeout: Duration.minutes(5),
      description: "Reads the therapists' other calendars again and stores their busy time",
      trigger: { schedule: Schedule.rate(Duration.minutes(CALENDAR_SYNC.everyMinutes)) },
    });
  }
}
