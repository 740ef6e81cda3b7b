import { h } from '../dom';
import { cognitoUserApi, CognitoError, groupInFours, otpauthUrl, type CognitoUser } from './cognito-user-api';
import { confirmDialog } from './confirm-dialog';
import { ApiError, SignInNeeded } from './console-api';
import { FieldErrors } from './form';
import { strings } from './strings';
import type { OpenView, ViewContext, ViewDefinition } from './views';

/** What a failure says, where: a wrong code at the code field, the rest in the form's summary. */
function asShown(error: unknown): ApiError {
  if (error instanceof CognitoError && error.codeMismatch) return new ApiError(400, error.type, '', [{ path: 'code', message: strings.twoStepCodeMismatch }]);
  if (error instanceof CognitoError && error.type === 'network') return new ApiError(503, 'network', strings.twoStepUnreachable);
  if (error instanceof CognitoError && /LimitExceeded|TooManyRequests|TooManyFailedAttempts/.test(error.type)) return new ApiError(429, error.type, strings.twoStepTooMany);
  return new ApiError(400, 'failed', strings.twoStepFailed(error instanceof CognitoError ? error.type : 'unreadable'));
}

/**
 * Two-step sign-in: an authenticator app (TOTP) added to or removed from the user's own Cognito
 * sign-in, through Cognito's user API with their access token (decision 58). With `signIn.mfa`
 * "optional" managed login offers no enrolment, so this is where a user turns it on; with
 * "required" it is shown as on and cannot be turned off. Locally there is no Cognito: the view says so.
 *
 * No draft: the only unsaved input is a code that is stale in 30 seconds and a secret that must not
 * be written to sessionStorage. After a new sign-in the user starts again with a new secret.
 */
export const securityView: ViewDefinition = {
  route: '#/security',
  title: strings.twoStepTitle,
  area: 'account',
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const { signIn } = ctx;
    if (signIn.kind !== 'cognito' || !signIn.userApiUrl) {
      return { element: h('div', { class: 'two-step' }, h('p', null, strings.twoStepExplained), h('p', { class: 'notice' }, strings.twoStepLocal)) };
    }
    const cognito = cognitoUserApi(signIn.userApiUrl, signIn);
    const user: CognitoUser = await cognito.getUser();
    const issuer = signIn.issuer || strings.appTitle;
    const required = signIn.mfa === 'required';
    const element = h('div', { class: 'two-step' });
    const state = h('p', { class: 'two-step-state', tabindex: '-1' });

    const failed = (errors: FieldErrors) => (error: unknown) => {
      if (!(error instanceof SignInNeeded)) errors.show(asShown(error));
    };

    function showState(): void {
      const errors = new FieldErrors();
      state.textContent = user.totpEnabled ? strings.twoStepOn : strings.twoStepOff;
      state.classList.toggle('on', user.totpEnabled);
      const setUp = h('button', { type: 'button', class: 'primary', onclick: () => void begin(setUp, errors) }, strings.twoStepSetUp);
      const turnOff = h('button', { type: 'button', class: 'danger', onclick: () => void off(turnOff, errors) }, strings.twoStepTurnOff);
      element.replaceChildren(
        h('p', null, strings.twoStepExplained),
        state,
        user.totpEnabled && required ? h('p', { class: 'notice' }, strings.twoStepRequired) : '',
        errors.summary,
        h('div', { class: 'actions' }, user.totpEnabled ? (required ? null : turnOff) : setUp),
      );
    }

    async function begin(button: HTMLButtonElement, errors: FieldErrors): Promise<void> {
      button.disabled = true;
      try {
        showSetup(await cognito.associate());
      } catch (error) {
        button.disabled = false;
        failed(errors)(error);
      }
    }

    function showSetup(secret: string): void {
      const errors = new FieldErrors();
      const key = h('input', { type: 'text', readonly: true, value: groupInFours(secret), class: 'totp-key', spellcheck: 'false', autocomplete: 'off' });
      const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 7, class: 'totp-code' });
      const account = user.email || user.username;
      const turnOn = h('button', { type: 'submit', class: 'primary' }, strings.twoStepTurnOn);
      const copyKey = async () => {
        try {
          await navigator.clipboard.writeText(secret);
          ctx.announce(strings.twoStepKeyCopied);
        } catch {
          key.focus();
          key.select();
          ctx.announce(strings.twoStepKeySelected);
        }
      };
      const submit = async (event: Event) => {
        event.preventDefault();
        const typed = code.value.replace(/\s+/g, '');
        // Checked here too: Cognito would refuse it, but after a round trip and with a vaguer word.
        if (!/^\d{6}$/.test(typed)) return errors.show(new ApiError(400, 'invalid', '', [{ path: 'code', message: strings.twoStepCodeFormat }]));
        turnOn.disabled = true;
        try {
          await cognito.verifyAndEnable(typed, strings.twoStepDeviceName);
          user.totpEnabled = true;
          showState();
          state.focus();
          ctx.announce(strings.twoStepTurnedOn);
        } catch (error) {
          turnOn.disabled = false;
          failed(errors)(error);
        }
      };
      const cancel = h('button', { type: 'button', onclick: () => {
        showState();
        element.querySelector<HTMLButtonElement>('.actions button')?.focus();
      } }, strings.cancel);
      element.replaceChildren(
        h('p', null, strings.twoStepExplained),
        h('form', { class: 'two-step-setup', novalidate: true, onsubmit: (e: Event) => void submit(e) },
          errors.summary,
          h('ol', { class: 'steps' },
            h('li', null,
              h('p', null, strings.twoStepStepAdd),
              errors.field('key', strings.twoStepKey, key, strings.twoStepKeyHint(issuer)),
              h('div', { class: 'actions' },
                h('button', { type: 'button', onclick: () => void copyKey() }, strings.twoStepCopyKey),
                h('a', { href: otpauthUrl(issuer, account, secret), class: 'button-link' }, strings.twoStepOpenApp)),
              h('p', { class: 'hint' }, strings.twoStepNoQr)),
            h('li', null,
              h('p', null, strings.twoStepStepCode),
              errors.field('code', strings.twoStepCode, code, strings.twoStepCodeHint))),
          h('div', { class: 'actions' }, turnOn, cancel)),
      );
      key.focus();
    }

    async function off(button: HTMLButtonElement, errors: FieldErrors): Promise<void> {
      const { done } = confirmDialog({ host: element, title: strings.twoStepTurnOffTitle, message: strings.twoStepTurnOffWarning, confirmLabel: strings.twoStepTurnOff });
      if (!(await done)) return;
      button.disabled = true;
      try {
        await cognito.disable();
        user.totpEnabled = false;
        showState();
        state.focus();
        ctx.announce(strings.twoStepTurnedOff);
      } catch (error) {
        button.disabled = false;
        failed(errors)(error);
      }
    }

    showState();
    return { element };
  },
};
