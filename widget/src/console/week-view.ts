import { h } from '../dom';
import { confirmDialog } from './confirm-dialog';
import { segment, SignInNeeded } from './console-api';
import { FieldErrors } from './form';
import { strings } from './strings';
import type { OpenView, ViewContext, ViewDefinition } from './views';
import { busyByDay, type BusyPiece, type BusyTime } from './busy-blocks';
import { addDays, todayIn, wallClock, wallTimeToInstant, weekOf } from './zoned-time';

/** A booking as `GET /v1/me/bookings` answers it (the therapist's view: with the note). */
interface MyBooking {
  id: string;
  status: string;
  sessionTypeId: string;
  start: string;
  end: string;
  clients: { name: string }[];
  note?: string;
  cancelReason?: string;
  lateCancellation?: boolean;
  lateChange?: boolean;
  /** An occurrence of a standing appointment (series). */
  seriesId?: string;
}

interface SessionTypeName {
  id: string;
  name: string;
  kind: 'individual' | 'couples';
}

interface WeekDraft {
  monday: string;
  cancel?: { bookingId: string; reason: string };
}

/** First names only: the week is on a screen others may see, and a first name is enough to know who. */
const firstName = (full: string) => full.trim().split(/\s+/)[0] ?? '';

/** A calendar date at noon UTC, so formatting it in UTC never slips a day. */
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * The therapist's week: Monday to Sunday in their own zone, one column a day from 48rem up and one
 * list on a phone (the same markup, laid out by the style sheet). Times are read with Intl in the
 * therapist's zone, so a week with a clock change shows each session at its own wall time.
 */
