import { h } from '../dom';
import { subscriptionAddress } from './calendar-address';
import { confirmDialog } from './confirm-dialog';
import { segment, SignInNeeded } from './console-api';
import { FieldErrors, newId, textInput } from './form';
import { strings } from './strings';
import type { OpenView, ViewContext, ViewDefinition } from './views';

/** A calendar source as `GET /v1/me/calendars` answers it: never the password (nor the username). */
interface CalendarSource {
  id: string;
  kind: 'ics' | 'caldav';
  url: string;
  label?: string;
  writeBookings: boolean;
  status: 'pending' | 'ok' | 'failing';
  lastSyncedAt?: string;
  lastError?: string;
}

/** The add form's input kept across a new sign-in. The app password is not in it (decision 102). */
interface OtherCalendarsDraft {
  kind: 'ics' | 'caldav';
  icsUrl: string;
  icsLabel: string;
  caldavUrl: string;
  username: string;
  caldavLabel: string;
  writeBookings: boolean;
}

/** The host alone: an ICS address is itself a secret (Google's "secret address"), so the list does not show it whole. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/**
 * The therapist's other calendars: ICS subscriptions and CalDAV calendars whose busy times block
 * bookable time. Add one (an ICS address, or a CalDAV calendar with an app password that is sent
 * once and never shown back), see whether each could be read and when, read one again now, remove
 * one. Busy times themselves show in the Week view, with the calendar's label only.
 */
