import { z } from 'zod';
import { multiLine, singleLine } from './text';

export const SessionKind = z.enum(['individual', 'couples']);
export type SessionKind = z.infer<typeof SessionKind>;
/** How many clients each kind of session takes. */
export const CLIENTS_PER_KIND: Record<SessionKind, number> = { individual: 1, couples: 2 };

export const Modality = z.enum(['in_person', 'telehealth']);

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes (max 63)');

export const SessionType = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(100).check(singleLine),
  kind: SessionKind,
  durationMinutes: z.number().int().min(5).max(480),
  modality: Modality,
  description: z.string().trim().max(1000).check(multiLine).optional(),
  hidden: z.boolean().optional(),
});
export type SessionType = z.infer<typeof SessionType>;

export interface Therapist {
  id: string;
  displayName: string;
  email: string;
  bio?: string;
  timeZone: string;
  active: boolean;
}