export const weekView: ViewDefinition = {
  route: '#/week',
  title: strings.weekTitle,
  area: 'therapist',
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const zone = ctx.therapist!.timeZone;
    const dayName = new Intl.DateTimeFormat(strings.lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    const rangeName = new Intl.DateTimeFormat(strings.lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const timeRange = new Intl.DateTimeFormat(strings.lang, { hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone, timeZoneName: 'short' });
    const clock = new Intl.DateTimeFormat(strings.lang, { hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone });
    const whenName = new Intl.DateTimeFormat(strings.lang, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone });

    const [typesAnswer, seriesAnswer] = await Promise.all([
      ctx.api.get<{ sessionTypes: SessionTypeName[] }>('/v1/me/session-types'),
      // Only for the marks' wording: the week still shows when the series cannot be read.
      ctx.api.get<{ series: { id: string; everyWeeks: number }[] }>('/v1/me/series').catch((error: unknown) => {
        if (error instanceof SignInNeeded) throw error;
        return { series: [] };
      }),
    ]);
    const types = new Map(typesAnswer.sessionTypes.map((t) => [t.id, t]));
    // How often each standing appointment comes, for the mark on its occurrences.
    const everyWeeksOf = new Map(seriesAnswer.series.map((s) => [s.id, s.everyWeeks]));
    let monday = weekOf(todayIn(zone)).monday;
    let bookings: MyBooking[] = [];
    let busy: BusyTime[] = [];
    let openCancel: { bookingId: string; reason: HTMLTextAreaElement } | undefined;
    let loading = 0;

    const rangeHeading = h('h2', { class: 'week-range', id: 'week-range' });
    const days = h('div', { class: 'week', 'aria-labelledby': 'week-range' });
    const root = h('div', { class: 'week-view' },
      h('p', { class: 'muted' }, strings.timesIn(zone)),
      h('div', { class: 'actions week-nav', role: 'group', 'aria-label': strings.weekNavigation },
        h('button', { type: 'button', onclick: () => void show(addDays(monday, -7)) }, strings.previousWeek),
        h('button', { type: 'button', onclick: () => void show(weekOf(todayIn(zone)).monday) }, strings.thisWeek),
        h('button', { type: 'button', onclick: () => void show(addDays(monday, 7)) }, strings.nextWeek),
      ),
      layoutChoice(),
      rangeHeading,
      days,
    );

    /** Week columns or one list (the phone's layout), on any screen: two pressed-state buttons. */
    function layoutChoice(): HTMLElement {
      const asList = h('button', { type: 'button', 'aria-pressed': 'false' }, strings.showAsList);
      const asWeek = h('button', { type: 'button', 'aria-pressed': 'true' }, strings.showAsWeek);
      const choose = (list: boolean) => {
        days.classList.toggle('as-list', list);
        asList.setAttribute('aria-pressed', String(list));
        asWeek.setAttribute('aria-pressed', String(!list));
      };
      asList.addEventListener('click', () => choose(true));
      asWeek.addEventListener('click', () => choose(false));
      return h('div', { class: 'actions week-layout', role: 'group', 'aria-label': strings.showAs }, asWeek, asList);
    }

    const rangeText = (m: string) => rangeName.formatRange(noon(m), noon(weekOf(m).sunday));

    async function fetchWeek(m: string): Promise<{ bookings: MyBooking[]; busy: BusyTime[] }> {
      const week = weekOf(m);
      // The other calendars' busy times between the zone's midnights that open and close the week.
      const from = wallTimeToInstant(week.monday, '00:00', zone);
      const to = wallTimeToInstant(addDays(week.sunday, 1), '00:00', zone);
      const [answer, busyAnswer] = await Promise.all([
        ctx.api.get<{ bookings: MyBooking[] }>(`/v1/me/bookings?from=${segment(week.monday)}&to=${segment(week.sunday)}`),
        // Only to show what else blocks the week: the sessions still show when these cannot be read.
        ctx.api.get<{ busy: BusyTime[] }>(`/v1/me/busy?from=${segment(from)}&to=${segment(to)}`).catch((error: unknown) => {
          if (error instanceof SignInNeeded) throw error;
          return { busy: [] };
        }),
      ]);
      return { bookings: answer.bookings.slice().sort((a, b) => Date.parse(a.start) - Date.parse(b.start)), busy: busyAnswer.busy };
    }

    /** Loads another week; the buttons stay where they are, so focus stays on the one pressed. */
    async function show(m: string): Promise<void> {
      const mine = ++loading;
      days.setAttribute('aria-busy', 'true');
      try {
        const found = await fetchWeek(m);
        if (mine !== loading) return;
        monday = m;
        ({ bookings, busy } = found);
        render();
        ctx.announce(strings.weekLoaded(rangeText(m)));
      } catch (error) {
        if (error instanceof SignInNeeded || mine !== loading) return;
        const errors = new FieldErrors();
        days.replaceChildren(errors.summary);
        errors.show(error);
      } finally {
        if (mine === loading) days.removeAttribute('aria-busy');
      }
    }

    function render(): void {
      rangeHeading.textContent = strings.weekOf(rangeText(monday));
      const week = weekOf(monday);
      const byDay = new Map<string, MyBooking[]>(week.days.map((d) => [d, []]));
      for (const b of bookings) byDay.get(wallClock(b.start, zone).date)?.push(b);
      const busyOn = busyByDay(busy, week.days, zone);
      days.replaceChildren(
        ...(bookings.length ? [] : [h('p', { class: 'muted week-empty' }, strings.noSessionsThisWeek)]),
        h('ol', { class: 'week-days' },
          week.days.map((d) => {
            const list = byDay.get(d)!;
            const blocks = busyOn.get(d)!;
            // Sessions and busy blocks in the order of the day, each busy block after a session that starts with it.
            const items = [...list.map((b) => ({ at: Date.parse(b.start), el: card(b) })), ...blocks.map((p, i) => ({ at: Date.parse(p.start) + 0.5, el: busyBlock(p, `busy-${d}-${i}`) }))]
              .sort((a, b) => a.at - b.at);
            return h('li', { class: items.length ? 'week-day' : 'week-day empty' },
              h('h3', null, dayName.format(noon(d))),
              list.length ? null : h('p', { class: 'muted' }, strings.noSessions),
              items.length ? h('ul', { class: 'bookings' }, items.map((x) => h('li', null, x.el))) : null);
          }),
        ),
      );
    }

    /**
     * A busy time from another calendar: its times and the calendar's label, nothing of the event
     * (the API has no title to give). Drawn apart from sessions: hatched, no actions.
     */
    function busyBlock(p: BusyPiece, id: string): HTMLElement {
      const times = p.fromBefore && p.intoNext
        ? strings.allDay
        : p.fromBefore
          ? strings.busyUntil(clock.format(new Date(p.end)))
          : p.intoNext
            ? strings.busyFrom(clock.format(new Date(p.start)))
            : clock.formatRange(new Date(p.start), new Date(p.end));
      return h('article', { class: 'busy-block', 'aria-labelledby': id },
        h('h4', { id }, h('time', { datetime: p.start }, times)),
        h('p', null, strings.busyBlock(p.label || strings.otherCalendar)),
      );
    }

    function card(b: MyBooking): HTMLElement {
      const type = types.get(b.sessionTypeId);
      const kind = type?.kind ?? (b.clients.length > 1 ? 'couples' : 'individual');
      const headingId = `booking-${b.id}`;
      const cancellable = b.status === 'confirmed' && Date.parse(b.end) > Date.now();
      // A hold nobody has proven (or one that lapsed, perhaps unproven) shows no name and no note:
      // whoever typed the address may not be who they say, and the text is theirs (decision 89).
      const unproven = b.status === 'pending_verification' || b.status === 'expired';
      const names = unproven ? '' : b.clients.map((c) => firstName(c.name)).filter(Boolean).join(' & ');
      const every = b.seriesId ? everyWeeksOf.get(b.seriesId) : undefined;
      const standing = b.seriesId ? (every ? strings.standingBadge(every) : strings.standingBadgeUnknown) : '';
      const flags = [b.lateCancellation ? strings.lateCancellation : '', b.lateChange ? strings.lateChange : ''].filter(Boolean);
      const article = h('article', { class: `booking status-${b.status}`, 'aria-labelledby': headingId, 'data-booking': b.id },
        h('h4', { id: headingId, tabindex: '-1' }, h('time', { datetime: b.start }, timeRange.formatRange(new Date(b.start), new Date(b.end)))),
        h('p', { class: 'booking-type' }, type?.name ?? strings.unknownSessionType, ' · ', kind === 'couples' ? strings.kindCouples : strings.kindIndividual),
        h('p', { class: 'booking-status' }, h('span', { class: 'badge' }, strings.statusWord[b.status] ?? b.status), flags.map((f) => [' ', h('span', { class: 'badge flag' }, f)]),
          standing ? [' ', h('span', { class: 'badge standing' }, standing)] : null),
        names ? h('p', null, h('span', { class: 'sr' }, `${strings.clientsLabel}: `), names) : null,
        b.status === 'pending_verification' ? h('p', { class: 'muted' }, strings.heldUnverified) : null,
        b.status === 'expired' ? h('p', { class: 'muted' }, strings.heldLapsed) : null,
        b.note && !unproven ? h('p', { class: 'booking-note' }, h('strong', null, `${strings.noteLabel}: `), b.note) : null,
        b.status === 'requested'
          ? h('a', { class: 'button-link', href: '#/requests', 'aria-label': strings.decideRequestAt(whenName.format(new Date(b.start))) }, strings.decideRequest)
          : null,
        b.cancelReason ? h('p', { class: 'muted' }, `${strings.reasonGiven}: `, b.cancelReason) : null,
        cancellable
          ? h('button', { type: 'button', class: 'danger', 'aria-label': strings.cancelSessionAt(whenName.format(new Date(b.start))), onclick: () => void cancel(b) }, strings.cancelSession)
          : null,
      );
      return article;
    }

    /** Asks first (the client will be emailed), then cancels; a refusal asks again with its error shown. */
    async function cancel(b: MyBooking, reasonText = '', failure?: unknown): Promise<void> {
      const reason = h('textarea', { maxlength: 500, rows: 3 });
      reason.value = reasonText;
      const errors = new FieldErrors();
      const extra = h('div', null, errors.summary, errors.field('reason', strings.cancelReason, reason, strings.cancelReasonHint));
      openCancel = { bookingId: b.id, reason };
      const { done } = confirmDialog({ host: root, title: strings.cancelDialogTitle, message: strings.cancelWillEmail(b.clients.length), confirmLabel: strings.confirmCancel, extra });
      if (failure !== undefined) errors.show(failure);
      const ok = await done;
      if (!ok) {
        openCancel = undefined;
        return;
      }
      const text = reason.value.trim();
      try {
        const answer = await ctx.api.post<{ booking: MyBooking }>(`/v1/me/bookings/${segment(b.id)}/cancel`, text ? { reason: text } : {});
        openCancel = undefined;
        bookings = bookings.map((x) => (x.id === b.id ? { ...x, ...answer.booking } : x));
        render();
        days.querySelector<HTMLElement>(`#${CSS.escape(`booking-${b.id}`)}`)?.focus();
        ctx.announce(strings.cancelled);
      } catch (error) {
        // SignInNeeded: the shell has kept the draft (this booking and the reason) and signs in again.
        if (error instanceof SignInNeeded) return;
        await cancel(b, reason.value, error);
      }
    }

    ({ bookings, busy } = await fetchWeek(monday));
    render();

    return {
      element: root,
      draft: (): WeekDraft => ({ monday, ...(openCancel ? { cancel: { bookingId: openCancel.bookingId, reason: openCancel.reason.value } } : {}) }),
      restore: (kept) => {
        const draft = kept as WeekDraft;
        void (async () => {
          if (draft.monday && draft.monday !== monday) await show(draft.monday);
          const b = draft.cancel && bookings.find((x) => x.id === draft.cancel!.bookingId);
          if (b) void cancel(b, draft.cancel!.reason);
        })();
      },
    };
  },
};
