import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadConfig, type AppConfig } from '../config/config';
import { EventBridgePublisher } from '../events/eventbridge-publisher';
import type { EventPublisher } from '../events/event-publisher';
import { CognitoDirectory } from '../identity/cognito-directory';
import { NO_DIRECTORY, type IdentityDirectory } from '../identity/identity-directory';
import type { Mailer } from '../mail/mailer';
import { SesMailer } from '../mail/ses-mailer';
import { BookingRepository } from '../store/booking-repository';
import { DeliveryClaims } from '../store/delivery-claims';
import { createDocumentClient } from '../store/dynamo-client';
import { EmailFeedbackRepository } from '../store/email-feedback-repository';
import { ReminderRepository } from '../store/reminder-repository';
import { SettingsRepository } from '../store/settings-repository';
import { TherapistRepository } from '../store/therapist-repository';
import { systemClock, type Clock } from '../time/clock';

/**
 * The composition root: every handler gets its collaborators here, built once per container from
 * the environment. The local runtime overrides only what AWS itself provides (the clock and the
 * event bus); repositories and the mailer always talk to real services (DynamoDB Local and the
 * local SES server when run locally, through the same adapters and an endpoint setting).
 */
export interface Dependencies {
  config: AppConfig;
  clock: Clock;
  db: DynamoDBDocumentClient;
  therapists: TherapistRepository;
  bookings: BookingRepository;
  settings: SettingsRepository;
  reminders: ReminderRepository;
  claims: DeliveryClaims;
  emailFeedback: EmailFeedbackRepository;
  events: EventPublisher;
  mailer: Mailer;
  identity: IdentityDirectory;
}

let built: Dependencies | undefined;
let overrides: Partial<Dependencies> = {};

export function dependencies(): Dependencies {
  if (!built) {
    const config = overrides.config ?? loadConfig();
    const db = overrides.db ?? createDocumentClient(config);
    built = {
      config,
      clock: systemClock,
      db,
      therapists: new TherapistRepository(db, config.tableName),
      bookings: new BookingRepository(db, config.tableName),
      settings: new SettingsRepository(db, config.tableName),
      reminders: new ReminderRepository(db, config.tableName),
      claims: new DeliveryClaims(db, config.tableName),
      emailFeedback: new EmailFeedbackRepository(db, config.tableName),
      events: lazyEventBridge(config),
      mailer: new SesMailer(
        new SESv2Client({ region: config.region, ...(config.sesEndpoint ? { endpoint: config.sesEndpoint } : {}) }),
        config.sesConfigurationSet,
      ),
      identity: config.userPoolId
        ? new CognitoDirectory(new CognitoIdentityProviderClient({ region: config.region }), config.userPoolId)
        : NO_DIRECTORY,
      ...overrides,
    };
  }
  return built;
}

/** Only the functions that publish need a bus; the others never build a client for it. */
function lazyEventBridge(config: AppConfig): EventPublisher {
  let publisher: EventPublisher | undefined;
  return {
    publish: (events) => {
      if (!config.eventBusName) throw new Error('EVENT_BUS_NAME is not configured');
      publisher ??= new EventBridgePublisher(new EventBridgeClient({ region: config.region }), config.eventBusName);
      return publisher.publish(events);
    },
  };
}

/** Replaces collaborators (the local runtime's virtual clock and bus; fault injection in tests). */
export function overrideDependencies(partial: Partial<Dependencies>): void {
  overrides = { ...overrides, ...partial };
  built = undefined;
}

export function resetDependencies(): void {
  overrides = {};
  built = undefined;
}
