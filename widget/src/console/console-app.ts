import { h } from '../dom';
import { allViews } from './all-views';
import { cognitoSignIn, type CognitoSignInConfig } from './cognito-sign-in';
import { cognitoUserApiUrl } from './cognito-user-api';
import { ApiError, consoleApi, SignInNeeded, type Authorisation, type ConsoleApi } from './console-api';
import { forgetKept, keepForLater, takeKept, type Resume } from './drafts';
import { localSignIn, type LocalSignInConfig } from './local-sign-in';
import { accountOf, EXPIRY_MARGIN_MS, type Account, type SignInMethod, type Tokens } from './session';
import { strings } from './strings';
import type { OpenView, SignInContext, TherapistProfile, ViewContext, ViewDefinition } from './views';

/** `config.json` beside the page: written by the stack at deploy time, by the local runtime locally. */
export interface ConsoleConfig {
  apiUrl: string;
  signIn: LocalSignInConfig | ({ kind: 'cognito' } & CognitoSignInConfig);
}

/** What the shell tells views about the sign-in beside its tokens. */
export type SignInFacts = Omit<SignInContext, 'accessToken' | 'refused' | 'signInAgain'>;

interface KeptWork extends Resume {
  subject?: string;
}

/**
 * The console's frame: sign-in, the menu of the views this sign-in may use, and the one view on
 * screen. When a token ends or is refused mid-edit, the open view's draft is kept, the user signs in
 * again (the same path for Cognito and the local issuer), and the view comes back with the draft.
 */
export class ConsoleShell {
  private tokens: Tokens | undefined;
  private account: Account | undefined;
  private therapist: TherapistProfile | undefined;
  private current: { definition: ViewDefinition; open?: OpenView } | undefined;
  private signingIn: Promise<void> | undefined;
  private readonly status = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  private readonly api: ConsoleApi;
  private readonly signInContext: SignInContext;
  private generation = 0;
  /** The latest count of each view that has one (by route), for its menu badge and the landing. */
  private readonly counts = new Map<string, Promise<number | undefined>>();

  constructor(
    private readonly root: HTMLElement,
    apiUrl: string,
    private readonly method: SignInMethod,
    private readonly views: ViewDefinition[] = allViews,
    signInFacts: SignInFacts = { kind: 'local' },
  ) {
    const auth: Authorisation = {
      token: async () => (this.tokens && !this.ended() ? this.tokens.idToken : auth.refused()),
      refused: async () => {
        const fresh = this.tokens && (await this.method.refresh(this.tokens).catch(() => undefined));
        if (!fresh) return auth.signInAgain();
        this.tokens = fresh;
        return fresh.idToken;
      },
      signInAgain: async () => {
        this.signInAgain();
        throw new SignInNeeded();
      },
      ended: () => this.ended(),
    };
    this.api = consoleApi(apiUrl.replace(/\/+$/, ''), auth);
    // The access token rides on the ID token's handling: fresh, refreshed once, else a new sign-in.
    const access = () => this.tokens?.accessToken ?? '';
    this.signInContext = {
      ...signInFacts,
      accessToken: async () => (await auth.token(), access()),
      refused: async () => (await auth.refused(), access()),
      signInAgain: auth.signInAgain,
    };
    addEventListener('hashchange', () => {
      if (this.tokens && !this.signingIn) void this.openRoute(location.hash);
    });
  }

  async start(): Promise<void> {
    let tokens: Tokens | undefined;
    try {
      tokens = await this.method.resume();
    } catch {
      // A return from sign-in that cannot be trusted (wrong state, refused code): say so and let the
      // user start again, rather than sending them straight back (which could loop).
      this.root.replaceChildren(
        h('main', { id: 'main', class: 'sign-in' },
          h('h1', null, strings.signInTitle),
          h('p', { role: 'alert' }, strings.signInIncomplete),
          h('button', { type: 'button', class: 'primary', onclick: () => void this.signIn(takeKept() as KeptWork | undefined) }, strings.signInAgain)),
      );
      return;
    }
    if (tokens) await this.signedIn(tokens, takeKept() as KeptWork | undefined);
    else await this.signIn(takeKept() as KeptWork | undefined);
  }

  private ended(): boolean {
    return !this.tokens || this.tokens.expiresAt - EXPIRY_MARGIN_MS <= Date.now();
  }

