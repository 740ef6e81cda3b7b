import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadConfig, type AppConfig } from '../config/config';
import { BookingRepository } from '../store/booking-repository';
import { createDocumentClient } from '../store/dynamo-client';
import { SettingsRepository } from '../store/settings-repository';
import { TherapistRepository } from '../store/therapist-repository';
import { systemClock, type Clock } from '../time/clock';

/**
 * The composition root: every handler gets its collaborators here, built once per container from
 * the environment. The local runtime and tests override only what AWS itself provides (the clock);
 * repositories always talk to a real DynamoDB (DynamoDB Local when run locally).
 */
export interface Dependencies {
  config: AppConfig;
  clock: Clock;
  db: DynamoDBDocumentClient;
  therapists: TherapistRepository;
  bookings: BookingRepository;
  settings: SettingsRepository;
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
      ...overrides,
    };
  }
  return built;
}

/** Replaces collaborators (for the local runtime's virtual clock, and tests). */
export function overrideDependencies(partial: Partial<Dependencies>): void {
  overrides = { ...overrides, ...partial };
  built = undefined;
}

export function resetDependencies(): void {
  overrides = {};
  built = undefined;
}
