import { apiClient, type Practice, type Therapist } from './api-client';
import { bookingFlow, type FlowStart } from './booking-flow';
import { h } from './dom';
import { effectiveLocale, language, setLocale } from './format';
import { manageBooking, type ManageLink } from './manage-view';
import { loadingLine } from './step-frame';
import { strings } from './strings';
import { styles } from './styles';
import { detectedZone } from './time-zones';
import { verifyBooking } from './verify-view';
import type { WidgetContext } from './widget-context';

// Read while this script runs: the default API is wherever the script was served from.
const scriptOrigin = (() => {
  try {
    return new URL((document.currentScript as HTMLScriptElement).src).origin;
  } catch {
    return location.origin;
  }
})();

/** A link from an email: manage a booking, or confirm the address a booking was requested with. */
type EmailLink = ManageLink & { kind: 'manage' | 'verify' };

/**
 * A manage link (`…/#manage=<id>&token=<token>`) opens the widget in manage mode, a verification
 * link (`…/#verify=<id>&token=<token>`) confirms the address. The fragment never reaches a server;
 * it is then removed from the address bar so the token stays out of history, bookmarks and shared
 * screenshots.
 */
function takeEmailLink(): EmailLink | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const kind = params.has('verify') ? 'verify' : 'manage';
  const bookingId = params.get(kind);
  const token = params.get('token');
  if (!bookingId || !token) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  return { kind, bookingId, token };
}

/** Memoises a request, but not its failure: the next caller asks again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= load().catch((error) => {
    pending = undefined;
    throw error;
  }));
}

/**
 * `<booking-widget api="https://…" therapist="…">`: the element, its shadow root (the page's CSS
 * cannot reach in, ours cannot leak out), and which flow runs in it. Nothing is stored in the
 * browser and nothing is logged: the client's details live in memory until the page goes.
 */
class BookingWidget extends HTMLElement {
  static observedAttributes = ['api', 'therapist'];
  private readonly view = h('div', { class: 'view' });
  private readonly frame = h('div', { class: 'bw', lang: strings.lang }, this.view);
  private readonly status = h('div', { role: 'status', class: 'sr' });
  private controller: AbortController | undefined;
  private zone = detectedZone();
  private link: EmailLink | undefined;
  private acted = false;
  private pending = false;
  private announcing = 0;
  private readonly onHash = () => {
    const link = takeEmailLink();
    if (link) {
      this.link = link;
      this.restart();
    }
  };

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      // A constructed sheet also works under a strict style-src CSP, where a <style> would not.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(styles);
      root.adoptedStyleSheets = [sheet];
    } else root.append(h('style', null, styles));
    this.frame.append(this.status);
    root.append(this.frame);
    // Focus follows each new step only after the client has started using the widget, so a page
    // that merely contains it is never scrolled or has its focus taken.
    const acted = () => (this.acted = true);
    // Capture phase: the flag must be set before the control's own handler shows the next step.
    root.addEventListener('click', acted, true);
    root.addEventListener('keydown', acted, true);
  }

  connectedCallback() {
    this.link ??= takeEmailLink();
    window.addEventListener('hashchange', this.onHash);
    this.restart();
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHash);
    this.controller?.abort();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.restart();
  }

  /** Coalesces attribute changes made together (api, then therapist) into one new flow. */
  private restart() {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      if (this.isConnected) this.start();
    });
  }

  private start() {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    // `timeout-ms` replaces the request timeouts, for tests (so one need not wait 20 s); read per flow.
    const timeout = Number(this.getAttribute('timeout-ms')) || undefined;
    const base = (this.getAttribute('api') || scriptOrigin).replace(/\/+$/, '');
    const api = apiClient(base, controller.signal, timeout);
    const widget = this;
    // Asked for while the locale is settled (below), and handed, failure included, to the flow's first ask.
    let early: Promise<Therapist[]> | undefined = this.link ? undefined : api.therapists();
    early?.catch(() => undefined);
    const ctx: WidgetContext = {
      api,
      apiOrigin: (() => {
        try {
          return new URL(base, location.href).origin;
        } catch {
          return location.origin;
        }
      })(),
      get zone() {
        return widget.zone;
      },
      set zone(zone: string) {
        widget.zone = zone;
      },
      therapists: once<Therapist[]>(() => {
        const first = early;
        early = undefined;
        return first ?? api.therapists();
      }),
      practice: once<Practice>(api.practice),
      show: (step) => {
        if (controller.signal.aborted) return;
        clearTimeout(this.announcing);
        this.status.textContent = '';
        this.view.replaceChildren(step);
        if (this.acted) step.querySelector<HTMLElement>('[data-heading]')?.focus();
      },
      announce: (text) => {
        clearTimeout(this.announcing);
        this.status.textContent = '';
        // Emptied first and refilled a moment later, so the same words are announced again.
        this.announcing = window.setTimeout(() => (this.status.textContent = text), 60);
      },
    };
    // Leaving a link's view for booking: the link is spent, a restart (attributes changed) books anew.
    const book = (therapistId?: string, begin?: FlowStart) => {
      this.link = undefined;
      bookingFlow(ctx, therapistId ?? this.getAttribute('therapist'), begin);
    };
    const run = () => {
      if (this.link?.kind === 'verify') verifyBooking(ctx, this.link, book);
      else if (this.link) manageBooking(ctx, this.link, book);
      else bookingFlow(ctx, this.getAttribute('therapist'));
    };
    // The locale is settled before the first date is formatted: the practice's, else the page's
    // English lang, else en-US (decision 111).
    ctx.show(h('div', { class: 'step', 'aria-busy': 'true' }, loadingLine()));
    const pageLang = (this.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang;
    ctx.practice().then(
      (practice) => practice.locale,
      () => undefined, // the flow asks again and shows the failure where the practice is needed
    ).then((practiceLocale) => {
      if (controller.signal.aborted) return;
      setLocale(effectiveLocale(practiceLocale, pageLang));
      this.frame.setAttribute('lang', language());
      run();
    });
  }
}

if (!customElements.get('booking-widget')) customElements.define('booking-widget', BookingWidget);
