/**
 * The few calls of Cognito's user API the console makes itself, from the browser, with the signed-in
 * user's ACCESS token (as Amplify does): the user's own MFA state, and enrolling or removing an
 * authenticator app. Plain JSON 1.1 over fetch (`x-amz-target` names the operation): the SDK would
 * add far more bytes than these four calls, and nothing here needs AWS credentials — Cognito
 * authorises these operations by the access token alone, which must carry the
 * `aws.cognito.signin.user.admin` scope (decision 58).
 */

/** Cognito's user API of a region. */
export const cognitoUserApiUrl = (region: string): string => `https://cognito-idp.${region}.amazonaws.com/`;

/** An error Cognito answered with (`__type`, e.g. `EnableSoftwareTokenMFAException`), or `network`. */
export class CognitoError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
  /** The access token was refused (ended, revoked, or without the scope). */
  get refused() {
    return this.type === 'NotAuthorizedException';
  }
  /** The code typed did not match the app's secret. */
  get codeMismatch() {
    return this.type === 'EnableSoftwareTokenMFAException' || this.type === 'CodeMismatchException';
  }
}

export interface CognitoUser {
  username: string;
  /** The sign-in's email, if it has one: the account name an authenticator app shows. */
  email?: string;
  /** TOTP is set up and used at sign-in. */
  totpEnabled: boolean;
}

interface Tokens {
  accessToken(): Promise<string>;
  refused(): Promise<string>;
  signInAgain(): Promise<never>;
}

/** `__type` may carry a namespace (`com.amazonaws…#Name`) or a suffix (`Name:http://…`): the name alone. */
const typeName = (raw: unknown): string => (typeof raw === 'string' ? raw.split('#').pop()!.split(':')[0]! : 'unreadable');

export function cognitoUserApi(url: string, tokens: Tokens) {
  async function attempt<T>(operation: string, accessToken: string, body: Record<string, unknown>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
        body: JSON.stringify({ AccessToken: accessToken, ...body }),
      });
    } catch {
      throw new CognitoError('network', 'network');
    }
    const json = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (response.ok) return (json ?? {}) as T;
    throw new CognitoError(typeName(json?.__type), typeof json?.message === 'string' ? json.message : '');
  }

  /** With the token in hand; refused → once more with a refreshed one; refused again → sign in again. */
  async function call<T>(operation: string, body: Record<string, unknown> = {}): Promise<T> {
    try {
      return await attempt<T>(operation, await tokens.accessToken(), body);
    } catch (error) {
      if (!(error instanceof CognitoError && error.refused)) throw error;
    }
    try {
      return await attempt<T>(operation, await tokens.refused(), body);
    } catch (error) {
      if (error instanceof CognitoError && error.refused) return tokens.signInAgain();
      throw error;
    }
  }

  return {
    async getUser(): Promise<CognitoUser> {
      const answer = await call<{ Username?: string; UserAttributes?: { Name: string; Value?: string }[]; UserMFASettingList?: string[] }>('GetUser');
      const email = answer.UserAttributes?.find((a) => a.Name === 'email')?.Value;
      return { username: answer.Username ?? '', ...(email ? { email } : {}), totpEnabled: (answer.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA') };
    },
    /** A new secret for an authenticator app; nothing changes at sign-in until it is verified. */
    async associate(): Promise<string> {
      const { SecretCode } = await call<{ SecretCode?: string }>('AssociateSoftwareToken');
      if (!SecretCode) throw new CognitoError('unreadable', '');
      return SecretCode;
    },
    /** Checks a code from the app against the secret, then makes TOTP the sign-in's second step. */
    async verifyAndEnable(code: string, deviceName: string): Promise<void> {
      const { Status } = await call<{ Status?: string }>('VerifySoftwareToken', { UserCode: code, FriendlyDeviceName: deviceName });
      if (Status !== 'SUCCESS') throw new CognitoError('EnableSoftwareTokenMFAException', '');
      await call('SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    },
    async disable(): Promise<void> {
      await call('SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
    },
  };
}

export type CognitoUserApi = ReturnType<typeof cognitoUserApi>;

/** The secret as people copy it: groups of four (`ABCD EFGH …`). Apps ignore the spaces. */
export const groupInFours = (secret: string): string => secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The Key URI an authenticator app reads (`otpauth://totp/<issuer>:<account>?secret=…&issuer=…`):
 * the issuer names the practice discreetly, never the kind of therapy.
 */
export function otpauthUrl(issuer: string, account: string, secret: string): string {
  const params = new URLSearchParams({ secret: secret.replace(/\s+/g, ''), issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?${params.toString().replace(/\+/g, '%20')}`;
}
