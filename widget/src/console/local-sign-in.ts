import { h } from '../dom';
import { strings } from './strings';
import { accountOf, type SignInMethod, type Tokens } from './session';

export interface LocalSignInConfig {
  kind: 'local';
  /** `GET` → `{"accounts": [{"label", "therapistId", "role"}]}` */
  accountsUrl: string;
  /** `POST {"therapistId", "role"}` → `{"token"}` */
  tokenUrl: string;
}
interface LocalAccount { label: string; therapistId: string; role: 'therapist' | 'admin' }

/**
 * The local runtime's stand-in for Cognito's managed login: a page listing the demo practice's
 * sign-ins, each a button that asks the local issuer for a token. It draws into the console's own
 * page instead of redirecting, and has no refresh token: when a token ends, the user signs in again,
 * through the same path the Cognito method takes.
 */
export function localSignIn(config: LocalSignInConfig, root: HTMLElement): SignInMethod {
  const post = async (account: LocalAccount): Promise<Tokens> => {
    const response = await fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ therapistId: account.therapistId, role: account.role }),
    });
    if (!response.ok) throw new Error(`token ${response.status}`);
    const { token } = (await response.json()) as { token: string };
    return { idToken: token, expiresAt: accountOf(token).expiresAt };
  };
  return {
    resume: async () => undefined,
    begin: (notice) =>
      new Promise<Tokens>((resolve) => {
        const status = h('p', { role: 'status' });
        const list = h('ul', { class: 'accounts' });
        root.replaceChildren(
          h('main', { class: 'sign-in', id: 'main' },
            notice ? h('p', { class: 'notice', role: 'alert' }, notice) : null,
            h('h1', null, strings.signInTitle),
            h('p', { class: 'local-only' }, h('strong', null, strings.localOnlyBadge), ' ', strings.localOnlyExplained),
            list,
            status,
          ),
        );
        const show = async () => {
          status.textContent = strings.loading;
          try {
            const response = await fetch(config.accountsUrl, { headers: { accept: 'application/json' } });
            const { accounts } = (await response.json()) as { accounts: LocalAccount[] };
            status.textContent = '';
            list.replaceChildren(
              ...accounts.map((account) =>
                h('li', null,
                  h('button', {
                    type: 'button',
                    class: 'primary',
                    onclick: async () => {
                      status.textContent = strings.signingIn;
                      try {
                        resolve(await post(account));
                      } catch {
                        status.textContent = strings.signInFailed;
                      }
                    },
                  }, strings.signInAs(account.label)),
                ),
              ),
            );
            (list.querySelector('button') as HTMLButtonElement | null)?.focus();
          } catch {
            status.replaceChildren(strings.signInFailed, ' ', h('button', { type: 'button', onclick: show }, strings.tryAgain));
          }
        };
        void show();
      }),
    refresh: async () => undefined,
    signOut: async () => undefined,
  };
}
