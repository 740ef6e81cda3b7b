import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EVENT_FUNCTION_NEEDS } from '../function-needs';
import type { Alarms } from './alarms';
import type { EmailSending } from './email-sending';
import type { FunctionFactory } from './function-factory';
import { asyncFunction } from './scheduled-work';
import { DEPLOYED_LIMITS } from '../../deployed-limits';

/** Bounces and complaints of the configuration set, from the default bus, recorded (decision 32). */
export class EmailFeedback extends Construct {
  constructor(scope: Construct, id: string, props: { functions: FunctionFactory; alarms: Alarms; email: EmailSending }) {
    super(scope, id);
    asyncFunction(this, {
      functions: props.functions,
      alarms: props.alarms,
      id: 'RecordEmailFeedback',
      handler: 'functions/events/record-email-feedback.ts',
      needs: EVENT_FUNCTION_NEEDS['record-email-feedback']!,
      timeout: Duration.seconds(DEPLOYED_LIMITS.emailFeedbackTimeoutSeconds),
      description: 'SES bounces and complaints of this configuration set',
      trigger: { eventPattern: { source: ['aws.ses'], detail: { mail: { tags: { 'ses:configuration-set': [props.email.configurationSet.configurationSetName] } } } } },
    });
  }
}
