import { z } from 'zod';
import { multiLine, singleLine, singleLineUrl } from './text';

export const PracticeSettings = z.object({
  practiceName: z.string().trim().min(1).max(120).check(singleLine),
  senderName: z.string().trim().min(1).max(120).check(singleLine),
  senderEmail: z.email().check(singleLine),
  allowedOrigins: z.array(singleLineUrl()).max(50),
  lateCancellationHours: z.number().int().min(0).max(720),
  lateCancellationMode: z.enum(['refuse', 'flag']),
  reminderOffsetsMinutes: z.array(z.number().int().min(5).max(20160)).max(5),
  retentionDays: z.number().int().min(1).max(3650),
  emailsNameSessionType: z.boolean(),
  /** Shown to clients before they book and in their emails. */
  cancellationPolicy: z.string().trim().max(2000).check(multiLine).optional(),
  /** Where in-person sessions take place, as emails and invitations show it. */
  address: z.string().trim().max(300).check(singleLine).optional(),
  /** The video-call link of telehealth sessions. */
  videoUrl: singleLineUrl().max(500).optional(),
});
export type PracticeSettings = z.infer<typeof PracticeSettings>;

/** What a practice gets before an admin changes anything: discreet and conservative. */
export const DEFAULT_PRACTICE_SETTINGS: PracticeSettings = {
  practiceName: 'Our practice',
  senderName: 'Appointments',
  senderEmail: 'appointments@example.com',
  allowedOrigins: [],
  lateCancellationHours: 24,
  lateCancellationMode: 'flag',
  reminderOffsetsMinutes: [1440, 120],
  retentionDays: 30,
  emailsNameSessionType: false,
};
