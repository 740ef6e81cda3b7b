import { apiClient, type Practice, type Therapist } from './api-client';
import { bookingFlow } from './booking-flow';
import { h } from './dom';
import { manageBooking, type ManageLink } from './manage-view';
import { strings } from './strings';
import { styles } from './styles';
import { detectedZone } from './time-zones';
import type { WidgetContext } from './widget-context';

// Read while this script runs: the default API is wherever the script was served from.
const scriptOrigin = (() => {
  try {
    return new URL((document.currentScript as HTMLScriptElement).src).origin;
  } catch {
    return location.origin;
  }
})();

/**
 * A manage link (`…/#manage=<id>&token=<token>`) opens the widget in manage mode. The fragment never
 * reaches a server; it is then removed from the address bar so the token stays out of history,
 * bookmarks and shared screenshots.
 */
function takeManageLink(): ManageLink | undefined {
  const params = new URLSearchParams(location.hash.slice(1));
  const bookingId = params.get('manage');
  const token = params.get('token');
  if (!bookingId || !token) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  return { bookingId, token };
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
  private readonly status = h('div', { role: 'status', class: 'sr' });
  private controller: AbortController | undefined;
  private zone = detectedZone();
  private manage: ManageLink | undefined;
  private acted = false;
  private pending = false;
  private announcing = 0;
  private readonly onHash = () => {
    const link = takeManageLink();
    if (link) {
      this.manage = link;
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
    root.append(h('div', { class: 'bw', lang: strings.lang }, this.view, this.status));
    // Focus follows each new step only after the client has started using the widget, so a page
    // that merely contains it is never scrolled or has its focus taken.
    const acted = () => (this.acted = true);
    // Capture phase: the flag must be set before the control's own handler shows the next step.
    root.addEventListener('click', acted, true);
    root.addEventListener('keydown', acted, true);
  }

  connectedCallback() {
    this.manage ??= takeManageLink();
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
    const api = apiClient((this.getAttribute('api') || scriptOrigin).replace(/\/+$/, ''), controller.signal);
    const widget = this;
    const ctx: WidgetContext = {
      api,
      get zone() {
        return widget.zone;
      },
      set zone(zone: string) {
        widget.zone = zone;
      },
      therapists: once<Therapist[]>(api.therapists),
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
    if (this.manage) {
      manageBooking(ctx, this.manage, (therapistId) => {
        this.manage = undefined;
        bookingFlow(ctx, therapistId ?? this.getAttribute('therapist'));
      });
    } else bookingFlow(ctx, this.getAttribute('therapist'));
  }
}

if (!customElements.get('booking-widget')) customElements.define('booking-widget', BookingWidget);
