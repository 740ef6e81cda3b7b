import { h } from './dom';
import { currentClock, setClock, type Clock } from './format';
import { strings } from './strings';
import { cityOf, localTimeNow, searchZones, zoneEntries, zoneLabel, type ZoneEntry } from './time-zones';

export interface ZonePickerOptions {
  /** The zone chosen now (the widget's context keeps it). */
  zone(): string;
  /** The device's zone: its entry is listed first. */
  detected: string;
  /** A zone was chosen (Enter or click): only then does anything reload. */
  onCommit(zone: string): void;
  announce(text: string): void;
}

type Found = { entry: ZoneEntry; zone: string };

/** The list is built on first use and again when it is older than this (offsets change twice a year). */
const STALE_MS = 10 * 60_000;

/**
 * The time-zone search: an editable combobox with a listbox popup (WAI-ARIA APG). Typing filters;
 * the arrow keys move the active option (aria-activedescendant) without choosing it; Enter or a
 * click chooses; Escape or leaving closes and restores the chosen zone's name. Each option reads
 * "Central European Time (GMT+1) — 16:15" with the city it stands for (decision 109).
 */
export function zonePicker(o: ZonePickerOptions) {
  let entries: ZoneEntry[] = [];
  let built = 0;
  let found: Found[] = [];
  let active = -1;
  const input = h('input', {
    id: 'bw-zone',
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'bw-zone-list',
    autocomplete: 'off',
    spellcheck: 'false',
    onclick: () => !isOpen() && open(''),
    onfocus: () => input.select(),
    oninput: () => open(input.value),
    onkeydown: keys,
    onblur: (event: FocusEvent) => {
      if (!list.contains(event.relatedTarget as Node | null)) close();
    },
  });
  const list = h('ul', {
    id: 'bw-zone-list',
    role: 'listbox',
    'aria-label': strings.zoneList,
    class: 'zone-list',
    hidden: true,
    // Keeps focus in the input, so a click on an option (or the scrollbar) does not first close the list.
    onmousedown: (event: Event) => event.preventDefault(),
  });
  // Outside the listbox: a listbox holds options only.
  const none = h('p', { class: 'zone-none muted', hidden: true }, strings.noZoneFound);
  const el = h('div', { class: 'zone-combo' }, input, list, none);

  let opened = false;
  const isOpen = () => opened;

  function open(query: string) {
    if (!built || Date.now() - built > STALE_MS) {
      entries = zoneEntries([o.detected, o.zone()]);
      built = Date.now();
    }
    found = searchZones(entries, query, o.detected);
    active = -1;
    input.removeAttribute('aria-activedescendant');
    draw();
    opened = true;
    list.hidden = !found.length;
    none.hidden = !!found.length;
    input.setAttribute('aria-expanded', String(!list.hidden));
    if (query) o.announce(strings.zonesFound(found.length));
  }

  function close() {
    opened = false;
    list.hidden = true;
    none.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
    restore();
  }

  const restore = () => (input.value = zoneLabel(o.zone()));

  function draw() {
    const now = Date.now();
    const chosen = o.zone();
    list.replaceChildren(
      ...found.map((f, i) =>
        h(
          'li',
          {
            id: `bw-zone-${i}`,
            role: 'option',
            class: f.entry.zones.includes(chosen) ? 'current' : null,
            'aria-selected': String(i === active),
            onclick: () => commit(f),
          },
          `${f.entry.name} (${f.entry.offset}) — ${localTimeNow(f.entry, now)}`,
          h('span', { class: 'muted' }, ` · ${cityOf(f.zone)}`),
        ),
      ),
    );
  }

  function move(to: number) {
    if (!found.length) return;
    active = (to + found.length) % found.length;
    list.querySelectorAll('[role=option]').forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    const option = list.querySelector<HTMLElement>(`#bw-zone-${active}`)!;
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView?.({ block: 'nearest' });
  }

  function commit(f: Found | undefined) {
    const before = o.zone();
    close();
    if (f && f.zone !== before) {
      o.onCommit(f.zone);
      restore();
    }
  }

  function keys(event: KeyboardEvent) {
    const down = event.key === 'ArrowDown';
    if (down || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!isOpen()) open('');
      if (!event.altKey) move(active < 0 ? (down ? 0 : -1) : active + (down ? 1 : -1));
    } else if (event.key === 'Enter' && isOpen()) {
      event.preventDefault();
      // With nothing made active, Enter takes the first match of what was typed.
      commit(found[active] ?? (input.value && input.value !== zoneLabel(o.zone()) ? found[0] : undefined));
    } else if (event.key === 'Escape' && isOpen()) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  }

  restore();
  return { el, input, refresh: () => (isOpen() ? draw() : restore()) };
}

/**
 * The 12/24-hour choice: the locale's own clock until the client switches; switching changes every
 * time shown from then on (decision 110).
 */
export function clockChoice(onChange: () => void): HTMLElement {
  const radio = (value: Clock, label: string) =>
    h(
      'label',
      null,
      h('input', {
        type: 'radio',
        name: 'bw-clock',
        value,
        checked: currentClock() === value,
        onchange: () => {
          setClock(value);
          onChange();
        },
      }),
      label,
    );
  return h('fieldset', { class: 'clock' }, h('legend', { class: 'sr' }, strings.clock), radio('h12', strings.clock12), radio('h23', strings.clock24));
}
