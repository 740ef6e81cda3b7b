import { CfnOutput, Stack, type CfnOutputProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet, ConfigurationSetEventDestination, DkimIdentity, EasyDkimSigningKeyLength, EmailIdentity, EventDestination, EmailSendingEvent, Identity, MailFromBehaviorOnMxFailure, SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { keepLogicalId } from './stable-logical-id';

export interface EmailSendingProps {
  /** The From address of every email. */
  senderEmail: string;
  /** The practice's domain: verified as a whole, with Easy DKIM (the documented default; decision 35). */
  senderDomain?: string | undefined;
  /** A subdomain of senderDomain for the envelope sender (Return-Path), so SPF aligns with From too. */
  mailFromDomain?: string | undefined;
}

/**
 * The sender identity, the configuration set that suppresses bounces and complaints, and the
 * event destination that hands SES feedback to EventBridge. With a domain, the stack outputs the
 * DNS records that make mail pass DMARC at a recipient domain with p=quarantine or p=reject:
 * Easy DKIM's three CNAMEs (DKIM aligned with From) and the MAIL FROM domain's MX and SPF (SPF
 * aligned too), plus a DMARC record to start with.
 */
export class EmailSending extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /**
   * The condition on `ses:FromAddress` under which functions may send: any address of the
   * verified domain (admins may change the sender address in the settings), or the one address.
   */
  readonly fromAddressCondition: Record<string, Record<string, string>>;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    const { senderDomain, mailFromDomain } = props;
    this.identity = new EmailIdentity(this, 'SenderIdentity', {
      identity: senderDomain ? Identity.domain(senderDomain) : Identity.email(props.senderEmail),
      // Easy DKIM: SES keeps the keys, the practice publishes three CNAMEs (stated, not left to defaults).
      ...(senderDomain ? { dkimSigning: true, dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT) } : {}),
      ...(mailFromDomain ? { mailFromDomain, mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE } : {}),
    });
    this.configurationSet = new ConfigurationSet(this, 'EmailConfiguration', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    const feedback = new ConfigurationSetEventDestination(this, 'EmailFeedbackToEvents', {
      configurationSet: this.configurationSet,
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT, EmailSendingEvent.RENDERING_FAILURE],
    });
    // These resources were created at the stack's top level; keep their logical ids so that moving
    // them here replaces nothing in a deployed stack (a new identity of the same name would fail).
    keepLogicalId(this.identity, 'SenderIdentity5AECAF6F');
    keepLogicalId(this.configurationSet, 'EmailConfiguration816714D4');
    keepLogicalId(feedback, 'EmailFeedbackToEvents69DC6D62');

    this.fromAddressCondition = senderDomain
      ? { StringLike: { 'ses:FromAddress': `*@${senderDomain}` } }
      : { StringEquals: { 'ses:FromAddress': props.senderEmail } };

    if (!senderDomain) {
      output(this, 'SesIdentityToVerify', {
        value: this.identity.emailIdentityName,
        description: 'Click the link SES emails to this address. Without senderDomain mail is not DKIM-signed for your domain and fails DMARC where it is enforced',
      });
      return;
    }
    this.identity.dkimRecords.forEach((record, i) => {
      output(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}`, description: `Easy DKIM record ${i + 1} of 3: add it to ${senderDomain}'s DNS` });
    });
    if (mailFromDomain) {
      output(this, 'MailFromMx', { value: `${mailFromDomain} MX 10 feedback-smtp.${Stack.of(this).region}.amazonses.com`, description: 'The MAIL FROM domain receives bounces here' });
      output(this, 'MailFromSpf', { value: `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`, description: 'SPF of the MAIL FROM domain' });
    }
    output(this, 'Dmarc', {
      value: `_dmarc.${senderDomain} TXT "v=DMARC1; p=none; rua=mailto:dmarc-reports@${senderDomain}"`,
      description: 'Unless the domain has one: start at p=none with reports to a mailbox of yours, move to p=quarantine once they show DKIM and SPF aligned',
    });
  }

  /**
   * Sending through this configuration set, from the practice's address or domain only. Identities,
   * not one identity: in the SES sandbox the recipient's verified identity is authorised too; the
   * From address is what is limited (decision 35).
   */
  grantSend(grantee: { addToRolePolicy(s: PolicyStatement): void }): void {
    const stack = Stack.of(this);
    grantee.addToRolePolicy(new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/*`,
        `arn:${stack.partition}:ses:${stack.region}:${stack.account}:configuration-set/${this.configurationSet.configurationSetName}`,
      ],
      conditions: this.fromAddressCondition,
    }));
  }
}

/** An output named as the README names it (no construct path, no hash). */
function output(scope: Construct, name: string, props: CfnOutputProps): void {
  new CfnOutput(scope, name, props).overrideLogicalId(name);
}
