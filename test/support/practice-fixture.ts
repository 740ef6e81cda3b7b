import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { PracticeSettings } from '../../shared/domain/practice-settings';
import type { WeeklySchedule } from '../../shared/domain/schedule';
import type { SessionType } from '../../shared/domain/therapist';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
// Tests seed and inspect through every adapter, whatever handler they load.
import '../../shared/runtime/everything';
import { backToSharedPractice, onSharedPractice, useOwnPractice } from './own-practice';

export const INDIVIDUAL: SessionType = { id: 'individual-50', name: 'Individual', kind: 'individual', durationMinutes: 50, modality: 'telehealth' };
export const COUPLES: SessionType = { id: 'couples-80', name: 'Couples', kind: 'couples', durationMinutes: 80, modality: 'in_person' };

const allWeek = (intervals: { start: string; end: string }[]) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, intervals])) as WeeklySchedule['weekly'];

export function scheduleFor(partial: Partial<WeeklySchedule> = {}): WeeklySchedule {
  return {
    timeZone: 'Europe/Berlin',
    weekly: allWeek([{ start: '09:00', end: '17:00' }]),
    bufferMinutes: 10,
    minimumNoticeMinutes: 60,
    horizonDays: 60,
    slotIntervalMinutes: 30,
    ...partial,
  };
}

/** A therapist of their own for one test: tests share a table and never each other's data. */
export async function createTherapist(schedule: Partial<WeeklySchedule> = {}, sessionTypes: SessionType[] = [INDIVIDUAL, COUPLES]): Promise<string> {
  const deps = dependencies();
  const id = `t-${randomUUID().slice(0, 8)}`;
  const full = scheduleFor(schedule);
  await deps.therapists.putTherapist({ id, displayName: 'Test Therapist', email: `${id}@example.test`, timeZone: full.timeZone, active: true });
  await deps.therapists.putSchedule(id, full);
  for (const type of sessionTypes) await deps.therapists.putSessionType(id, type);
  return id;
}

/** Changes the practice settings of a test's own practice (see own-practice.ts), never the shared one's. */
export async function putSettings(settings: Partial<PracticeSettings>): Promise<void> {
  if (onSharedPractice()) throw new Error('putSettings would change the settings every test file reads: call useOwnPractice() first');
  const deps = dependencies();
  const current = await deps.settings.read();
  // A practice's first settings get the shared table's high limits (global-setup.ts): a file lowers them itself (issue 17).
  const limits = current.version === 0 ? { limits: { bookingsPerSourcePerHour: 1000, activeBookingsPerClient: 1000, verificationEmailsPerAddressPerDay: 1000 } } : {};
  await deps.settings.put({ ...current.settings, ...limits, ...settings });
}

/** Every item of the table, for "nothing changed" and "no double booking" checks. */
export async function tableItems(): Promise<Record<string, any>[]> {
  const deps = dependencies();
  const items: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, any> | undefined;
  do {
    const page = await deps.db.send(new ScanCommand({ TableName: deps.config.tableName, ExclusiveStartKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export const client = (i: number) => ({ name: `Client ${i}`, email: `client${i}@example.test` });

/** A fixed clock the tests move by hand. */
export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

/**
 * The set-up of a file whose tests share a practice of their own with these settings (the hold
 * and verification files): the table, the test clock and the settings made before the file, the
 * clock put back to `at` before each test, the shared practice and real collaborators after it.
 */
export function ownPracticeForFile(clock: TestClock, at: string, settings: Partial<PracticeSettings>): void {
  beforeAll(async () => {
    await useOwnPractice();
    overrideDependencies({ clock });
    await putSettings(settings);
  });
  afterAll(() => {
    backToSharedPractice();
    resetDependencies();
  });
  beforeEach(() => clock.set(at));
}
