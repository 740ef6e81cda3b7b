import { h } from '../dom';
import { confirmDialog } from './confirm-dialog';
import { ApiError, segment, SignInNeeded } from './console-api';
import { FieldErrors } from './form';
import { strings } from './strings';
import type { OpenView, ViewContext, ViewDefinition } from './views';
import { addDays, todayIn } from './zoned-time';

/** A request as `GET /v1/me/bookings?status=requested` answers it (the therapist's view). */
interface Request {
  id: string;
  status: string;
  sessionTypeId: string;
  start: string;
  end: string;
  /** When the request lapses if nobody answers it. */
  holdUntil?: string;
  clients: { name: string }[];
  note?: string;
}

interface SessionTypeName {
  id: string;
  name: string;
  kind: 'individual' | 'couples';
}

interface RequestsDraft {
  decline?: { bookingId: string; reason: string };
}

/**
 * The requests waiting for the therapist, whatever week their session falls in: from today to as
 * far ahead as a range may reach (a request can be for any bookable date). Filtered here as well as
 * by the API, so only `requested` ever shows.
 */
async function waitingRequests(ctx: ViewContext): Promise<Request[]> {
  const today = todayIn(ctx.therapist!.timeZone);
  const answer = await ctx.api.get<{ bookings: Request[] }>(`/v1/me/bookings?status=requested&from=${segment(today)}&to=${segment(addDays(today, 365))}`);
  // The one that lapses first comes first: it is the one to decide now.
  const lapse = (r: Request) => Date.parse(r.holdUntil ?? r.start);
  return answer.bookings.filter((b) => b.status === 'requested').sort((a, b) => lapse(a) - lapse(b) || Date.parse(a.start) - Date.parse(b.start));
}

/**
 * Requests to approve or decline, first in the menu with their number. A request has been made by
 * clients who have proven their email addresses, so (unlike the week, which others may glance at)
 * it shows their full names: the therapist decides whether to take on someone new, and a surname is
 * what tells them whether they already know the person (decision 89). Never their addresses.
 */