  /** The sign-in ended or was refused: keep the work on screen, then sign in again (once, however many calls failed). */
  private signInAgain(): void {
    if (this.signingIn) return;
    let draft: unknown;
    try {
      draft = this.current?.open?.draft?.();
    } catch {
      draft = undefined;
    }
    const kept: KeptWork = { route: this.current?.definition.route ?? location.hash, ...(draft === undefined ? {} : { draft }), ...(this.account ? { subject: this.account.subject } : {}) };
    keepForLater(kept);
    this.tokens = undefined;
    this.signingIn = this.signIn(undefined, strings.sessionEnded);
  }

  private async signIn(kept?: KeptWork, message?: string): Promise<void> {
    this.generation++;
    if (kept) keepForLater(kept);
    if (message) this.root.replaceChildren(h('p', { class: 'notice', role: 'alert' }, message));
    // The message goes to the method too: the local sign-in page replaces what is on screen.
    const tokens = await this.method.begin(message);
    await this.signedIn(tokens, takeKept() as KeptWork | undefined);
  }

  private async signedIn(tokens: Tokens, kept: KeptWork | undefined): Promise<void> {
    this.tokens = tokens;
    this.signingIn = undefined;
    const account = accountOf(tokens.idToken);
    // Someone else signed in: their predecessor's unsaved work is not theirs to see.
    const work = kept && (!kept.subject || kept.subject === account.subject) ? kept : undefined;
    if (account.subject !== this.account?.subject) this.therapist = undefined;
    this.account = account;
    if (account.therapistId && !this.therapist) {
      try {
        this.therapist = (await this.api.get<{ therapist: TherapistProfile }>('/v1/me')).therapist;
      } catch (error) {
        if (error instanceof SignInNeeded) return;
        if (!(error instanceof ApiError && (error.status === 404 || error.status === 403))) throw error;
      }
    }
    this.layout();
    await this.openRoute(work?.route || location.hash, work);
  }

  private allowed(): ViewDefinition[] {
    const own = this.views.filter((v) => (v.area === 'admin' ? this.account?.admin : v.area === 'therapist' && Boolean(this.therapist)));
    // The sign-in's own settings come with any access; a sign-in with none is still told it has none.
    return own.length ? this.views.filter((v) => v.area === 'account' || own.includes(v)) : [];
  }

