import type { Draft } from './booking-form';
import type { Occurrence } from './api-client';
import { h } from './dom';
import { seriesDates } from './series-dates';
import { alertBox, loadingLine } from './step-frame';
import { strings } from './strings';
import type { WidgetContext } from './widget-context';

/**
 * For a type with `repeat`: "Does not repeat" or every N weeks as the type allows (radio buttons:
 * arrow keys move between them), how many sessions (2 to the type's maximum), and the dates that
 * choice would book, free or skipped with why, asked of the API's preview (decision 65) each time the
 * choice changes. The last answer wins: an older one arriving late is dropped. `free()` says whether
 * the first date can be booked (the server would refuse the series otherwise).
 */
export function repeatChoice(ctx: WidgetContext, draft: Draft): { el: HTMLElement; firstFree(): boolean } {
  const allowed = draft.sessionType.repeat!;
  const weeks = [...allowed.everyWeeks].sort((a, b) => a - b);
  let asked = 0;
  let dates: Occurrence[] | undefined;

  const radio = (value: number, label: string) =>
    h(
      'div',
      { class: 'check' },
      h('input', { type: 'radio', id: `bw-repeat-${value}`, name: 'repeat', value: String(value), checked: (draft.repeat?.everyWeeks ?? 0) === value, onchange: changed }),
      h('label', { for: `bw-repeat-${value}` }, label),
    );
  const count = h(
    'select',
    { id: 'bw-count', name: 'count', onchange: changed },
    Array.from({ length: allowed.maxCount - 1 }, (_, i) => h('option', { value: String(i + 2) }, String(i + 2))),
  );
  count.value = String(Math.min(draft.repeat?.count ?? Math.min(6, allowed.maxCount), allowed.maxCount));
  const countField = h('div', { class: 'field' }, h('label', { for: 'bw-count' }, strings.sessionsCount), count);
  const list = h('div', { class: 'preview' });
  const alert = alertBox();

  function changed() {
    const chosen = Number((el.querySelector('input[name="repeat"]:checked') as HTMLInputElement | null)?.value ?? 0);
    if (chosen) draft.repeat = { everyWeeks: chosen, count: Number(count.value) };
    else delete draft.repeat;
    show();
  }

  function show() {
    countField.hidden = !draft.repeat;
    dates = undefined;
    alert.clear();
    if (!draft.repeat) return list.replaceChildren();
    const ask = ++asked;
    const repeat = draft.repeat;
    list.replaceChildren(loadingLine(strings.checkingDates));
    ctx.api.seriesPreview(draft.therapist.id, draft.sessionType.id, draft.slot!.start, repeat, ctx.zone).then(
      (occurrences) => {
        if (ask !== asked) return;
        dates = occurrences;
        const free = occurrences.filter((o) => o.status === 'free').length;
        const summary = strings.datesFree(free, occurrences.length - free);
        list.replaceChildren(h('p', null, summary), seriesDates(occurrences, ctx.zone));
        if (!firstFree()) alert.show(strings.firstNotFree);
        ctx.announce(summary);
      },
      (error) => {
        if (ask !== asked) return;
        list.replaceChildren();
        alert.fail(error, show);
      },
    );
  }

  const el = h(
    'fieldset',
    { class: 'repeat' },
    h('legend', null, strings.repeat),
    radio(0, strings.noRepeat),
    weeks.map((n) => radio(n, strings.everyWeeks(n))),
    countField,
    alert.el,
    list,
  );
  const firstFree = () => !draft.repeat || dates === undefined || dates[0]?.status === 'free';
  show();
  return { el, firstFree };
}
