import { h } from '../dom';
import { confirmDialog } from './confirm-dialog';
import { segment, SignInNeeded } from './console-api';
import { FieldErrors, newId, numberInput, readNumber, textInput } from './form';
import { firstNames, nextOccurrences, reasonInWords, ruleInWords, type MySeries, type SeriesOccurrence } from './series-words';
import { strings } from './strings';
import { timeZoneSelect } from './time-zone-select';
import type { OpenView, ViewContext, ViewDefinition } from './views';
import { todayIn, wallClock, wallTimeToInstant, weekOf } from './zoned-time';

interface SessionTypeChoice {
  id: string;
  name: string;
  kind: 'individual' | 'couples';
  hidden?: boolean;
}

interface ClientDraft {
  name: string;
  email: string;
  phone: string;
}
interface CreateDraft {
  sessionTypeId: string;
  date: string;
  time: string;
  clients: ClientDraft[];
  timeZone: string;
  everyWeeks: string;
  ends: 'count' | 'until' | 'open';
  count: string;
  until: string;
  note: string;
}
/** The end or move form open on one series, as typed. */
interface PanelDraft {
  seriesId: string;
  kind: 'end' | 'move';
  from: string;
  date: string;
  time: string;
}
interface SeriesDraft {
  create: CreateDraft;
  panel?: PanelDraft;
}

interface Slot {
  start: string;
  end: string;
}

/** A date or time the user has not finished typing goes as typed, so the API's error lands at its field. */
function instantOrTyped(date: string, time: string, zone: string): string {
  try {
    return wallTimeToInstant(date, time, zone);
  } catch {
    return date || time ? `${date}T${time}` : '';
  }
}

/**
 * Standing appointments: the therapist's series with their next sessions and skipped weeks, a form
 * to set one up from a free time, ending or moving one from a date, and placing a skipped week by
 * hand as a single booking (decision 67). Every time is on the therapist's clock.
 */
