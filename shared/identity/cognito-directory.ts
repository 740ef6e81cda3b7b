import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUpdateUserAttributesCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Therapist } from '../domain/therapist';
import { conflict } from '../errors/domain-errors';
import { LEGACY_THERAPIST_ID_CLAIM, LINKED_THERAPIST_CLAIM } from '../http/principal';
import type { IdentityDirectory } from './identity-directory';

export const THERAPISTS_GROUP = 'therapists';
/** The mutable attribute that links a sign-in to a therapist; the id token carries it as a claim. */
export const LINKED_THERAPIST_ATTRIBUTE = LINKED_THERAPIST_CLAIM;

const isError = (error: unknown, ...names: string[]) => names.includes((error as Error)?.name);
const attribute = (user: UserType, name: string) => user.Attributes?.find((a) => a.Name === name)?.Value || undefined;

/**
 * Therapists as Cognito users: the username of a sign-in made for a therapist is their id, and
 * `custom:linkedTherapistId` names the therapist a sign-in acts as (sign-ins made before it existed
 * carry the immutable `custom:therapistId` instead; decision 36).
 */
export class CognitoDirectory implements IdentityDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async createTherapistUser(therapist: Therapist): Promise<{ username: string }> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: therapist.id,
          UserAttributes: [
            { Name: 'email', Value: therapist.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: LINKED_THERAPIST_ATTRIBUTE, Value: therapist.id },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
          // Never move the address away from the sign-in that has it (that would lock its owner out).
          ForceAliasCreation: false,
        }),
      );
    } catch (error) {
      if (!isError(error, 'AliasExistsException', 'UsernameExistsException')) throw error;
      return this.linkExisting(therapist);
    }
    try {
      await this.addToTherapists(therapist.id);
    } catch (error) {
      // All or nothing: a sign-in left behind would make every retry a conflict.
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: therapist.id }));
      throw error;
    }
    return { username: therapist.id };
  }

  async disableUser(username: string): Promise<void> {
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async enableUser(username: string): Promise<void> {
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async changeEmail(username: string, email: string, verified: boolean): Promise<void> {
    try {
      await this.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: this.userPoolId,
          Username: username,
          UserAttributes: [{ Name: 'email', Value: email }, ...(verified ? [{ Name: 'email_verified', Value: 'true' }] : [])],
        }),
      );
    } catch (error) {
      if (isError(error, 'AliasExistsException')) throw conflict('This email address already signs in as someone else.');
      throw error;
    }
  }

  /**
   * The email (or the id, as a username) signs in already. Linked to no therapist: that sign-in is
   * the owner's or an admin's, and becomes this therapist's too. Linked to this therapist: a retry.
   * Linked to another one, or the id taken by a sign-in of another address: a conflict.
   */
  private async linkExisting(therapist: Therapist): Promise<{ username: string }> {
    const existing = await this.findByEmail(therapist.email);
    const linkedTo = existing && (attribute(existing, LINKED_THERAPIST_ATTRIBUTE) ?? attribute(existing, LEGACY_THERAPIST_ID_CLAIM));
    if (!existing?.Username || (linkedTo && linkedTo !== therapist.id)) {
      throw conflict('This email address or id already signs in as another therapist.');
    }
    await this.addToTherapists(existing.Username);
    if (!linkedTo) {
      await this.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: this.userPoolId,
          Username: existing.Username,
          UserAttributes: [{ Name: LINKED_THERAPIST_ATTRIBUTE, Value: therapist.id }],
        }),
      );
    }
    return { username: existing.Username };
  }

  private async findByEmail(email: string): Promise<UserType | undefined> {
    const { Users } = await this.client.send(
      new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: `email = "${email.replace(/["\\]/g, '\\$&')}"`, Limit: 2 }),
    );
    return Users?.[0];
  }

  private async addToTherapists(username: string): Promise<void> {
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: THERAPISTS_GROUP }));
  }
}
