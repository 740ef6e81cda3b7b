import { h } from '../dom';
import { ApiError, SignInNeeded } from './console-api';
import { FieldErrors, newId } from './form';
import { DAYS, DEFAULT_INTERVAL, endForInput, endFromInput, formOf, isHoursForm, nextWeek, scheduleOf, type Day, type HoursForm, type Schedule } from './hours-form';
import { renderPreview, type PreviewAnswer } from './hours-preview';
import { strings } from './strings';
import type { ViewContext, ViewDefinition } from './views';

interface SessionTypeItem {
  id: string;
  name: string;
  hidden?: boolean;
}

/**
 * Weekly hours and booking rules, in the manner of Cal.com's availability page: a row per weekday
 * with a switch, several intervals, "copy times to…"; then the rules, each with a hint in plain
 * words. Before saving, a preview of next week's times with the new rules beside the current ones,
 * worked out by the API from the real bookings, overrides and time off (decision 53).
 */
export const hoursView: ViewDefinition = {
  route: '#/hours',
  title: strings.hoursTitle,
  area: 'therapist',
  open: async (ctx) => {
    const [schedule, types] = await Promise.all([
      ctx.api.get<{ schedule: Schedule }>('/v1/me/schedule').then((r) => r.schedule).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return undefined; // no hours yet: start from an empty week
        throw e;
      }),
      ctx.api.get<{ sessionTypes: SessionTypeItem[] }>('/v1/me/session-types').then((r) => r.sessionTypes.filter((t) => !t.hidden)),
    ]);
    return hoursEditor(ctx, formOf(schedule, ctx.therapist?.timeZone ?? 'UTC'), types);
  },
};