export const otherCalendarsView: ViewDefinition = {
  route: '#/other-calendars',
  title: strings.otherCalendarsTitle,
  area: 'therapist',
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const zone = ctx.therapist!.timeZone;
    const whenName = new Intl.DateTimeFormat(strings.lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone });
    let sources = (await ctx.api.get<{ calendars: CalendarSource[] }>('/v1/me/calendars')).calendars;

    // ---- Adding one ----
    // One set of field errors a kind: both have a url and a label, and an error belongs at the one on screen.
    const icsErrors = new FieldErrors();
    const caldavErrors = new FieldErrors();
    const errorsNow = () => (icsKind.checked ? icsErrors : caldavErrors);
    const kindName = newId('kind');
    const icsKind = h('input', { type: 'radio', name: kindName, value: 'ics', checked: true, id: newId('f'), onchange: () => syncKind() });
    const caldavKind = h('input', { type: 'radio', name: kindName, value: 'caldav', id: newId('f'), onchange: () => syncKind() });
    // Secrets both: no autofill of the console's own sign-in, no spelling service reading them.
    const icsUrl = h('input', { type: 'url', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', maxlength: 2000 });
    const icsLabel = textInput('', { maxlength: 100, autocomplete: 'off' });
    const caldavUrl = h('input', { type: 'url', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', maxlength: 2000 });
    const username = textInput('', { maxlength: 200, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' });
    const password = h('input', { type: 'password', autocomplete: 'off', spellcheck: 'false', maxlength: 500 });
    const caldavLabel = textInput('', { maxlength: 100, autocomplete: 'off' });
    const writeBookings = h('input', { type: 'checkbox', id: newId('f') });
    const writeHint = h('p', { class: 'hint', id: newId('hint') }, strings.writeBookingsHint);

    const icsHelp = h('div', { class: 'ics-help', id: newId('hint') },
      h('p', null, strings.icsWhere),
      h('ul', null, strings.icsWhereApps.map((line) => h('li', null, line))),
      h('p', null, strings.icsPrivate),
    );
    // The URL field's description: the help, then its own error (which field() wired).
    const icsFields = h('div', { class: 'kind-fields' },
      icsHelp,
      icsErrors.field('url', strings.icsUrl, icsUrl),
      icsErrors.field('label', strings.calendarLabel, icsLabel, strings.calendarLabelHint),
    );
    icsUrl.setAttribute('aria-describedby', `${icsHelp.id} ${icsUrl.getAttribute('aria-describedby') ?? ''}`.trim());
    const writeError = caldavErrors.register('writeBookings', writeBookings);
    const caldavFields = h('div', { class: 'kind-fields' },
      h('p', null, strings.caldavExplained),
      caldavErrors.field('url', strings.caldavUrl, caldavUrl, strings.caldavUrlHint),
      caldavErrors.field('username', strings.caldavUsername, username),
      caldavErrors.field('password', strings.caldavPassword, password, strings.caldavPasswordHint),
      caldavErrors.field('label', strings.calendarLabel, caldavLabel, strings.calendarLabelHint),
      h('div', { class: 'choice' }, writeBookings, h('label', { for: writeBookings.id }, strings.writeBookings)),
      writeHint,
      writeError,
    );
    writeBookings.setAttribute('aria-describedby', `${writeHint.id} ${writeError.id}`);
    function syncKind(): void {
      icsFields.hidden = !icsKind.checked;
      caldavFields.hidden = icsKind.checked;
      icsErrors.clear();
      caldavErrors.clear();
    }

    const readDraft = (): OtherCalendarsDraft => ({
      kind: icsKind.checked ? 'ics' : 'caldav',
      icsUrl: icsUrl.value,
      icsLabel: icsLabel.value,
      caldavUrl: caldavUrl.value,
      username: username.value,
      caldavLabel: caldavLabel.value,
      writeBookings: writeBookings.checked,
    });
    function setDraft(d: OtherCalendarsDraft): void {
      icsKind.checked = d.kind !== 'caldav';
      caldavKind.checked = d.kind === 'caldav';
      icsUrl.value = d.icsUrl ?? '';
      icsLabel.value = d.icsLabel ?? '';
      caldavUrl.value = d.caldavUrl ?? '';
      username.value = d.username ?? '';
      caldavLabel.value = d.caldavLabel ?? '';
      writeBookings.checked = !!d.writeBookings;
      password.value = '';
      syncKind();
    }

    const addButton = h('button', { type: 'submit', class: 'primary' }, strings.addCalendar);
    const form = h('form', { class: 'other-calendar-form', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void add(); } },
      icsErrors.summary,
      caldavErrors.summary,
      h('fieldset', { class: 'choice' },
        h('legend', null, strings.calendarKind),
        h('div', { class: 'radio' }, icsKind, h('label', { for: icsKind.id }, strings.kindIcs)),
        h('div', { class: 'radio' }, caldavKind, h('label', { for: caldavKind.id }, strings.kindCaldav)),
      ),
      icsFields,
      caldavFields,
      h('div', { class: 'actions' }, addButton),
    );
    syncKind();

    async function add(): Promise<void> {
      const ics = icsKind.checked;
      const label = (ics ? icsLabel : caldavLabel).value.trim();
      const body = ics
        ? { kind: 'ics', url: subscriptionAddress(icsUrl.value), ...(label ? { label } : {}) }
        : { kind: 'caldav', url: caldavUrl.value.trim(), username: username.value.trim(), password: password.value, writeBookings: writeBookings.checked, ...(label ? { label } : {}) };
      addButton.disabled = true;
      try {
        const saved = (await ctx.api.post<{ calendar: CalendarSource }>('/v1/me/calendars', body)).calendar;
        errorsNow().clear();
        sources = [...sources, saved];
        // The password leaves the page once it is saved: it is never shown or kept again.
        setDraft({ kind: ics ? 'ics' : 'caldav', icsUrl: '', icsLabel: '', caldavUrl: '', username: '', caldavLabel: '', writeBookings: false });
        renderList();
        itemHeading(saved.id)?.focus();
        ctx.announce(strings.calendarAdded);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) errorsNow().show(error);
      } finally {
        addButton.disabled = false;
      }
    }

    // ---- The list ----
    const listErrors = new FieldErrors();
    const listHeading = h('h2', { tabindex: '-1', id: newId('h') }, strings.yourCalendars);
    const list = h('div', { class: 'calendar-sources' });
    const nameOf = (s: CalendarSource) => s.label || strings.unnamedCalendar(s.kind === 'ics' ? strings.kindIcsShort : strings.kindCaldavShort, hostOf(s.url));
    const headingId = (id: string) => `calendar-${id}`;
    const itemHeading = (id: string) => list.querySelector<HTMLElement>(`#${CSS.escape(headingId(id))}`);

    function renderList(): void {
      list.replaceChildren(
        sources.length
          ? h('ul', { class: 'source-list' }, sources.map((s) => h('li', null, item(s))))
          : h('p', { class: 'muted' }, strings.noOtherCalendars),
      );
    }

    function item(s: CalendarSource): HTMLElement {
      const name = nameOf(s);
      return h('article', { class: `calendar-source status-${s.status}`, 'aria-labelledby': headingId(s.id), 'data-calendar': s.id },
        h('h3', { id: headingId(s.id), tabindex: '-1' }, name),
        // Without a label the heading already says the kind and host.
        s.label ? h('p', { class: 'muted' }, s.kind === 'ics' ? strings.kindIcsShort : strings.kindCaldavShort, hostOf(s.url) ? ` · ${hostOf(s.url)}` : '') : null,
        h('p', { class: 'source-status' }, h('span', { class: `state status-${s.status}` }, strings.calendarStatus[s.status] ?? s.status)),
        s.status === 'failing' && s.lastError ? h('p', { class: 'source-error' }, h('strong', null, `${strings.calendarErrorLabel}: `), s.lastError) : null,
        h('p', null, s.lastSyncedAt ? strings.lastSynced(whenName.format(new Date(s.lastSyncedAt))) : s.status === 'failing' ? strings.neverReadOk : strings.neverSynced),
        s.kind === 'caldav' ? h('p', null, s.writeBookings ? strings.writesBookings : strings.readsOnly) : null,
        h('div', { class: 'actions' },
          h('button', { type: 'button', 'aria-label': strings.syncNamed(name), onclick: (e: Event) => void sync(s, e.currentTarget as HTMLButtonElement) }, strings.syncNow),
          h('button', { type: 'button', class: 'danger', 'aria-label': strings.removeNamed(name), onclick: () => void remove(s) }, strings.remove),
        ),
      );
    }

    async function sync(s: CalendarSource, button: HTMLButtonElement): Promise<void> {
      button.disabled = true;
      button.textContent = strings.syncing;
      try {
        const answer = (await ctx.api.post<{ calendar: CalendarSource }>(`/v1/me/calendars/${segment(s.id)}/sync`)).calendar;
        listErrors.clear();
        sources = sources.map((x) => (x.id === s.id ? answer : x));
        renderList();
        // The button is new after the list is drawn again: focus its new self, for the keyboard.
        list.querySelector<HTMLElement>(`[data-calendar="${CSS.escape(s.id)}"] button`)?.focus();
        ctx.announce(answer.status === 'failing' ? strings.syncFailed(nameOf(answer), answer.lastError ?? '') : strings.synced(nameOf(answer)));
      } catch (error) {
        if (error instanceof SignInNeeded) return;
        button.disabled = false;
        button.textContent = strings.syncNow;
        listErrors.show(error);
      }
    }

    async function remove(s: CalendarSource): Promise<void> {
      const name = nameOf(s);
      const { done } = confirmDialog({ host: element, title: strings.removeCalendarTitle(name), message: strings.removeCalendarWarning, confirmLabel: strings.confirmRemoveCalendar });
      if (!(await done)) return;
      try {
        await ctx.api.delete(`/v1/me/calendars/${segment(s.id)}`);
      } catch (error) {
        if (error instanceof SignInNeeded) return;
        listErrors.show(error);
        return;
      }
      listErrors.clear();
      sources = sources.filter((x) => x.id !== s.id);
      renderList();
      listHeading.focus();
      ctx.announce(strings.calendarRemoved);
    }

    renderList();
    const addHeadingId = newId('h');
    const element = h('div', { class: 'other-calendars-view' },
      h('p', null, strings.otherCalendarsExplained),
      h('section', { 'aria-labelledby': listHeading.id }, listHeading, listErrors.summary, list),
      h('section', { 'aria-labelledby': addHeadingId }, h('h2', { id: addHeadingId }, strings.addCalendarTitle), form),
    );

    return {
      element,
      draft: readDraft,
      restore: (kept) => setDraft({ ...readDraft(), ...(kept as Partial<OtherCalendarsDraft>) }),
    };
  },
};
