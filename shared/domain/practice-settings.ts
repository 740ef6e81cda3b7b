import { z } from 'zod';

export const PracticeSettings = z.object({
  practiceName: z.string().trim().min(1).max(120),
  senderName: z.string().trim().min(1).max(120),
  senderEmail: z.email(),
  allowedOrigins: z.array(z.url()).max(50),
  lateCancellationHours: z.number().int().min(0).max(720),
  lateCancellationMode: z.enum(['refuse', 'flag']),
  reminderOffsetsMinutes: z.array(z.number().int().min(5).max(20160)).max(5),
  retentionDays: z.number().int().min(1).max(3650),
  emailsNameSessionType: z.boolean(),
  /** Shown to clients before they book and in their emails. */
  cancellationPolicy: z.string().trim().max(2000).optional(),
  /** Where in-person sessions take place, as emails and invitations show it. */
  address: z.string().trim().max(300).optional(),
  /** The video-call link of telehealth sessions. */
  videoUrl: z.url().max(500).optional(),
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
