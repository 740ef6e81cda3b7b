import * as z from '../validation/zod';
import { wholeNumber } from './whole-number';
import { multiLine, singleLine, singleLineUrl } from './text';
import { EnglishLocale } from './locale';

export const PracticeSettings = z.object({
  practiceName: z.string().check(z.trim(), z.minLength(1), z.maxLength(120), singleLine),
  senderName: z.string().check(z.trim(), z.minLength(1), z.maxLength(120), singleLine),
  senderEmail: z.email().check(singleLine),
  allowedOrigins: z.array(singleLineUrl()).check(z.maxLength(50)),
  lateCancellationHours: wholeNumber(0, 720),
  lateCancellationMode: z.enum(['refuse', 'flag']),
  reminderOffsetsMinutes: z.array(wholeNumber(5, 20160)).check(z.maxLength(5)),
  retentionDays: wholeNumber(1, 3650),
  emailsNameSessionType: z.boolean(),
  /** Shown to clients before they book and in their emails. */
  cancellationPolicy: z.optional(z.string().check(z.trim(), z.maxLength(2000), multiLine)),
  /** Where in-person sessions take place, as emails and invitations show it. */
  address: z.optional(z.string().check(z.trim(), z.maxLength(300), singleLine)),
  /** The video-call link of telehealth sessions. */
  videoUrl: z.optional(singleLineUrl().check(z.maxLength(500))),
  /** `always`: a booking holds its slot as `pending_verification` until every client confirms their address by email. */
  verifyClientEmail: z.enum(['off', 'always']),
  /** How long an unverified hold lasts. */
  verificationMinutes: wholeNumber(5, 1440),
  /** How long a request waits for the therapist's answer before it expires. */
  requestHoldHours: wholeNumber(1, 720),
  /** Public contact details (issue 16): shown wherever the widget sends a client to the practice, and in every email's footer. */
  contact: z.optional(
    z.object({
      phone: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(40), singleLine, z.regex(/^[+0-9 ()./-]+$/, 'a phone number: digits, spaces and + ( ) . / -'))),
      email: z.optional(z.email().check(z.maxLength(254), singleLine)),
    }),
  ),
  /**
   * The locale dates and times are written in, in the widget and in emails (issue 16): an English
   * BCP 47 tag (`en-US`, `en-GB`, `en-AU`…), since the wording is English; a `-u-hc-h12|h23`
   * extension picks the clock. Absent: the widget follows the page's `lang`, emails `en-US`.
   */
  locale: z.optional(EnglishLocale),
  /**
   * Per-client limits on public writes (issue 17), enforced in the functions with DynamoDB counters:
   * over one, `429 rate_limited` with `Retry-After`. A retry with the same Idempotency-Key never counts twice.
   */
  limits: z.object({
    /** Bookings (POST /v1/bookings) per source IP address per hour. */
    bookingsPerSourcePerHour: wholeNumber(1, 100000),
    /** Future held or confirmed bookings per client email per therapist. */
    activeBookingsPerClient: wholeNumber(1, 100000),
    /** Verification emails per address per (UTC) day. */
    verificationEmailsPerAddressPerDay: wholeNumber(1, 100000),
  }),
  /** How long audit entries are kept (issue 17): six years by default, the HIPAA documentation period. */
  auditRetentionDays: wholeNumber(30, 3660),
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
  // A deployed practice verifies addresses unless its admin turns that off (issue 14): nobody can
  // make the practice email "Appointment confirmed" to someone else's address.
  verifyClientEmail: 'always',
  verificationMinutes: 30,
  requestHoldHours: 48,
  limits: { bookingsPerSourcePerHour: 30, activeBookingsPerClient: 4, verificationEmailsPerAddressPerDay: 5 },
  auditRetentionDays: 2192,
};