function hoursEditor(ctx: ViewContext, initial: HoursForm, types: SessionTypeItem[]) {
  let form: HoursForm = structuredClone(initial);
  form.previewTypeId ||= types[0]?.id ?? '';
  const errors = new FieldErrors();
  const rows = new Map<Day, { toggle: HTMLInputElement; body: HTMLElement; copyButton: HTMLButtonElement; copyPanel: HTMLElement }>();

  // ---- Weekly hours: one row per weekday ----
  const row = (day: Day) => {
    const name = strings.dayNames[day]!;
    const toggle = h('input', { type: 'checkbox', role: 'switch', id: newId('day'), class: 'day-toggle' });
    const error = errors.register(`weekly.${day}`, toggle);
    toggle.setAttribute('aria-describedby', error.id);
    const body = h('div', { class: 'day-intervals' });
    const copyPanel = h('div', { class: 'copy-panel', hidden: true });
    const copyButton = h('button', { type: 'button', class: 'copy-button', 'aria-expanded': 'false', 'aria-label': strings.copyTimesOf(name) }, strings.copyTimes);
    toggle.addEventListener('change', () => {
      form.days[day].on = toggle.checked;
      if (toggle.checked && !form.days[day].intervals.length) form.days[day].intervals.push({ ...DEFAULT_INTERVAL });
      drawDay(day);
      changed();
    });
    copyButton.addEventListener('click', () => (copyPanel.hidden ? openCopy(day) : closeCopy(day)));
    rows.set(day, { toggle, body, copyButton, copyPanel });
    return h('div', { class: 'day-row', role: 'group', 'aria-label': name },
      h('div', { class: 'day-name' }, toggle, h('label', { for: toggle.id }, name)),
      body,
      h('div', { class: 'day-tools' }, copyButton, copyPanel),
      error,
    );
  };

  const drawDay = (day: Day, focus?: { interval: number } | 'add') => {
    const { toggle, body } = rows.get(day)!;
    const state = form.days[day];
    const name = strings.dayNames[day]!;
    const errorId = toggle.getAttribute('aria-describedby') ?? '';
    toggle.checked = state.on;
    if (!state.on) {
      body.replaceChildren(h('p', { class: 'muted day-off' }, strings.unavailable));
      return;
    }
    const add = h('button', { type: 'button', class: 'add-interval', 'aria-label': strings.addIntervalTo(name) }, `+ ${strings.hoursAddInterval}`);
    add.addEventListener('click', () => {
      const last = state.intervals[state.intervals.length - 1];
      // The next interval starts an hour after the last one ends, when that still fits in the day.
      const next = last && last.end < '23:00' ? { start: shift(last.end, 60), end: shift(last.end, 120) } : { ...DEFAULT_INTERVAL };
      state.intervals.push(next);
      drawDay(day, { interval: state.intervals.length - 1 });
      changed();
    });
    const list = h('ul', { class: 'interval-list' }, state.intervals.map((interval, i) => {
      const n = i + 1;
      const start = h('input', { type: 'time', step: 300, value: interval.start, id: newId('t'), 'aria-describedby': errorId });
      const end = h('input', { type: 'time', step: 300, value: endForInput(interval.end), id: newId('t'), 'aria-describedby': errorId });
      start.addEventListener('input', () => ((interval.start = start.value), changed()));
      end.addEventListener('input', () => ((interval.end = endFromInput(end.value)), changed()));
      const remove = h('button', { type: 'button', class: 'remove-interval', 'aria-label': strings.removeIntervalOf(name, n) }, '✕');
      remove.addEventListener('click', () => {
        state.intervals.splice(i, 1);
        if (!state.intervals.length) state.on = false;
        drawDay(day, state.on ? 'add' : undefined);
        if (!state.on) toggle.focus();
        changed();
      });
      const label = (text: string, control: HTMLInputElement) => h('label', { for: control.id }, h('span', { class: 'sr' }, strings.intervalLabel(name, n)), text);
      return h('li', { class: 'interval' }, label(strings.intervalFrom, start), start, label(strings.intervalUntil, end), end, remove);
    }));
    body.replaceChildren(list, add);
    if (focus === 'add') add.focus();
    else if (focus) body.querySelectorAll<HTMLInputElement>('input[type="time"]')[focus.interval * 2]?.focus();
  };

  const openCopy = (day: Day) => {
    for (const other of DAYS) if (other !== day) closeCopy(other);
    const { copyButton, copyPanel } = rows.get(day)!;
    const name = strings.dayNames[day]!;
    const boxes = DAYS.filter((d) => d !== day).map((d) => ({ d, box: h('input', { type: 'checkbox', id: newId('copy') }) }));
    const apply = h('button', { type: 'button', class: 'primary' }, strings.apply);
    apply.addEventListener('click', () => {
      const targets = boxes.filter((b) => b.box.checked).map((b) => b.d);
      for (const target of targets) {
        form.days[target] = { on: form.days[day].on, intervals: form.days[day].intervals.map((i) => ({ ...i })) };
        drawDay(target);
      }
      closeCopy(day);
      copyButton.focus();
      ctx.announce(strings.copiedTo(name, targets.map((d) => strings.dayNames[d]!)));
      if (targets.length) changed();
    });
    copyPanel.replaceChildren(
      h('fieldset', null, h('legend', null, strings.copyTo(name)),
        h('ul', { class: 'copy-days' }, boxes.map(({ d, box }) => h('li', null, box, h('label', { for: box.id }, strings.dayNames[d]!)))),
        h('div', { class: 'actions' }, apply, h('button', { type: 'button', onclick: () => (closeCopy(day), copyButton.focus()) }, strings.cancel)),
      ),
    );
    copyPanel.hidden = false;
    copyButton.setAttribute('aria-expanded', 'true');
    boxes[0]?.box.focus();
  };
  const closeCopy = (day: Day) => {
    const { copyButton, copyPanel } = rows.get(day)!;
    copyPanel.hidden = true;
    copyPanel.replaceChildren();
    copyButton.setAttribute('aria-expanded', 'false');
  };

  // ---- The rules ----
  const zones = timeZones(form.timeZone);
  const zone = h('select', null, zones.map((z) => h('option', { value: z }, z)));
  const number = (min: number, max: number) => h('input', { type: 'number', inputmode: 'numeric', min, max, step: 1 });
  const rules = {
    bufferMinutes: number(0, 240),
    minimumNoticeMinutes: number(0, 43200),
    horizonDays: number(1, 730),
    slotIntervalMinutes: number(5, 240),
    maxSessionsPerDay: number(1, 48),
  };
  zone.addEventListener('change', () => ((form.timeZone = zone.value), changed()));
  for (const [key, input] of Object.entries(rules) as [keyof typeof rules, HTMLInputElement][]) {
    input.addEventListener('input', () => ((form[key] = input.value), changed()));
  }

  // ---- Preview ----
  const previewType = h('select', null, types.map((t) => h('option', { value: t.id }, t.name)));
  previewType.addEventListener('change', () => (form.previewTypeId = previewType.value));
  const previewButton = h('button', { type: 'button' }, strings.previewButton);
  const previewStatus = h('p', { class: 'preview-stale', hidden: true }, strings.previewStale);
  const previewOut = h('div', { class: 'preview-out' });
  const previewErrors = new FieldErrors();
  let previewShown = false;
  previewButton.addEventListener('click', () => void preview());

  const preview = async () => {
    errors.clear();
    previewErrors.clear();
    previewButton.disabled = true;
    previewOut.replaceChildren(h('p', { role: 'status' }, strings.previewing));
    const dates = nextWeek(new Date(), form.timeZone);
    try {
      const answer = await ctx.api.post<PreviewAnswer>('/v1/me/schedule/preview', { schedule: scheduleOf(form), sessionTypeId: form.previewTypeId, from: dates[0], to: dates[dates.length - 1] });
      const { element, summary } = renderPreview(answer, dates);
      previewOut.replaceChildren(element);
      previewShown = true;
      previewStatus.hidden = true;
      ctx.announce(strings.previewReady(summary));
    } catch (e) {
      previewOut.replaceChildren();
      if (e instanceof SignInNeeded) return;
      // The preview's body wraps the schedule: its field paths start with `schedule.` (decision 53).
      if (e instanceof ApiError && e.fields.some((f) => f.path.startsWith('schedule'))) showErrors(e, (p) => p.replace(/^schedule\.?/, ''));
      else previewErrors.show(e);
    } finally {
      previewButton.disabled = false;
    }
  };

  /** A row holds every interval of its day: say which interval (and which end) an error is about. */
  const showErrors = (e: ApiError, path: (p: string) => string = (p) => p) => {
    const fields = e.fields.map((f) => {
      const p = path(f.path);
      const m = /^weekly\.[a-z]{3}\.(\d+)(?:\.(start|end))?$/.exec(p);
      if (!m) return { path: p, message: f.message };
      const part = m[2] === 'start' ? strings.intervalFrom : m[2] === 'end' ? strings.intervalUntil : '';
      return { path: p, message: strings.intervalError(Number(m[1]) + 1, part.toLowerCase(), f.message) };
    });
    errors.show(new ApiError(e.status, e.code, e.message, fields));
  };

  const changed = () => {
    if (previewShown) previewStatus.hidden = false;
  };

  // ---- Save ----
  const save = h('button', { type: 'submit', class: 'primary' }, strings.saveHours);
  const element = h('form', { class: 'hours', novalidate: true },
    errors.summary,
    h('h2', null, strings.weeklyHours),
    h('p', { class: 'hint' }, strings.weeklyHoursHint, ' ', strings.midnightHint),
    h('div', { class: 'week' }, DAYS.map(row)),
    h('h2', null, strings.rules),
    errors.field('timeZone', strings.timeZone, zone, strings.timeZoneHint),
    errors.field('bufferMinutes', strings.buffer, rules.bufferMinutes, strings.bufferHint),
    errors.field('minimumNoticeMinutes', strings.notice, rules.minimumNoticeMinutes, strings.noticeHint),
    errors.field('horizonDays', strings.horizon, rules.horizonDays, strings.horizonHint),
    errors.field('slotIntervalMinutes', strings.grid, rules.slotIntervalMinutes, strings.gridHint),
    errors.field('maxSessionsPerDay', strings.dailyMax, rules.maxSessionsPerDay, strings.dailyMaxHint),
    h('section', { class: 'preview', 'aria-labelledby': 'preview-title' },
      h('h2', { id: 'preview-title' }, strings.previewTitle),
      h('p', { class: 'hint' }, strings.previewHint),
      types.length
        ? [previewErrors.summary, previewErrors.field('sessionTypeId', strings.previewFor, previewType), h('div', { class: 'actions' }, previewButton), previewStatus, previewOut]
        : h('p', null, strings.previewNoTypes),
    ),
    h('div', { class: 'actions' }, save),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      errors.clear();
      save.disabled = true;
      save.textContent = strings.saving;
      try {
        await ctx.api.put('/v1/me/schedule', scheduleOf(form));
        ctx.announce(strings.saved);
        save.disabled = false;
        save.textContent = strings.saveHours;
        save.focus();
      } catch (e) {
        save.disabled = false;
        save.textContent = strings.saveHours;
        if (e instanceof SignInNeeded) return;
        if (e instanceof ApiError) showErrors(e);
        else errors.show(e);
      }
    })();
  });

  const fill = () => {
    if (!zones.includes(form.timeZone)) zone.prepend(h('option', { value: form.timeZone }, form.timeZone));
    zone.value = form.timeZone;
    for (const key of Object.keys(rules) as (keyof typeof rules)[]) rules[key].value = form[key];
    if (types.some((t) => t.id === form.previewTypeId)) previewType.value = form.previewTypeId;
    else form.previewTypeId = previewType.value;
    for (const day of DAYS) {
      closeCopy(day);
      drawDay(day);
    }
  };
  fill();

  return {
    element,
    draft: () => structuredClone(form),
    restore: (draft: unknown) => {
      if (!isHoursForm(draft)) return;
      form = structuredClone(draft);
      fill();
    },
  };
}

/** `HH:mm` moved by minutes, kept inside the day (24:00 at most). */
function shift(hhmm: string, minutes: number): string {
  const total = Math.min(24 * 60, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Every zone the browser knows, the current one first. */
function timeZones(current: string): string[] {
  const all = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [current, ...all.filter((z) => z !== current)];
}
