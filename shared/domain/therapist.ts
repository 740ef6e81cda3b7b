import * as z from '../validation/zod';
import { wholeNumber } from './whole-number';
import { multiLine, singleLine } from './text';

export const SessionKind = z.enum(['individual', 'couples']);
export type SessionKind = z.infer<typeof SessionKind>;
/** How many clients each kind of session takes. */
export const CLIENTS_PER_KIND: Record<SessionKind, number> = { individual: 1, couples: 2 };

export const Modality = z.enum(['in_person', 'telehealth']);

export const Slug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)'));

/** How often a series may repeat: every 1 to 4 weeks (API.md, "Standing appointments"). */
export const EveryWeeks = wholeNumber(1, 4);
/** The most occurrences a series may have. */
export const MAX_SERIES_COUNT = 52;

/**
 * Whether clients may book this type as a series, and how: the intervals they may pick and the most
 * occurrences. Without it only the therapist can set up a series of the type.
 */
export const SessionRepeat = z.object({
  everyWeeks: z
    .array(EveryWeeks)
    .check(
      z.minLength(1, 'must allow at least one interval'),
      z.refine((weeks) => new Set(weeks).size === weeks.length, 'must not repeat an interval'),
    ),
  maxCount: wholeNumber(2, MAX_SERIES_COUNT),
});
export type SessionRepeat = z.infer<typeof SessionRepeat>;

/** Existing client = an address with a past, non-cancelled session with this therapist (API.md, "Requests"). */
export const SessionAudience = z.enum(['everyone', 'new_clients', 'existing_clients']);
export type SessionAudience = z.infer<typeof SessionAudience>;
export const SessionApproval = z.enum(['none', 'new_clients', 'always']);
export type SessionApproval = z.infer<typeof SessionApproval>;

export const SessionType = z.object({
  id: Slug,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100), singleLine),
  kind: SessionKind,
  durationMinutes: wholeNumber(5, 480),
  modality: Modality,
  description: z.optional(z.string().check(z.trim(), z.maxLength(1000), multiLine)),
  hidden: z.optional(z.boolean()),
  repeat: z.optional(SessionRepeat),
  /** Who may book it, judged once the addresses are verified (absent: everyone). */
  audience: z.optional(SessionAudience),
  /** Whether a verified booking waits for the therapist's approval (absent: none). */
  approval: z.optional(SessionApproval),
});
export type SessionType = z.infer<typeof SessionType>;

export interface Therapist {
  id: string;
  displayName: string;
  email: string;
  bio?: string;
  /** An https address of their photo (the widget shows it only from the page's or the API's origin). */
  photoUrl?: string;
  timeZone: string;
  active: boolean;
}

