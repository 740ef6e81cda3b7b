import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, StringAttribute, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ADMIN_GROUP } from '../../../shared/http/principal';
import { THERAPISTS_GROUP } from '../../../shared/identity/cognito-directory';
import type { FunctionNeeds } from '../function-needs';
import { keepLogicalId } from './stable-logical-id';

/** Therapists' and admins' sign-in: a user pool only admins add people to, its groups, the console's client. */
export class SignIn extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const userPool = new UserPool(this, 'Therapists', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      customAttributes: { therapistId: new StringAttribute({ minLen: 1, maxLen: 63, mutable: false }) },
      passwordPolicy: { minLength: 14, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    keepLogicalId(userPool, 'Therapists637A52FC');
    for (const group of [ADMIN_GROUP, THERAPISTS_GROUP]) {
      keepLogicalId(new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: userPool.userPoolId, groupName: group }), `Group${group}`);
    }
    const consoleClient = new UserPoolClient(this, 'ConsoleClient', {
      userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
    });
    keepLogicalId(consoleClient, 'ConsoleClient4D43B885');
    this.userPool = userPool;
    this.consoleClient = consoleClient;
  }

  /** The user-pool actions a function needs (creating, disabling therapists' sign-ins), on this pool only. */
  grantAdminActions(grantee: { addToRolePolicy(s: PolicyStatement): void }, actions: NonNullable<FunctionNeeds['cognito']>): void {
    if (actions.length) grantee.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [this.userPool.userPoolArn] }));
  }
}