  private layout(): void {
    const views = this.allowed();
    const who = this.therapist?.displayName ?? strings.administrator;
    const main = h('main', { id: 'main', tabindex: '-1' });
    const group = (area: ViewDefinition['area'], label: string) => {
      const items = views.filter((v) => v.area === area);
      return items.length
        ? h('li', null, h('span', { class: 'nav-group', id: `nav-${area}` }, label),
            h('ul', { 'aria-labelledby': `nav-${area}` }, items.map((v) => h('li', null, h('a', { href: v.route, 'data-route': v.route }, v.title)))))
        : null;
    };
    this.root.replaceChildren(
      h('a', { class: 'skip', href: '#main', onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, strings.skipToContent),
      h('header', { class: 'top' },
        h('span', { class: 'brand' }, strings.appTitle),
        h('nav', { 'aria-label': strings.mainMenu }, h('ul', null, group('therapist', strings.therapistArea), group('admin', strings.adminArea), group('account', strings.accountArea))),
        h('div', { class: 'who' }, h('span', null, strings.signedInAs(who)), ' ',
          h('button', { type: 'button', onclick: () => void this.signOut() }, strings.signOut)),
      ),
      main,
      this.status,
    );
  }

  private async openRoute(route: string, kept?: KeptWork): Promise<void> {
    const views = this.allowed();
    const main = this.root.querySelector('main');
    if (!main) return;
    if (!views.length) {
      main.replaceChildren(h('h1', null, strings.appTitle), h('p', { role: 'alert' }, strings.noAccess));
      return;
    }
    // Taken before the landing is awaited: a menu entry chosen meanwhile wins over the landing.
    const generation = ++this.generation;
    this.recount();
    const definition = route && route !== '#' && route !== '#/' ? views.find((v) => v.route === route) : await this.landing(views);
    if (generation !== this.generation) return;
    if (!definition) {
      main.replaceChildren(h('h1', null, strings.appTitle), h('p', { role: 'alert' }, strings.notFound));
      return;
    }
    if (location.hash !== definition.route) history.replaceState(history.state, '', definition.route);
    for (const link of this.root.querySelectorAll<HTMLAnchorElement>('nav a')) {
      if (link.dataset.route === definition.route) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    this.current = { definition };
    const heading = h('h1', { tabindex: '-1' }, definition.title);
    const body = h('div', { class: 'view-body' }, h('p', { role: 'status' }, strings.loading));
    main.replaceChildren(heading, body);
    document.title = `${definition.title} · ${strings.appTitle}`;
    // Focus lands on the new page's heading at once; after the load it is moved back there only if
    // it was lost (the loading text went), never taken from where the user has since moved it.
    heading.focus();
    try {
      const open = await definition.open(this.context());
      if (generation !== this.generation) return;
      this.current = { definition, open };
      body.replaceChildren(open.element);
      if (kept?.draft !== undefined && open.restore) {
        open.restore(kept.draft);
        this.announce(strings.restoredDraft);
      }
    } catch (error) {
      if (error instanceof SignInNeeded || generation !== this.generation) return;
      body.replaceChildren(
        h('div', { role: 'alert', class: 'form-error' }, h('p', null, error instanceof ApiError && error.network ? strings.networkError : strings.loadFailed),
          h('button', { type: 'button', onclick: () => void this.openRoute(definition.route) }, strings.tryAgain)),
      );
    }
    if (!document.activeElement || document.activeElement === document.body) heading.focus();
  }

  /** Where the console opens on no route: the first view, passing over one with nothing waiting (no requests). */
  private async landing(views: ViewDefinition[]): Promise<ViewDefinition> {
    for (const view of views) {
      if (!view.count) return view;
      if (await this.counts.get(view.route)) return view;
    }
    return views[0]!;
  }

  /** Asks each view with a count for it again, and shows it at the view's menu entry. */
  private recount(): void {
    const account = this.account;
    for (const view of this.allowed()) {
      if (!view.count) continue;
      const counted = view.count(this.context()).catch(() => undefined);
      this.counts.set(view.route, counted);
      void counted.then((n) => {
        if (this.account !== account || this.counts.get(view.route) !== counted) return;
        const link = this.root.querySelector<HTMLAnchorElement>(`nav a[data-route="${CSS.escape(view.route)}"]`);
        link?.replaceChildren(view.title, ...(n ? [' ', h('span', { class: 'count', 'aria-hidden': 'true' }, String(n)), h('span', { class: 'sr' }, strings.waitingCount(n))] : []));
      });
    }
  }

  private context(): ViewContext {
    return {
      api: this.api,
      account: this.account!,
      ...(this.therapist ? { therapist: this.therapist } : {}),
      announce: (message) => this.announce(message),
      signIn: this.signInContext,
      go: (route) => {
        location.hash = route;
      },
      recount: () => this.recount(),
    };
  }

  private announce(message: string): void {
    this.status.textContent = '';
    // A new text node after a tick, so the same message said twice is read twice.
    setTimeout(() => (this.status.textContent = message), 50);
  }

  private async signOut(): Promise<void> {
    const tokens = this.tokens;
    forgetKept();
    this.tokens = undefined;
    this.account = undefined;
    this.therapist = undefined;
    if (tokens) await this.method.signOut(tokens).catch(() => undefined);
    history.replaceState(history.state, '', location.pathname);
    await this.signIn();
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('console');
  if (!root) return;
  document.documentElement.lang = strings.lang;
  let config: ConsoleConfig;
  try {
    const response = await fetch(new URL('config.json', location.href), { cache: 'no-store', credentials: 'omit' });
    config = (await response.json()) as ConsoleConfig;
  } catch {
    root.replaceChildren(h('p', { role: 'alert' }, strings.loadFailed));
    return;
  }
  const { signIn } = config;
  const method = signIn.kind === 'local' ? localSignIn(signIn, root) : cognitoSignIn(signIn);
  const facts: SignInFacts = signIn.kind === 'local'
    ? { kind: 'local' }
    : { kind: 'cognito', userApiUrl: cognitoUserApiUrl(signIn.region), mfa: signIn.mfa === 'required' ? 'required' : 'optional', issuer: signIn.issuer || strings.appTitle };
  await new ConsoleShell(root, config.apiUrl, method, allViews, facts).start();
}

void main();
