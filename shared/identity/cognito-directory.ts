import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Therapist } from '../domain/therapist';
import type { IdentityDirectory } from './identity-directory';

export const THERAPISTS_GROUP = 'therapists';

/** Therapists as Cognito users: the username is the therapist id; the id token carries it as `custom:therapistId`. */
export class CognitoDirectory implements IdentityDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async createTherapistUser(therapist: Therapist): Promise<void> {
    await this.client.send(
      new AdminCreateUserCommand({
        UserPoolId: this.userPoolId,
        Username: therapist.id,
        UserAttributes: [
          { Name: 'email', Value: therapist.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:therapistId', Value: therapist.id },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: therapist.id, GroupName: THERAPISTS_GROUP }));
  }

  async disableTherapistUser(therapist: Therapist): Promise<void> {
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: therapist.id }));
  }
}