export const requestsView: ViewDefinition = {
  route: '#/requests',
  title: strings.requestsTitle,
  area: 'therapist',
  count: async (ctx) => (await waitingRequests(ctx)).length,
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const zone = ctx.therapist!.timeZone;
    const whenName = new Intl.DateTimeFormat(strings.lang, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone });
    const timeName = new Intl.DateTimeFormat(strings.lang, { hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone, timeZoneName: 'short' });
    const [typesAnswer, initial] = await Promise.all([ctx.api.get<{ sessionTypes: SessionTypeName[] }>('/v1/me/session-types'), waitingRequests(ctx)]);
    const types = new Map(typesAnswer.sessionTypes.map((t) => [t.id, t]));
    let requests = initial;
    let openDecline: { bookingId: string; reason: HTMLTextAreaElement } | undefined;

    const list = h('div', { class: 'requests' });
    const root = h('div', { class: 'requests-view' },
      h('p', { class: 'hint' }, strings.requestsExplained),
      h('p', { class: 'muted' }, strings.timesIn(zone)),
      list,
    );

    const when = (r: Request) => `${whenName.format(new Date(r.start))} – ${timeName.format(new Date(r.end))}`;

    function render(): void {
      if (!requests.length) {
        list.replaceChildren(h('p', { class: 'requests-empty', tabindex: '-1' }, strings.noRequests, ' ', h('a', { href: '#/week' }, strings.toTheWeek)));
        return;
      }
      list.replaceChildren(h('ul', { class: 'request-list' }, requests.map((r) => h('li', null, card(r)))));
    }

    function card(r: Request, problem?: string): HTMLElement {
      const type = types.get(r.sessionTypeId);
      const kind = type?.kind ?? (r.clients.length > 1 ? 'couples' : 'individual');
      const headingId = `request-${r.id}`;
      const names = r.clients.map((c) => c.name.trim()).filter(Boolean).join(' & ');
      return h('article', { class: 'request', 'aria-labelledby': headingId, 'data-booking': r.id },
        h('h2', { id: headingId, tabindex: '-1' }, h('time', { datetime: r.start }, when(r))),
        h('p', { class: 'booking-type' }, type?.name ?? strings.unknownSessionType, ' · ', kind === 'couples' ? strings.kindCouples : strings.kindIndividual),
        names ? h('p', null, h('strong', null, `${strings.requestFrom}: `), names) : null,
        r.note ? h('p', { class: 'booking-note' }, h('strong', null, `${strings.noteLabel}: `), r.note) : null,
        r.holdUntil ? h('p', { class: 'muted' }, strings.answerBy(whenName.format(new Date(r.holdUntil)))) : null,
        problem
          ? h('p', { class: 'form-error', role: 'alert' }, problem)
          : h('div', { class: 'actions' },
              h('button', { type: 'button', class: 'primary', 'aria-label': strings.approveRequestAt(when(r)), onclick: () => void approve(r) }, strings.approve),
              h('button', { type: 'button', class: 'danger', 'aria-label': strings.declineRequestAt(when(r)), onclick: () => void decline(r) }, strings.decline)),
      );
    }

    /** The request was decided (here or elsewhere): off the list, focus on the next one (or the list's end). */
    function settled(r: Request, message: string): void {
      const at = requests.findIndex((x) => x.id === r.id);
      requests = requests.filter((x) => x.id !== r.id);
      render();
      const next = requests[Math.min(at, requests.length - 1)];
      (next ? list.querySelector<HTMLElement>(`#${CSS.escape(`request-${next.id}`)}`) : list.querySelector<HTMLElement>('.requests-empty'))?.focus();
      ctx.announce(message);
      ctx.recount();
    }

    /**
     * A refusal that means the request cannot be decided any more (it lapsed, or the clients withdrew
     * it): said at its card in place of the buttons. Undefined for a failure worth trying again.
     */
    function finalProblem(error: unknown): string | undefined {
      if (!(error instanceof ApiError)) return undefined;
      if (error.code === 'request_expired') return strings.requestLapsed;
      if (error.status === 404) return strings.requestGone;
      if (error.status === 409) return error.message || strings.requestNotOpen;
      return undefined;
    }

    function showAtCard(r: Request, problem: string): void {
      const old = list.querySelector(`article[data-booking="${CSS.escape(r.id)}"]`);
      old?.replaceWith(card(r, problem));
      list.querySelector<HTMLElement>(`#${CSS.escape(`request-${r.id}`)}`)?.focus();
      ctx.recount();
    }

    async function approve(r: Request): Promise<void> {
      try {
        await ctx.api.post<{ booking: Request }>(`/v1/me/bookings/${segment(r.id)}/approve`, {});
        settled(r, strings.requestApproved(r.clients.length));
      } catch (error) {
        if (error instanceof SignInNeeded) return;
        const problem = finalProblem(error);
        if (problem) return showAtCard(r, problem);
        const errors = new FieldErrors();
        list.querySelector(`article[data-booking="${CSS.escape(r.id)}"] .actions`)?.before(errors.summary);
        errors.show(error);
      }
    }

    /** Asks first, with an optional reason; a failure worth retrying asks again with its error shown. */
    async function decline(r: Request, reasonText = '', failure?: unknown): Promise<void> {
      const reason = h('textarea', { maxlength: 500, rows: 3 });
      reason.value = reasonText;
      const errors = new FieldErrors();
      const extra = h('div', null, errors.summary, errors.field('reason', strings.declineReason, reason, strings.declineReasonHint));
      openDecline = { bookingId: r.id, reason };
      const { done } = confirmDialog({ host: root, title: strings.declineDialogTitle, message: strings.declineWillEmail(r.clients.length), confirmLabel: strings.confirmDecline, extra });
      if (failure !== undefined) errors.show(failure);
      const ok = await done;
      if (!ok) {
        openDecline = undefined;
        return;
      }
      const text = reason.value.trim();
      try {
        await ctx.api.post<{ booking: Request }>(`/v1/me/bookings/${segment(r.id)}/decline`, text ? { reason: text } : {});
        openDecline = undefined;
        settled(r, strings.requestDeclined(r.clients.length));
      } catch (error) {
        // SignInNeeded: the shell has kept the draft (this request and the reason) and signs in again.
        if (error instanceof SignInNeeded) return;
        const problem = finalProblem(error);
        if (problem) {
          openDecline = undefined;
          return showAtCard(r, problem);
        }
        await decline(r, reason.value, error);
      }
    }

    render();
    return {
      element: root,
      draft: (): RequestsDraft => (openDecline ? { decline: { bookingId: openDecline.bookingId, reason: openDecline.reason.value } } : {}),
      restore: (kept) => {
        const draft = kept as RequestsDraft;
        const r = draft.decline && requests.find((x) => x.id === draft.decline!.bookingId);
        if (r) void decline(r, draft.decline!.reason);
      },
    };
  },
};