export const seriesView: ViewDefinition = {
  route: '#/series',
  title: strings.seriesTitle,
  area: 'therapist',
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const therapist = ctx.therapist!;
    const zone = therapist.timeZone;
    const whenName = new Intl.DateTimeFormat(strings.lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone });
    const dateName = new Intl.DateTimeFormat(strings.lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const when = (iso: string) => whenName.format(new Date(iso));
    const dateWords = (date: string) => dateName.format(new Date(`${date}T12:00:00Z`));

    const [seriesAnswer, typesAnswer] = await Promise.all([
      ctx.api.get<{ series: MySeries[] }>('/v1/me/series'),
      ctx.api.get<{ sessionTypes: SessionTypeChoice[] }>('/v1/me/session-types'),
    ]);
    let series = seriesAnswer.series;
    const types = typesAnswer.sessionTypes;
    const typeOf = (id: string) => types.find((t) => t.id === id);
    /** What this page has seen of each series: the times that could not move (the API does not keep them). */
    const notMoved = new Map<string, { start: string; reason: string }[]>();
    let panel: { seriesId: string; kind: 'end' | 'move'; from: HTMLInputElement; date: HTMLInputElement; time: HTMLInputElement } | undefined;
    let placing: { seriesId: string; start: string } | undefined;

    const root = h('div', { class: 'series-view' });

    // ---- The list ----
    const listHeading = h('h2', { id: 'series-list-h', tabindex: '-1' }, strings.seriesListTitle);
    const list = h('div', { class: 'series-list' });

    function renderList(): void {
      const shown = series.slice().sort((a, b) => (a.status === b.status ? Date.parse(a.occurrences[0]?.start ?? '') - Date.parse(b.occurrences[0]?.start ?? '') : a.status === 'active' ? -1 : 1));
      list.replaceChildren(shown.length ? h('ul', { class: 'series-items' }, shown.map((s) => h('li', null, seriesCard(s)))) : h('p', { class: 'muted' }, strings.seriesNone));
    }

    function seriesCard(s: MySeries): HTMLElement {
      const type = typeOf(s.sessionTypeId);
      const who = firstNames(s.clients);
      const headingId = `series-${s.id}`;
      const next = nextOccurrences(s, 3);
      const skipped = s.occurrences.filter((o) => o.status === 'skipped');
      // A placed week is an occurrence of the series (decision 73): the series itself says so, after a reload too.
      const placedWeeks = s.occurrences.filter((o) => o.placed && o.status === 'booked');
      const stuck = notMoved.get(s.id);
      const open = panel?.seriesId === s.id ? panel : undefined;
      return h('article', { class: `series status-${s.status}`, 'aria-labelledby': headingId, 'data-series': s.id },
        h('h3', { id: headingId, tabindex: '-1' }, who, ' · ', type?.name ?? strings.unknownSessionType),
        h('p', { class: 'series-rule' }, ruleInWords(s, zone)),
        h('p', null, h('span', { class: 'badge' }, strings.seriesStatusWord[s.status] ?? s.status)),
        h('h4', null, strings.seriesNext),
        next.length ? h('ul', { class: 'series-next' }, next.map((o) => h('li', null, h('time', { datetime: o.start }, when(o.start))))) : h('p', { class: 'muted' }, strings.seriesNoNext),
        skipped.length
          ? [h('h4', null, strings.seriesSkipped), h('ul', { class: 'series-skipped' }, skipped.map((o) => skippedItem(s, o)))]
          : null,
        placedWeeks.length
          ? [h('h4', null, strings.seriesPlaced), h('ul', { class: 'series-placed' }, placedWeeks.map((o) => h('li', null, strings.placedItem(when(o.start)))))]
          : null,
        stuck?.length
          ? h('div', { class: 'not-moved', role: 'status' }, h('p', null, strings.seriesNotMoved), h('ul', null, stuck.map((n) => h('li', null, strings.notMovedItem(when(n.start), reasonInWords(n.reason))))))
          : null,
        s.status === 'active' && next.length
          ? h('div', { class: 'actions' },
              h('button', { type: 'button', 'aria-expanded': String(open?.kind === 'move'), 'aria-label': strings.seriesMoveNamed(who), onclick: () => openPanel(s, 'move') }, strings.seriesMove),
              h('button', { type: 'button', class: 'danger', 'aria-expanded': String(open?.kind === 'end'), 'aria-label': strings.seriesEndNamed(who), onclick: () => openPanel(s, 'end') }, strings.seriesEnd))
          : null,
        open ? panelForm(s, open) : null,
      );
    }

    function skippedItem(s: MySeries, o: SeriesOccurrence): HTMLElement {
      const future = Date.parse(o.end) > Date.now();
      const item = h('li', { class: 'skipped-week' }, h('span', null, strings.skippedWhy(when(o.start), reasonInWords(o.reason))));
      if (future && s.status === 'active') {
        const button = h('button', { type: 'button', 'aria-label': strings.placeWeekAt(dateWords(wallClock(o.start, zone).date)), 'aria-expanded': String(placing?.start === o.start && placing.seriesId === s.id) }, strings.placeWeek);
        button.addEventListener('click', () => void showFreeTimes(s, o, item, button));
        item.append(' ', button);
      }
      return item;
    }

    /** The week's public openings for the type; one press books that time as the skipped occurrence. */
    async function showFreeTimes(s: MySeries, o: SeriesOccurrence, item: HTMLElement, button: HTMLButtonElement): Promise<void> {
      item.querySelector('.place-week')?.remove();
      placing = { seriesId: s.id, start: o.start };
      button.setAttribute('aria-expanded', 'true');
      const week = weekOf(wallClock(o.start, zone).date);
      const errors = new FieldErrors();
      const box = h('div', { class: 'place-week', 'aria-busy': 'true' }, h('p', { class: 'muted' }, strings.placeExplained), errors.summary);
      item.append(box);
      let slots: Slot[];
      try {
        const answer = await ctx.api.get<{ days: { date: string; slots: Slot[] }[] }>(
          `/v1/therapists/${segment(therapist.id)}/availability?sessionTypeId=${segment(s.sessionTypeId)}&from=${segment(week.monday)}&to=${segment(week.sunday)}&timeZone=${segment(zone)}`,
        );
        slots = answer.days.flatMap((d) => d.slots);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) errors.show(error);
        return;
      } finally {
        box.removeAttribute('aria-busy');
      }
      const legendId = newId('place');
      box.append(
        slots.length
          ? h('div', { role: 'group', 'aria-labelledby': legendId },
              h('p', { id: legendId, class: 'place-legend' }, strings.placeTimesLegend(dateWords(week.monday))),
              h('ul', { class: 'place-times' }, slots.map((slot) => h('li', null,
                h('button', { type: 'button', class: 'slot', 'aria-label': `${strings.placeBook}: ${when(slot.start)}`, onclick: () => void place(s, o, slot, errors) }, when(slot.start))))))
          : h('p', null, strings.placeNoTimes),
      );
      (box.querySelector<HTMLElement>('button.slot') ?? button).focus();
    }

    async function place(s: MySeries, o: SeriesOccurrence, slot: Slot, errors: FieldErrors): Promise<void> {
      try {
        // The occurrence itself is booked (decision 73): the series lists it, ending the series cancels it.
        const answer = await ctx.api.post<{ series: MySeries }>(`/v1/me/series/${segment(s.id)}/occurrences/${o.index}/place`, { start: slot.start });
        replace(answer.series);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) errors.show(error);
        return;
      }
      placing = undefined;
      renderList();
      focusSeries(s.id);
      ctx.announce(strings.placed(when(slot.start)));
    }

    function openPanel(s: MySeries, kind: 'end' | 'move', values?: PanelDraft): void {
      if (panel?.seriesId === s.id && panel.kind === kind && !values) {
        panel = undefined;
        renderList();
        list.querySelector<HTMLElement>(`[data-series="${CSS.escape(s.id)}"] button[aria-label="${CSS.escape(kind === 'end' ? strings.seriesEndNamed(firstNames(s.clients)) : strings.seriesMoveNamed(firstNames(s.clients)))}"]`)?.focus();
        return;
      }
      const nextDate = nextOccurrences(s, 1)[0];
      const from = h('input', { type: 'date', value: values?.from ?? (nextDate ? wallClock(nextDate.start, zone).date : todayIn(zone)) });
      panel = { seriesId: s.id, kind, from, date: h('input', { type: 'date', value: values?.date ?? '' }), time: h('input', { type: 'time', value: values?.time ?? '' }) };
      renderList();
      from.focus();
    }

    function panelForm(s: MySeries, p: NonNullable<typeof panel>): HTMLElement {
      const errors = new FieldErrors();
      const submit = h('button', { type: 'submit', class: p.kind === 'end' ? 'danger' : 'primary' }, p.kind === 'end' ? strings.seriesEndSubmit : strings.seriesMoveSubmit);
      const form = h('form', { class: 'series-panel', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void (p.kind === 'end' ? end(s, p, errors, submit) : move(s, p, errors, submit)); } },
        errors.summary,
        errors.field('from', p.kind === 'end' ? strings.seriesEndFrom : strings.seriesMoveFrom, p.from),
        p.kind === 'move'
          ? h('div', { class: 'pair' }, errors.field('start', strings.seriesMoveDate, p.date, strings.seriesMoveHint), h('div', { class: 'field' }, h('label', { for: (p.time.id ||= newId('f')) }, strings.seriesMoveTime), p.time))
          : null,
        h('div', { class: 'actions' }, submit),
      );
      if (p.kind === 'move') p.time.setAttribute('aria-describedby', p.date.getAttribute('aria-describedby') ?? '');
      return form;
    }

    async function end(s: MySeries, p: NonNullable<typeof panel>, errors: FieldErrors, submit: HTMLButtonElement): Promise<void> {
      const from = p.from.value;
      const { done } = confirmDialog({ host: root, title: strings.seriesEndTitle, message: strings.seriesEndWillEmail(s.clients.length, from ? dateWords(from) : '…'), confirmLabel: strings.seriesEndConfirm });
      if (!(await done)) return;
      submit.disabled = true;
      try {
        const answer = await ctx.api.post<{ series: MySeries }>(`/v1/me/series/${segment(s.id)}/end`, { from });
        replace(answer.series);
        panel = undefined;
        renderList();
        focusSeries(s.id);
        ctx.announce(strings.seriesEnded);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) errors.show(error);
      } finally {
        submit.disabled = false;
      }
    }

    async function move(s: MySeries, p: NonNullable<typeof panel>, errors: FieldErrors, submit: HTMLButtonElement): Promise<void> {
      submit.disabled = true;
      try {
        const answer = await ctx.api.post<{ series: MySeries; notMoved: { bookingId: string; start: string; reason: string }[] }>(
          `/v1/me/series/${segment(s.id)}/reschedule`,
          { from: p.from.value, start: instantOrTyped(p.date.value, p.time.value, zone) },
        );
        replace(answer.series);
        notMoved.set(s.id, answer.notMoved);
        panel = undefined;
        renderList();
        focusSeries(s.id);
        ctx.announce(answer.notMoved.length ? `${strings.seriesMoved} ${strings.seriesNotMoved} ${answer.notMoved.map((n) => when(n.start)).join(', ')}` : strings.seriesMoved);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) errors.show(error);
      } finally {
        submit.disabled = false;
      }
    }

    const replace = (updated: MySeries) => {
      series = series.some((x) => x.id === updated.id) ? series.map((x) => (x.id === updated.id ? updated : x)) : [...series, updated];
    };
    const focusSeries = (id: string) => list.querySelector<HTMLElement>(`#${CSS.escape(`series-${id}`)}`)?.focus();

    // ---- A new series ----
    const errors = new FieldErrors();
    const offered = types.filter((t) => !t.hidden);
    const typeSelect = h('select', { onchange: () => syncClients() }, (offered.length ? offered : types).map((t) => h('option', { value: t.id }, t.name)));
    const date = h('input', { type: 'date' });
    const time = h('input', { type: 'time' });
    const clientInputs = [0, 1].map(() => ({
      name: textInput('', { maxlength: 100, autocomplete: 'off' }),
      email: h('input', { type: 'email', maxlength: 254, autocomplete: 'off' }),
      phone: h('input', { type: 'tel', maxlength: 30, autocomplete: 'off' }),
    }));
    const clientSets = clientInputs.map((c, i) =>
      h('fieldset', { class: 'client', tabindex: '-1' },
        h('legend', null),
        errors.field(`clients.${i}.name`, strings.seriesClientName, c.name),
        errors.field(`clients.${i}.email`, strings.seriesClientEmail, c.email),
        errors.field(`clients.${i}.phone`, strings.seriesClientPhone, c.phone),
      ),
    );
    const clientsBlock = h('div', { class: 'clients', tabindex: '-1' }, clientSets);
    const clientsError = errors.register('clients', clientsBlock);
    const zoneSelect = timeZoneSelect(zone);
    const everyWeeks = h('select', null, [1, 2, 3, 4].map((n) => h('option', { value: String(n) }, strings.everyWeeksWord(n))));
    const endsName = newId('ends');
    const endsChoice = (value: CreateDraft['ends']) => h('input', { type: 'radio', name: endsName, value, id: newId('f'), checked: value === 'count', onchange: () => syncEnds() });
    const ends = { count: endsChoice('count'), until: endsChoice('until'), open: endsChoice('open') };
    const count = numberInput(10, { min: 2, max: 52, step: 1 });
    const until = h('input', { type: 'date' });
    const countField = errors.field('count', strings.seriesCount, count, strings.seriesCountHint);
    const untilField = errors.field('until', strings.seriesUntil, until);
    const note = h('textarea', { maxlength: 1000, rows: 3 });
    const result = h('div', { class: 'series-result', tabindex: '-1' });
    const save = h('button', { type: 'submit', class: 'primary' }, strings.seriesCreate);

    function kindNow(): 'individual' | 'couples' {
      return typeOf(typeSelect.value)?.kind ?? 'individual';
    }
    function syncClients(): void {
      const n = kindNow() === 'couples' ? 2 : 1;
      clientSets.forEach((set, i) => {
        set.hidden = i >= n;
        set.querySelector('legend')!.textContent = strings.seriesClientLegend(i + 1, n);
      });
    }
    function syncEnds(): void {
      countField.hidden = !ends.count.checked;
      untilField.hidden = !ends.until.checked;
    }
    const chosenEnd = (): CreateDraft['ends'] => (ends.until.checked ? 'until' : ends.open.checked ? 'open' : 'count');

    const readCreate = (): CreateDraft => ({
      sessionTypeId: typeSelect.value,
      date: date.value,
      time: time.value,
      clients: clientInputs.map((c) => ({ name: c.name.value, email: c.email.value, phone: c.phone.value })),
      timeZone: zoneSelect.value,
      everyWeeks: everyWeeks.value,
      ends: chosenEnd(),
      count: count.value,
      until: until.value,
      note: note.value,
    });
    function setCreate(d: CreateDraft): void {
      if (types.some((t) => t.id === d.sessionTypeId)) typeSelect.value = d.sessionTypeId;
      date.value = d.date;
      time.value = d.time;
      d.clients.forEach((c, i) => {
        const inputs = clientInputs[i];
        if (!inputs) return;
        inputs.name.value = c.name;
        inputs.email.value = c.email;
        inputs.phone.value = c.phone;
      });
      if (d.timeZone) zoneSelect.value = d.timeZone;
      everyWeeks.value = d.everyWeeks || '1';
      ends[d.ends ?? 'count'].checked = true;
      count.value = d.count;
      until.value = d.until;
      note.value = d.note;
      syncClients();
      syncEnds();
    }

    async function create(): Promise<void> {
      const input = readCreate();
      const n = kindNow() === 'couples' ? 2 : 1;
      const clients = input.clients.slice(0, n).map((c) => ({ name: c.name.trim(), email: c.email.trim(), ...(c.phone.trim() ? { phone: c.phone.trim() } : {}) }));
      const body = {
        sessionTypeId: input.sessionTypeId,
        start: instantOrTyped(input.date, input.time, zone),
        timeZone: input.timeZone,
        clients,
        everyWeeks: Number(input.everyWeeks),
        ...(input.ends === 'count' ? { count: readNumber(count) ?? '' } : {}),
        ...(input.ends === 'until' ? { until: input.until } : {}),
        ...(input.note.trim() ? { note: input.note.trim() } : {}),
      };
      save.disabled = true;
      try {
        const created = (await ctx.api.post<{ series: MySeries }>('/v1/me/series', body)).series;
        errors.clear();
        replace(created);
        renderList();
        showResult(created);
        setCreate({ ...input, date: '', time: '', clients: [], note: '' });
        for (const c of clientInputs) c.name.value = c.email.value = c.phone.value = '';
        result.focus();
        ctx.announce(strings.saved);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) errors.show(error);
      } finally {
        save.disabled = false;
      }
    }

    /** Which weeks were booked and which skipped, with the reason: what the therapist checks first. */
    function showResult(s: MySeries): void {
      const booked = s.occurrences.filter((o) => o.status === 'booked').length;
      const skipped = s.occurrences.filter((o) => o.status === 'skipped').length;
      result.replaceChildren(
        h('h3', null, strings.seriesResultTitle),
        h('p', { class: 'series-summary' }, strings.seriesCreated(booked, skipped)),
        h('ol', { class: 'series-occurrences' }, s.occurrences.map((o) => h('li', { class: `occurrence ${o.status}` },
          h('time', { datetime: o.start }, when(o.start)), ': ',
          o.status === 'skipped' ? `${strings.occurrenceWord.skipped} (${reasonInWords(o.reason)})` : strings.occurrenceWord[o.status] ?? o.status))),
      );
    }

    const form = h('form', { class: 'series-form', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void create(); } },
      errors.summary,
      errors.field('sessionTypeId', strings.seriesType, typeSelect),
      h('div', { class: 'pair' },
        errors.field('start', strings.seriesFirstDate, date, strings.seriesFirstHint),
        h('div', { class: 'field' }, h('label', { for: (time.id = newId('f')) }, strings.seriesFirstTime), time)),
      clientsBlock,
      clientsError,
      errors.field('timeZone', strings.seriesClientZone, zoneSelect, strings.seriesClientZoneHint),
      errors.field('everyWeeks', strings.seriesEvery, everyWeeks),
      h('fieldset', { class: 'choices' },
        h('legend', null, strings.seriesEndsLegend),
        h('div', { class: 'choice' }, ends.count, h('label', { for: ends.count.id }, strings.seriesEndsCount)),
        h('div', { class: 'choice' }, ends.until, h('label', { for: ends.until.id }, strings.seriesEndsUntil)),
        h('div', { class: 'choice' }, ends.open, h('label', { for: ends.open.id }, strings.seriesEndsOpen)),
      ),
      countField,
      untilField,
      errors.field('note', strings.seriesNote, note, strings.seriesNoteHint),
      h('div', { class: 'actions' }, save),
    );
    // The start's error also names the time field beside its date.
    time.setAttribute('aria-describedby', date.getAttribute('aria-describedby')?.split(' ').pop() ?? '');
    syncClients();
    syncEnds();
    renderList();

    root.append(
      h('p', { class: 'muted' }, strings.timesIn(zone)),
      h('section', { 'aria-labelledby': 'series-list-h' }, listHeading, list),
      h('section', { 'aria-labelledby': 'series-new-h' },
        h('h2', { id: 'series-new-h' }, strings.seriesNewTitle),
        h('p', { class: 'muted' }, strings.seriesExplained),
        form,
        result,
      ),
    );

    return {
      element: root,
      draft: (): SeriesDraft => ({
        create: readCreate(),
        ...(panel ? { panel: { seriesId: panel.seriesId, kind: panel.kind, from: panel.from.value, date: panel.date.value, time: panel.time.value } } : {}),
      }),
      restore: (kept) => {
        const d = kept as Partial<SeriesDraft>;
        if (d.create) setCreate(d.create);
        const s = d.panel && series.find((x) => x.id === d.panel!.seriesId);
        if (s && d.panel) openPanel(s, d.panel.kind, d.panel);
      },
    };
  },
};
