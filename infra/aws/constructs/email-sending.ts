import { Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet, ConfigurationSetEventDestination, EmailIdentity, EventDestination, EmailSendingEvent, Identity, SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { DeployConfig } from '../deploy-config';
import { keepLogicalId } from './stable-logical-id';

export interface EmailSendingProps {
  config: Pick<DeployConfig, 'senderDomain' | 'senderEmail'>;
}

/**
 * The practice's SES sender: its identity, a configuration set that suppresses bounced and
 * complaining addresses, and their feedback sent on to the default event bus.
 */
export class EmailSending extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  private readonly config: EmailSendingProps['config'];

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    const sesIdentity = new EmailIdentity(this, 'SenderIdentity', {
      identity: config.senderDomain ? Identity.domain(config.senderDomain) : Identity.email(config.senderEmail),
    });
    keepLogicalId(sesIdentity, 'SenderIdentity5AECAF6F');
    const configurationSet = new ConfigurationSet(this, 'EmailConfiguration', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    keepLogicalId(configurationSet, 'EmailConfiguration816714D4');
    const destination = new ConfigurationSetEventDestination(this, 'EmailFeedbackToEvents', {
      configurationSet,
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT, EmailSendingEvent.RENDERING_FAILURE],
    });
    keepLogicalId(destination, 'EmailFeedbackToEvents69DC6D62');
    this.identity = sesIdentity;
    this.configurationSet = configurationSet;
  }

  /** Sending through this configuration set from this identity, nothing else. */
  grantSend(grantee: { addToRolePolicy(s: PolicyStatement): void }): void {
    const stack = Stack.of(this);
    grantee.addToRolePolicy(new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/${this.config.senderDomain ?? this.config.senderEmail}`,
        `arn:${stack.partition}:ses:${stack.region}:${stack.account}:configuration-set/${this.configurationSet.configurationSetName}`,
      ],
    }));
  }
}
