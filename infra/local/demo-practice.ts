import type { PracticeSettings } from '../../shared/domain/practice-settings';
import type { WeeklySchedule } from '../../shared/domain/schedule';
import type { SessionType, Therapist } from '../../shared/domain/therapist';
import type { SettingsRepository } from '../../shared/store/settings-repository';
import type { TherapistRepository } from '../../shared/store/therapist-repository';

const workday = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];

/** A fictional practice to try the system with: one therapist, both session kinds. */
export const DEMO_THERAPIST: Therapist = {
  id: 'demo',
  displayName: 'Dr. Robin Hale',
  email: 'robin.hale@harbor-light.example',
  bio: 'Individual and couples therapy, in person and by video.',
  timeZone: 'America/New_York',
  active: true,
};

export const DEMO_SCHEDULE: WeeklySchedule = {
  timeZone: 'America/New_York',
  weekly: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
  bufferMinutes: 10,
  minimumNoticeMinutes: 12 * 60,
  horizonDays: 90,
  slotIntervalMinutes: 30,
  maxSessionsPerDay: 6,
};

export const DEMO_SESSION_TYPES: SessionType[] = [
  // Weekly or fortnightly, up to 12 sessions: the widget offers a series for it (issue 13).
  { id: 'individual-50', name: 'Individual session', kind: 'individual', durationMinutes: 50, modality: 'telehealth', description: 'One client, by secure video.', repeat: { everyWeeks: [1, 2], maxCount: 12 } },
  { id: 'couples-80', name: 'Couples session', kind: 'couples', durationMinutes: 80, modality: 'in_person', description: 'Two partners, at the practice.' },
];

export function demoSettings(publicOrigin: string): PracticeSettings {
  return {
    practiceName: 'Harbor Light Therapy',
    senderName: 'Harbor Light Therapy',
    senderEmail: 'appointments@harbor-light.example',
    allowedOrigins: [publicOrigin],
    lateCancellationHours: 24,
    lateCancellationMode: 'flag',
    reminderOffsetsMinutes: [1440, 120],
    retentionDays: 30,
    emailsNameSessionType: false,
    cancellationPolicy: 'Please cancel or reschedule at least 24 hours ahead. Later cancellations may be charged.',
    address: '12 Harbor Street, Suite 4, Portland, ME 04101',
    videoUrl: 'https://video.harbor-light.example/room/waiting-room',
    // API.md: the demo keeps bookings instant; a deployed practice verifies (the default).
    verifyClientEmail: 'off',
    verificationMinutes: 30,
    requestHoldHours: 48,
    // API.md: the demo seeds high limits so local checks are not throttled until a test lowers them.
    limits: { bookingsPerSourcePerHour: 1000, activeBookingsPerClient: 1000, verificationEmailsPerAddressPerDay: 1000 },
    auditRetentionDays: 2192,
  };
}

/** Writes the demo practice unless it is there: a restart never overwrites what was changed. */
export async function seedDemoPractice(repos: { therapists: TherapistRepository; settings: SettingsRepository }, publicOrigin: string): Promise<boolean> {
  const created = await repos.therapists.putTherapist(DEMO_THERAPIST, { onlyIfNew: true });
  await repos.therapists.putSchedule(DEMO_THERAPIST.id, DEMO_SCHEDULE, { onlyIfNew: true });
  for (const sessionType of DEMO_SESSION_TYPES) await repos.therapists.putSessionType(DEMO_THERAPIST.id, sessionType, { onlyIfNew: true });
  await repos.settings.put(demoSettings(publicOrigin), { onlyIfNew: true });
  return created;
}
