import { Duration } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionNeeds } from '../function-needs';
import type { Alarms } from './alarms';
import { BookingFunction } from './booking-function';
import type { BookingData } from './booking-data';
import type { EmailSending } from './email-sending';
import type { SignIn } from './sign-in';

export interface FunctionFactoryProps {
  rootDir: string;
  logRetention: RetentionDays;
  /** The one environment every function gets (the secret's ARN is added only where needed). */
  environment: Record<string, string>;
  data: BookingData;
  bus: IEventBus;
  email: EmailSending;
  signIn: SignIn;
  alarms: Alarms;
}

/** Makes every function of the stack the same way: with only what it needs, and an alarm on its errors. */
export class FunctionFactory {
  constructor(private readonly props: FunctionFactoryProps) {}

  make(scope: Construct, id: string, handler: string, needs: FunctionNeeds, timeout?: Duration): BookingFunction {
    const { data, bus, email, signIn, alarms } = this.props;
    const fn = new BookingFunction(scope, id, {
      handler, rootDir: this.props.rootDir, logRetention: this.props.logRetention,
      environment: {
        ...this.props.environment,
        ...(needs.manageTokenSecret ? { MANAGE_TOKEN_SECRET_ARN: data.manageTokenSecret.secretArn } : {}),
        ...(needs.calendarKey?.length ? { CALENDAR_KMS_KEY_ID: data.calendarKey.keyArn } : {}),
      },
      ...(timeout ? { timeout } : {}),
    });
    data.grant(fn, needs);
    if (needs.publishEvents) bus.grantPutEventsTo(fn);
    if (needs.sendEmail) email.grantSend(fn);
    if (needs.cognito?.length) signIn.grantAdminActions(fn, needs.cognito);
    alarms.watch(scope, `${id}Errors`, fn.metricErrors({ period: Duration.minutes(5) }));
    return fn;
  }
}
