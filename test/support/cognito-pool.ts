import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

interface PoolUser {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  groups: Set<string>;
  /** An email change waiting for its code (the pool keeps the original until then). */
  pendingEmail?: string;
}

export interface SentCommand {
  name: string;
  input: Record<string, any>;
}

const cognitoError = (name: string, message: string) => Object.assign(new Error(message), { name, $fault: 'client' });

/**
 * An in-memory Cognito user pool behind the SDK client's `send`, for the commands the directory
 * uses. There is no Cognito stand-in to run locally, so this plays the documented behaviours that
 * matter here: usernames are unique (UsernameExistsException), a verified email is an alias of
 * one user only (AliasExistsException, unless ForceAliasCreation), ListUsers filters on
 * `email = "…"`, and with "keep original attribute value" an unverified email change waits.
 * Every command is recorded; `failNext` injects a service fault.
 */
export class CognitoPoolStandIn {
  readonly users = new Map<string, PoolUser>();
  readonly sent: SentCommand[] = [];
  private faults = new Map<string, Error>();

  readonly client = { send: (command: { input: Record<string, any>; constructor: { name: string } }) => this.handle(command) } as unknown as CognitoIdentityProviderClient;

  addUser(username: string, attributes: Record<string, string>, groups: string[] = []): PoolUser {
    const user: PoolUser = { username, attributes: { ...attributes }, enabled: true, groups: new Set(groups) };
    this.users.set(username, user);
    return user;
  }

  failNext(commandName: string, error = cognitoError('InternalErrorException', 'Simulated Cognito outage')): void {
    this.faults.set(commandName, error);
  }

  commands(name: string): Record<string, any>[] {
    return this.sent.filter((c) => c.name === name).map((c) => c.input);
  }

  private async handle(command: { input: Record<string, any>; constructor: { name: string } }): Promise<unknown> {
    const name = command.constructor.name.replace(/Command$/, '');
    const input = command.input;
    this.sent.push({ name, input });
    const fault = this.faults.get(name);
    if (fault) {
      this.faults.delete(name);
      throw fault;
    }
    const attrs = (list: { Name: string; Value: string }[] = []) => Object.fromEntries(list.map((a) => [a.Name, a.Value]));
    const user = () => {
      const found = this.users.get(input.Username);
      if (!found) throw cognitoError('UserNotFoundException', 'User does not exist.');
      return found;
    };
    const aliasHolder = (email: string, except?: string) =>
      [...this.users.values()].find((u) => u.username !== except && u.attributes.email === email && u.attributes.email_verified === 'true');
    switch (name) {
      case 'AdminCreateUser': {
        const given = attrs(input.UserAttributes);
        if (this.users.has(input.Username)) throw cognitoError('UsernameExistsException', 'User account already exists');
        const holder = given.email_verified === 'true' ? aliasHolder(given.email!) : undefined;
        if (holder && !input.ForceAliasCreation) throw cognitoError('AliasExistsException', 'An account with the given email already exists.');
        this.addUser(input.Username, given);
        return { User: { Username: input.Username } };
      }
      case 'AdminAddUserToGroup':
        user().groups.add(input.GroupName);
        return {};
      case 'AdminDeleteUser':
        user();
        this.users.delete(input.Username);
        return {};
      case 'AdminDisableUser':
        user().enabled = false;
        return {};
      case 'AdminEnableUser':
        user().enabled = true;
        return {};
      case 'AdminUpdateUserAttributes': {
        const target = user();
        const given = attrs(input.UserAttributes);
        if (given.email !== undefined) {
          if (given.email_verified === 'true') {
            if (aliasHolder(given.email, target.username)) throw cognitoError('AliasExistsException', 'An account with the given email already exists.');
            target.attributes.email = given.email;
            target.attributes.email_verified = 'true';
            delete target.pendingEmail;
          } else {
            target.pendingEmail = given.email; // AttributesRequireVerificationBeforeUpdate: email
          }
        }
        for (const [k, v] of Object.entries(given)) if (k !== 'email' && k !== 'email_verified') target.attributes[k] = v;
        return {};
      }
      case 'ListUsers': {
        const match = /^email = "(.*)"$/.exec(input.Filter ?? '');
        const users = [...this.users.values()].filter((u) => !match || u.attributes.email === match[1]!.replace(/\\(.)/g, '$1'));
        return { Users: users.map((u) => ({ Username: u.username, Enabled: u.enabled, Attributes: Object.entries(u.attributes).map(([Name, Value]) => ({ Name, Value })) })) };
      }
      default:
        throw new Error(`The Cognito stand-in does not know ${name}`);
    }
  }
}
