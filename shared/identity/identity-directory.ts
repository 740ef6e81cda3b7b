import type { Therapist } from '../domain/therapist';

/**
 * Where therapists sign in. In AWS a Cognito user pool (admin-created users only); locally there
 * is nothing to create: the local issuer mints tokens for any therapist id (POST /_local/token).
 * A sign-in is named by its username: the therapist's id for sign-ins made for them, another one
 * for a sign-in that existed before and was linked to them (the practice owner's).
 */
export interface IdentityDirectory {
  /**
   * Gives a new therapist a sign-in: a new one (an invitation email comes from the pool), or the
   * existing sign-in of their email when it is linked to no therapist yet (an owner or admin who
   * is also a therapist), linked now. Throws `conflict` when the email or the id signs in as
   * another therapist already; then nothing is created or changed.
   */
  createTherapistUser(therapist: Therapist): Promise<{ username: string }>;
  /** Stops a deactivated therapist from signing in. */
  disableUser(username: string): Promise<void>;
  /** Lets a re-activated therapist sign in again. */
  enableUser(username: string): Promise<void>;
  /**
   * Moves the sign-in to a new address. `verified`: the change is vouched for (an admin's);
   * otherwise the pool asks the new address for a code and keeps the old one until then.
   * Throws `conflict` when the address signs in as someone else.
   */
  changeEmail(username: string, email: string, verified: boolean): Promise<void>;
}

export const NO_DIRECTORY: IdentityDirectory = {
  createTherapistUser: async (therapist) => ({ username: therapist.id }),
  disableUser: async () => undefined,
  enableUser: async () => undefined,
  changeEmail: async () => undefined,
};
