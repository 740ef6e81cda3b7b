import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditLog } from '../audit/audit-log';
import type { ClientHistoryRepository } from '../clients/client-history';
import { loadConfig, type AppConfig } from '../config/config';
import type { EventPublisher } from '../events/event-publisher';
import type { IdentityDirectory } from '../identity/identity-directory';
import type { Mailer } from '../mail/mailer';
import type { BookingRepository } from '../store/booking-repository';
import type { CalendarRepository } from '../store/calendar-repository';
import type { BusyReader, CalendarKind } from '../calendars/calendar-source';
import type { SecretBox } from '../calendars/secret-box';
import type { DeliveryClaims } from '../store/delivery-claims';
import type { EmailFeedbackRepository } from '../store/email-feedback-repository';
import type { ReminderRepository } from '../store/reminder-repository';
import type { SettingsRepository } from '../store/settings-repository';
import type { TherapistRepository } from '../store/therapist-repository';
import { systemClock, type Clock } from '../time/clock';

/**
 * Everything a function may be given. Only types are imported here: this module composes and
 * knows no adapter. Each adapter is provided by a module beside this one (`table.ts`, `mail.ts`,
 * `identity.ts`, `event-bus.ts`) that a function's entry imports when it uses it, so a function's
 * import graph (and its bundle) holds the adapters it uses and no others: a handler that sends no
 * mail loads no mailer. Services name the ports they need in their own terms; this object
 * satisfies them structurally.
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
  clientHistory: ClientHistoryRepository;
  events: EventPublisher;
  mailer: Mailer;
  identity: IdentityDirectory;
  /** The therapist's other calendars (issue 15): their sources, the reader of each kind, the sealing of their passwords. */
  calendars: CalendarRepository;
  readers: Record<CalendarKind, BusyReader>;
  secretBox: SecretBox;
  /** The audit log (issue 17): every therapist and admin change writes its entry in the change's transaction. */
  audit: AuditLog;
}

type Key = keyof Dependencies;
export type Factories = { [K in Key]?: (deps: Dependencies) => Dependencies[K] };

const KEYS: Key[] = ['config', 'clock', 'db', 'therapists', 'bookings', 'settings', 'reminders', 'claims', 'emailFeedback', 'clientHistory', 'events', 'mailer', 'identity', 'calendars', 'readers', 'secretBox', 'audit'];
/** Where each collaborator comes from, for the message when an entry forgot to import it. */
const PROVIDER: Record<Key, string> = {
  config: 'dependencies', clock: 'dependencies', db: 'table', therapists: 'table', bookings: 'table', settings: 'table',
  reminders: 'table', claims: 'table', emailFeedback: 'table', clientHistory: 'table', events: 'event-bus', mailer: 'mail', identity: 'identity',
  calendars: 'calendars', readers: 'calendars', secretBox: 'calendars', audit: 'table',
};

const factories: Factories = { config: () => loadConfig(), clock: () => systemClock };
let built: Partial<Dependencies> = {};
let overrides: Partial<Dependencies> = {};

/** Called by an adapter module when a function's entry imports it. */
export function provide(more: Factories): void {
  Object.assign(factories, more);
}

function resolve<K extends Key>(key: K): Dependencies[K] {
  if (key in overrides) return overrides[key] as Dependencies[K];
  if (!(key in built)) {
    const factory = factories[key];
    if (!factory) throw new Error(`This function was not composed with ${key}: its entry must import shared/runtime/${PROVIDER[key]}`);
    built[key] = factory(view);
  }
  return built[key] as Dependencies[K];
}

/** Each collaborator is built on first use, once per container, from the environment. */
const view = Object.defineProperties({} as Dependencies, Object.fromEntries(KEYS.map((key) => [key, { enumerable: true, get: () => resolve(key) }])));

export function dependencies(): Dependencies {
  return view;
}

/** Replaces collaborators (the local runtime's virtual clock and bus; fault injection in tests). */
export function overrideDependencies(partial: Partial<Dependencies>): void {
  overrides = { ...overrides, ...partial };
  built = {};
}

export function resetDependencies(): void {
  overrides = {};
  built = {};
}
