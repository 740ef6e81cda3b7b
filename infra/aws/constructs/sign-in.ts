import { Duration, RemovalPolicy, Stack, type CfnResource } from 'aws-cdk-lib';
import {
  AccountRecovery, ClientAttributes, Mfa, StringAttribute, UserPool, UserPoolClient, CfnUserPoolGroup, FeaturePlan,
  CfnManagedLoginBranding, ManagedLoginVersion, OAuthScope, UserPoolClientIdentityProvider, type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionNeeds } from '../function-needs';
import { ADMIN_GROUP } from '../../../shared/http/principal';
import { LINKED_THERAPIST_ATTRIBUTE, THERAPISTS_GROUP } from '../../../shared/identity/cognito-directory';

export interface SignInProps {
  /** The managed-login domain's prefix (`signInDomainPrefix`). */
  domainPrefix: string;
  /** Where managed login may send the browser back, after signing in and after signing out: the console's URLs. */
  consoleUrls: string[];
  mfa: 'optional' | 'required';
}

/**
 * The user pool therapists and admins sign in with (admin-created users only), its two groups and
 * the console's app client. A sign-in is linked to a therapist by `custom:linkedTherapistId`: mutable,
 * so an owner who signs in already can become a therapist later, and writable only through the
 * admin API (the app client may not write it). `custom:therapistId` stays: a custom attribute can
 * never be removed or made mutable, and the sign-ins made before carry it (decision 36).
 * The console signs in through Cognito's managed login on the pool's prefix domain, with the
 * authorization-code flow and PKCE (decision 48).
 */
export class SignIn extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: where the console sends the browser to sign in. */
  readonly domainUrl: string;

  constructor(scope: Construct, id: string, props: SignInProps) {
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
      // Required applies to every sign-in of the pool: Cognito has no per-group MFA (decision 49).
      mfa: props.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
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
      // SRP stays for the scripts that sign in without a browser; the console uses the code flow.
      authFlows: { userSrp: true },
      // The authorization code only: the implicit flow would put tokens in the URL. A public client
      // (no secret: a browser cannot keep one), so the code is bound to the console by PKCE.
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        // aws.cognito.signin.user.admin: the console enrols TOTP itself through Cognito's user API
        // (managed login offers no enrolment while MFA is optional). What that scope could also
        // write is bounded by writeAttributes below: locale only (decision 58).
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN],
        callbackUrls: props.consoleUrls,
        logoutUrls: props.consoleUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Signing out revokes the refresh token (and the tokens it issued) at /oauth2/revoke.
      enableTokenRevocation: true,
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

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login shows no page for a client without a branding style: Cognito's own defaults.
    const branding = new CfnManagedLoginBranding(this, 'ConsoleBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);
    // From the prefix, not the domain resource: the console's CSP names it without waiting for it.
    this.domainUrl = `https://${props.domainPrefix}.auth.${Stack.of(this).region}.amazoncognito.com`;
  }

  /** The user-pool actions a function needs (creating, disabling, syncing therapists' sign-ins), on this pool only. */
  grantAdminActions(grantee: { addToRolePolicy(s: PolicyStatement): void }, actions: NonNullable<FunctionNeeds['cognito']>): void {
    if (actions.length) grantee.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources: [this.userPool.userPoolArn] }));
  }
}
