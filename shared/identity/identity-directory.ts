import type { Therapist } from '../domain/therapist';

/**
 * Where therapists sign in. In AWS a Cognito user pool (admin-created users only); locally there
 * is nothing to create: the local issuer mints tokens for any therapist id (POST /_local/token).
 */
export interface IdentityDirectory {
  /** Creates the sign-in for a new therapist (an invitation email comes from the pool). */
  createTherapistUser(therapist: Therapist): Promise<void>;
  /** Stops a deactivated therapist from signing in. */
  disableTherapistUser(therapist: Therapist): Promise<void>;
}

export const NO_DIRECTORY: IdentityDirectory = {
  createTherapistUser: async () => undefined,
  disableTherapistUser: async () => undefined,
};
