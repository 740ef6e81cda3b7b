import { audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import type { Therapist } from '../domain/therapist';
import { conflict, notFound } from '../errors/domain-errors';
import { logger } from '../logging/logger';
import { keys } from '../store/table-schema';
import { readableId } from '../domain/readable-id';
import type { TherapistRepository } from '../store/therapist-repository';
import type { IdentityDirectory } from '../identity/identity-directory';

/** What this module needs, in its own terms: any object with these members will do. */
export interface TherapistAdminPorts {
  therapists: Pick<TherapistRepository, 'deleteItem' | 'getProfile' | 'putTherapist' | 'setSignInUsername' | 'updateTherapist'>;
  identity: IdentityDirectory;
  /** Each change writes its audit entry in its own transaction (issue 17). */
  audit: Pick<AuditLog, 'entry'>;
}

type Deps = TherapistAdminPorts;

export interface NewTherapist {
  id?: string | undefined;
  displayName: string;
  email: string;
  timeZone: string;
  bio?: string | undefined;
  photoUrl?: string | undefined;
}

/**
 * Adds a therapist and their sign-in (or links the existing sign-in of their email: the owner
 * becoming a therapist). If the sign-in cannot be made, the therapist is not kept.
 */
export async function createTherapist(deps: Deps, input: NewTherapist, actor: string): Promise<Therapist> {
  const therapist: Therapist = {
    id: input.id ?? readableId(input.displayName, 'therapist'),
    displayName: input.displayName,
    email: input.email,
    timeZone: input.timeZone,
    active: true,
    ...(input.bio ? { bio: input.bio } : {}),
    ...(input.photoUrl ? { photoUrl: input.photoUrl } : {}),
  };
  const created = audit(deps.audit, actor, 'therapist.create', therapist.id);
  if (!(await deps.therapists.putTherapist(therapist, { onlyIfNew: true, audit: created }))) throw conflict('A therapist with this id exists already.');
  try {
    const { username } = await deps.identity.createTherapistUser(therapist);
    if (username !== therapist.id) await deps.therapists.setSignInUsername(therapist.id, username);
  } catch (error) {
    // The creation was recorded with the profile; its undoing is recorded with the removal.
    await deps.therapists.deleteItem(keys.therapist(therapist.id), audit(deps.audit, actor, 'therapist.createUndone', therapist.id));
    throw error;
  }
  logger.info('therapist created', { therapistId: therapist.id });
  return therapist;
}

export interface UpdateOptions {
  /** Whoever changes the email vouches for it (an admin), or the new address must confirm it (the therapist). */
  emailVerified: boolean;
  /** Who changes it (a subject id) and how the audit log names the change. */
  actor: string;
  action: 'profile.update' | 'therapist.update' | 'therapist.deactivate';
}

/**
 * Changes profile fields and keeps the sign-in in step: a new email moves the sign-in first (an
 * address another sign-in has is a conflict, and nothing changes); `active` enables or disables
 * it. The sign-in goes first where the profile would otherwise promise what it cannot do, last
 * on deactivation (the profile refuses the therapist's calls at once); each call is idempotent,
 * so a retry after a failure in between completes the change. An existing sign-in linked to the
 * therapist (the owner's, also an admin) is never disabled with the therapist profile: the
 * profile's `active: false` refuses its therapist calls, and its admin access stays.
 */
export async function updateTherapist(deps: Deps, therapistId: string, fields: Partial<Omit<Therapist, 'id'>>, options: UpdateOptions): Promise<Therapist> {
  const profile = await deps.therapists.getProfile(therapistId);
  if (!profile) throw notFound('The therapist');
  const username = profile.signInUsername ?? therapistId;
  const ownSignIn = profile.signInUsername === undefined;
  if (fields.email !== undefined && fields.email !== profile.therapist.email) await deps.identity.changeEmail(username, fields.email, options.emailVerified);
  if (fields.active === true && ownSignIn) await deps.identity.enableUser(username);
  const updated = await deps.therapists.updateTherapist(therapistId, fields, audit(deps.audit, options.actor, options.action, therapistId));
  if (!updated) throw notFound('The therapist');
  if (fields.active === false && ownSignIn) await deps.identity.disableUser(username);
  return updated;
}

/** Deactivates: no new bookings, no sign-in; their bookings and history stay. */
export async function deactivateTherapist(deps: Deps, therapistId: string, actor: string): Promise<Therapist> {
  const therapist = await updateTherapist(deps, therapistId, { active: false }, { emailVerified: true, actor, action: 'therapist.deactivate' });
  logger.info('therapist deactivated', { therapistId });
  return therapist;
}
