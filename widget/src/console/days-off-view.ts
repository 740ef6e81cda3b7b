import { h } from '../dom';
import { segment, SignInNeeded } from './console-api';
import { FieldErrors, newId, textInput } from './form';
import { strings } from './strings';
import type { OpenView, ViewContext, ViewDefinition } from './views';
import { timeOffInstants, type TimeOffInput } from './time-off-instants';
import { todayIn } from './zoned-time';

interface Interval {
  start: string;
  end: string;
}
interface Override {
  date: string;
  intervals: Interval[];
}
interface TimeOff {
  id: string;
  start: string;
  end: string;
  label?: string;
}

interface DaysOffDraft {
  override: { date: string; dayOff: boolean; intervals: Interval[] };
  timeOff: TimeOffInput;
}

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * Days off and time off: one date with other hours (or none), and absences between two moments.
 * Each form keeps its input as a draft when the sign-in ends, and shows the API's field errors at
 * the fields they name.
 */
export const daysOffView: ViewDefinition = {
  route: '#/days-off',
  title: strings.daysOffTitle,
  area: 'therapist',
  open: async (ctx: ViewContext): Promise<OpenView> => {
    const zone = ctx.therapist!.timeZone;
    const dateName = new Intl.DateTimeFormat(strings.lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const momentName = new Intl.DateTimeFormat(strings.lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: strings.hourCycle, timeZone: zone });

    const [overridesAnswer, timeOffAnswer] = await Promise.all([
      ctx.api.get<{ overrides: Override[] }>('/v1/me/overrides'),
      ctx.api.get<{ timeOff: TimeOff[] }>('/v1/me/time-off'),
    ]);
    let overrides = overridesAnswer.overrides;
    let timeOff = timeOffAnswer.timeOff;

    // ---- One date's hours ----
    const overrideErrors = new FieldErrors();
    const date = h('input', { type: 'date', required: true });
    const kindName = newId('kind');
    const dayOff = h('input', { type: 'radio', name: kindName, value: 'off', checked: true, id: newId('f'), onchange: () => syncKind() });
    const otherHours = h('input', { type: 'radio', name: kindName, value: 'hours', id: newId('f'), onchange: () => syncKind() });
    const intervalRows = h('div', { class: 'interval-rows' });
    let rows: { start: HTMLInputElement; end: HTMLInputElement }[] = [];
    const addRow = h('button', { type: 'button', onclick: () => { addInterval({ start: '', end: '' }); rows[rows.length - 1]?.start.focus(); } }, strings.addInterval);
    const hoursBlock = h('div', { class: 'hours-block', tabindex: '-1' }, intervalRows, addRow);
    const intervalsError = overrideErrors.register('intervals', hoursBlock);

    function renderRows(): void {
      intervalRows.replaceChildren(
        ...rows.map((row, i) => {
          const n = i + 1;
          row.start.id ||= newId('f');
          row.end.id ||= newId('f');
          const error = overrideErrors.register(`intervals.${i}`, row.start);
          for (const input of [row.start, row.end]) input.setAttribute('aria-describedby', error.id);
          return h('div', { class: 'interval-row' },
            h('div', { class: 'field' }, h('label', { for: row.start.id }, strings.intervalStart(n)), row.start),
            h('div', { class: 'field' }, h('label', { for: row.end.id }, strings.intervalEnd(n)), row.end),
            rows.length > 1
              ? h('button', { type: 'button', class: 'danger', onclick: () => { rows.splice(i, 1); renderRows(); (rows[Math.max(0, i - 1)]?.start ?? addRow).focus(); } }, strings.removeInterval(n))
              : null,
            error,
          );
        }),
      );
    }
    function addInterval(value: Interval): void {
      rows.push({ start: h('input', { type: 'time', value: value.start }), end: h('input', { type: 'time', value: value.end }) });
      renderRows();
    }
    function syncKind(): void {
      hoursBlock.hidden = dayOff.checked;
      if (!dayOff.checked && !rows.length) addInterval({ start: '09:00', end: '17:00' });
    }
    function setOverride(d: DaysOffDraft['override']): void {
      date.value = d.date;
      dayOff.checked = d.dayOff;
      otherHours.checked = !d.dayOff;
      rows = [];
      for (const i of d.intervals) addInterval(i);
      syncKind();
    }
    const readOverride = (): DaysOffDraft['override'] => ({ date: date.value, dayOff: dayOff.checked, intervals: rows.map((r) => ({ start: r.start.value, end: r.end.value })) });

    const overrideSave = h('button', { type: 'submit', class: 'primary' }, strings.saveOverride);
    const overrideForm = h('form', { class: 'override-form', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void saveOverride(); } },
      overrideErrors.summary,
      overrideErrors.field('date', strings.overrideDate, date),
      h('fieldset', { class: 'choice' },
        h('legend', null, strings.overrideKind),
        h('div', { class: 'radio' }, dayOff, h('label', { for: dayOff.id }, strings.overrideDayOff)),
        h('div', { class: 'radio' }, otherHours, h('label', { for: otherHours.id }, strings.overrideHours)),
      ),
      hoursBlock,
      intervalsError,
      h('div', { class: 'actions' }, overrideSave),
    );
    hoursBlock.hidden = true;

    async function saveOverride(): Promise<void> {
      const input = readOverride();
      overrideSave.disabled = true;
      try {
        const saved = (await ctx.api.post<{ override: Override }>('/v1/me/overrides', { date: input.date, intervals: input.dayOff ? [] : input.intervals })).override;
        overrideErrors.clear();
        overrides = [...overrides.filter((o) => o.date !== saved.date), saved];
        setOverride({ date: '', dayOff: true, intervals: [] });
        renderOverrides();
        date.focus();
        ctx.announce(strings.saved);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) overrideErrors.show(error);
      } finally {
        overrideSave.disabled = false;
      }
    }

    const overrideList = h('div', { class: 'upcoming' });
    function renderOverrides(): void {
      const today = todayIn(zone);
      const upcoming = overrides.filter((o) => o.date >= today).sort((a, b) => a.date.localeCompare(b.date));
      overrideList.replaceChildren(
        upcoming.length
          ? h('ul', { class: 'plain-list' }, upcoming.map((o) => {
              const name = dateName.format(noon(o.date));
              const hours = o.intervals.length ? o.intervals.map((i) => `${i.start}–${i.end}`).join(', ') : strings.dayOff;
              return h('li', null, h('span', null, h('strong', null, name), ': ', hours),
                h('button', { type: 'button', class: 'danger', 'aria-label': strings.removeOverride(name), onclick: () => void removeOverride(o.date) }, strings.remove));
            }))
          : h('p', { class: 'muted' }, strings.noOverrides),
      );
    }
    async function removeOverride(d: string): Promise<void> {
      try {
        await ctx.api.delete(`/v1/me/overrides/${segment(d)}`);
      } catch (error) {
        if (error instanceof SignInNeeded) return;
        overrideErrors.show(error);
        return;
      }
      overrides = overrides.filter((o) => o.date !== d);
      renderOverrides();
      overrideHeading.focus();
      ctx.announce(strings.removed);
    }

    // ---- Time off ----
    const offErrors = new FieldErrors();
    const startDate = h('input', { type: 'date' });
    const startTime = h('input', { type: 'time' });
    const endDate = h('input', { type: 'date' });
    const endTime = h('input', { type: 'time' });
    const label = textInput('', { maxlength: 200, autocomplete: 'off' });
    const timesHint = h('p', { class: 'hint', id: newId('hint') }, strings.timeOffTimesHint);
    const plainField = (text: string, control: HTMLInputElement) => {
      control.id ||= newId('f');
      control.setAttribute('aria-describedby', timesHint.id);
      return h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
    };
    const readTimeOff = (): DaysOffDraft['timeOff'] => ({ startDate: startDate.value, startTime: startTime.value, endDate: endDate.value, endTime: endTime.value, label: label.value });
    function setTimeOff(d: DaysOffDraft['timeOff']): void {
      startDate.value = d.startDate;
      startTime.value = d.startTime;
      endDate.value = d.endDate;
      endTime.value = d.endTime;
      label.value = d.label;
    }
    const offSave = h('button', { type: 'submit', class: 'primary' }, strings.saveTimeOff);
    const offForm = h('form', { class: 'time-off-form', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void saveTimeOff(); } },
      offErrors.summary,
      timesHint,
      h('div', { class: 'pair' }, offErrors.field('start', strings.timeOffStartDate, startDate), plainField(strings.timeOffStartTime, startTime)),
      h('div', { class: 'pair' }, offErrors.field('end', strings.timeOffEndDate, endDate), plainField(strings.timeOffEndTime, endTime)),
      offErrors.field('label', strings.timeOffLabel, label, strings.timeOffLabelHint),
      h('div', { class: 'actions' }, offSave),
    );
    // The start and end errors also name the time fields beside their dates.
    startTime.setAttribute('aria-describedby', `${timesHint.id} ${startDate.getAttribute('aria-describedby')?.split(' ').pop()}`);
    endTime.setAttribute('aria-describedby', `${timesHint.id} ${endDate.getAttribute('aria-describedby')?.split(' ').pop()}`);

    async function saveTimeOff(): Promise<void> {
      const input = readTimeOff();
      const { start, end } = timeOffInstants(input, zone);
      offSave.disabled = true;
      try {
        const label = input.label.trim();
        const saved = (await ctx.api.post<{ timeOff: TimeOff }>('/v1/me/time-off', { start, end, ...(label ? { label } : {}) })).timeOff;
        offErrors.clear();
        timeOff = [...timeOff, saved];
        setTimeOff({ startDate: '', startTime: '', endDate: '', endTime: '', label: '' });
        renderTimeOff();
        startDate.focus();
        ctx.announce(strings.saved);
      } catch (error) {
        if (!(error instanceof SignInNeeded)) offErrors.show(error);
      } finally {
        offSave.disabled = false;
      }
    }

    const timeOffList = h('div', { class: 'upcoming' });
    const rangeOf = (t: TimeOff) => `${momentName.format(new Date(t.start))} – ${momentName.format(new Date(t.end))}`;
    function renderTimeOff(): void {
      const now = Date.now();
      const upcoming = timeOff.filter((t) => Date.parse(t.end) > now).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      timeOffList.replaceChildren(
        upcoming.length
          ? h('ul', { class: 'plain-list' }, upcoming.map((t) => {
              const range = rangeOf(t);
              return h('li', null, h('span', null, t.label ? [h('strong', null, t.label), ': '] : null, range),
                h('button', { type: 'button', class: 'danger', 'aria-label': strings.removeTimeOff(range), onclick: () => void removeTimeOff(t) }, strings.remove));
            }))
          : h('p', { class: 'muted' }, strings.noTimeOff),
      );
    }
    async function removeTimeOff(t: TimeOff): Promise<void> {
      try {
        await ctx.api.delete(`/v1/me/time-off/${segment(t.id)}`);
      } catch (error) {
        if (error instanceof SignInNeeded) return;
        offErrors.show(error);
        return;
      }
      timeOff = timeOff.filter((x) => x.id !== t.id);
      renderTimeOff();
      timeOffHeading.focus();
      ctx.announce(strings.removed);
    }

    const overrideHeading = h('h2', { tabindex: '-1' }, strings.overridesTitle);
    const timeOffHeading = h('h2', { tabindex: '-1' }, strings.timeOffTitle);
    renderOverrides();
    renderTimeOff();
    const element = h('div', { class: 'days-off-view' },
      h('section', { 'aria-labelledby': 'overrides-h' },
        Object.assign(overrideHeading, { id: 'overrides-h' }),
        h('p', { class: 'muted' }, strings.overridesExplained, ' ', strings.timesIn(zone)),
        overrideForm,
        h('h3', null, strings.upcomingOverrides),
        overrideList,
      ),
      h('section', { 'aria-labelledby': 'time-off-h' },
        Object.assign(timeOffHeading, { id: 'time-off-h' }),
        h('p', { class: 'muted' }, strings.timeOffExplained),
        offForm,
        h('h3', null, strings.upcomingTimeOff),
        timeOffList,
      ),
    );

    return {
      element,
      draft: (): DaysOffDraft => ({ override: readOverride(), timeOff: readTimeOff() }),
      restore: (kept) => {
        const d = kept as Partial<DaysOffDraft>;
        if (d.override) setOverride(d.override);
        if (d.timeOff) setTimeOff(d.timeOff);
      },
    };
  },
};
