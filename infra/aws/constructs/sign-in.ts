import { Duration, RemovalPolicy, type CfnResource } from 'aws-cdk-lib';
import {
  AccountRecovery, ClientAttributes, Mfa, StringAttribute, UserPool, UserPoolClient, CfnUserPoolGroup, FeaturePlan,
} from 'aws-cdk-lib/aws-cognito';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionNeeds } from '../function-needs';
import { ADMIN_GROUP } from '../../../shared/http/principal';
import { LINKED_THERAPIST_ATTRIBUTE, THERAPISTS_GROUP } from '../../../shared/identity/cognito-directory';

/**
 * The user pool therapists and admins sign in with (admin-created users only), its two groups and
 * the console's app client. A sign-in is linked to a therapist by `custom:linkedTherapistId`: mutable,
 * so an owner who signs in already can become a therapist later, and writable only through the
 * admin API (the app client may not write it). `custom:therapistId` stays: a custom attribute can
 * never be removed or made mutable, and the sign-ins made before carry it (decision 36).
 */
export class SignIn extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Therapists', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      // A therapist's own email change goes to Cognito unverified: the verified address stays the
      // sign-in and recovery address until the new one is confirmed (an admin's change is trusted).
      keepOriginal: { email: true },
      customAttributes: {
        therapistId: new StringAttribute({ minLen: 1, maxLen: 63, mutable: false }),
        [LINKED_THERAPIST_ATTRIBUTE.replace('custom:', '')]: new StringAttribute({ minLen: 1, maxLen: 63, mutable: true }),
      },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const groups = [ADMIN_GROUP, THERAPISTS_GROUP].map((group) => new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: this.userPool.userPoolId, groupName: group }));
    this.consoleClient = new UserPoolClient(this, 'ConsoleClient', {
      userPool: this.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      // Without a list a signed-in user could rewrite their own attributes with their access token:
      // the therapist link (so: become another therapist) and the email the app keeps in sync.
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
    });
    // Created at the stack's top level before: the same logical ids keep the pool (and its users),
    // the groups (and their members) and the client id of a deployed stack.
    (this.userPool.node.defaultChild as CfnResource).overrideLogicalId('Therapists637A52FC');
    groups.forEach((g, i) => g.overrideLogicalId(`Group${[ADMIN_GROUP, THERAPISTS_GROUP][i]}`));
    (this.consoleClient.node.defaultChild as CfnResource).overrideLogicalId('ConsoleClient4D43B885');
  }

  /** The user-pool actions a function needs (creating, disabling, syncing therapists' sign-ins), on this pool only. */
  grantAdminActions(grantee: { addToRolePolicy(s: PolicyStatement): void }, actions: NonNullable<FunctionNeeds['cognito']>): void {
    if (actions.length) grantee.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [this.userPool.userPoolArn] }));
  }
}
