import { NO_DIRECTORY, type IdentityDirectory } from '../identity/identity-directory';
import { provide } from './dependencies';

/**
 * Therapists' sign-ins (Cognito): imported by the functions that create, link, disable or move
 * them. Few requests do (adding a therapist, a changed email), so the Cognito client is loaded on
 * the first call that needs it, not at a cold start of the area's function.
 */
provide({
  identity: ({ config }): IdentityDirectory => {
    const userPoolId = config.userPoolId;
    if (!userPoolId) return NO_DIRECTORY;
    let loading: Promise<IdentityDirectory> | undefined;
    const directory = () =>
      (loading ??= import('./cognito').then(({ cognitoDirectory }) => cognitoDirectory(config.region, userPoolId)).catch((error: unknown) => {
        loading = undefined;
        throw error;
      }));
    return {
      createTherapistUser: async (therapist) => (await directory()).createTherapistUser(therapist),
      disableUser: async (username) => (await directory()).disableUser(username),
      enableUser: async (username) => (await directory()).enableUser(username),
      changeEmail: async (username, email, verified) => (await directory()).changeEmail(username, email, verified),
    };
  },
});
