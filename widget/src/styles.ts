/**
 * The widget's only styles, inside its shadow root. `all: initial` on the host cuts every inherited
 * property of the page; the page can theme the widget only through the --bw-* custom properties
 * (custom properties are not reset by `all`). Defaults meet WCAG AA contrast on white.
 * Layout is fluid from 280 px up; the two-column picker is a container query, so it follows the
 * widget's own width, not the window's.
 */
export const styles = `
:host {
  all: initial;
  display: block;
  --a: var(--bw-accent, #1f5c6b);
  --ac: var(--bw-accent-contrast, #ffffff);
  --bg: var(--bw-bg, #ffffff);
  --fg: var(--bw-fg, #1c2226);
  --mu: var(--bw-muted, #566069);
  --bd: var(--bw-border, #838d96);
  --er: var(--bw-error, #b3261e);
  --r: var(--bw-radius, 8px);
  --tint: color-mix(in srgb, var(--a) 11%, var(--bg));
  font-family: var(--bw-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  font-size: 16px;
  line-height: 1.5;
  color: var(--fg);
  text-align: start;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
.bw {
  container-type: inline-size;
  background: var(--bg);
  color: var(--fg);
  border: 1px solid var(--bd);
  border-radius: var(--r);
  padding: clamp(.75rem, 4cqi, 1.5rem);
  min-height: 26rem;
  overflow-wrap: anywhere;
}
.sr {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
h2, h3 { margin: 0 0 .5rem; line-height: 1.25; font-weight: 650; }
h2 { font-size: 1.3rem; }
h3 { font-size: 1.05rem; }
p { margin: 0 0 .75rem; }
ul { margin: 0; padding: 0; list-style: none; }
[tabindex="-1"]:focus { outline: none; }
:focus-visible { outline: 3px solid var(--a); outline-offset: 2px; }
.muted, .hint { color: var(--mu); }
.hint { font-size: .9rem; margin: 0 0 .35rem; }

button, input, select, textarea {
  font: inherit; color: inherit; letter-spacing: inherit; margin: 0; max-width: 100%;
}
button { cursor: pointer; }
button:disabled { cursor: default; }
.btn {
  display: inline-flex; align-items: center; justify-content: center; gap: .5rem;
  min-height: 2.75rem; padding: .5rem 1.1rem; border-radius: var(--r);
  border: 2px solid var(--a); font-weight: 600; text-align: center;
}
.primary { background: var(--a); color: var(--ac); }
.secondary { background: var(--bg); color: var(--a); }
.btn[aria-disabled="true"] { opacity: .75; cursor: progress; }
.back {
  display: inline-flex; align-items: center; min-height: 2.75rem; margin: -.5rem 0 .25rem -.25rem;
  padding: .25rem .5rem; border: 0; background: none; color: var(--a); font-weight: 600; text-decoration: underline;
}
.chev { margin-inline-end: .35rem; font-size: 1.2em; line-height: 1; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }

.alert:empty { display: none; }
.alert {
  border: 2px solid var(--er); border-radius: var(--r); padding: .75rem; margin: 0 0 1rem;
  color: var(--er); background: var(--bg); font-weight: 600;
}
.alert p { margin: 0 0 .5rem; }
.alert p:last-child { margin: 0; }

.loading { display: flex; align-items: center; gap: .5rem; color: var(--mu); }
.spin {
  flex: none; display: inline-block; width: 1em; height: 1em; border-radius: 50%;
  border: 2px solid currentColor; border-right-color: transparent; animation: bw-spin .8s linear infinite;
}
@keyframes bw-spin { to { transform: rotate(360deg); } }
.skeleton { height: 5.5rem; border-radius: var(--r); background: var(--tint); margin: 0 0 .75rem; animation: bw-pulse 1.5s ease-in-out infinite alternate; }
@keyframes bw-pulse { to { opacity: .5; } }
@media (prefers-reduced-motion: reduce) {
  .spin, .skeleton { animation: none; }
  .spin { border-style: dotted; }
  * { transition: none !important; scroll-behavior: auto !important; }
}

.choices { display: grid; gap: .75rem; }
.choice {
  display: block; width: 100%; text-align: start; padding: .85rem 1rem; min-height: 5.5rem;
  background: var(--bg); border: 1px solid var(--bd); border-radius: var(--r);
}
.choice:hover { border-color: var(--a); box-shadow: inset 0 0 0 1px var(--a); }
.choice span { display: block; }
.choice .title { font-weight: 650; color: var(--a); font-size: 1.05rem; }
.choice .facts { font-weight: 600; }
.choice .desc { color: var(--mu); }
.choice .next-opening { margin-top: .25rem; font-size: .9rem; }

.zone { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .5rem; margin: 0 0 1rem; }
.zone label { font-weight: 600; }
select, input, textarea {
  background: var(--bg); border: 1px solid var(--bd); border-radius: calc(var(--r) * .75);
  min-height: 2.75rem; padding: .45rem .6rem;
}
select { min-width: 0; flex: 0 1 20rem; }

.picker { display: grid; gap: 1.25rem; }
@container (min-width: 36rem) {
  .picker { grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr); align-items: start; }
}
.cal-head { display: flex; align-items: center; justify-content: space-between; gap: .5rem; margin: 0 0 .5rem; }
.cal-head h3 { margin: 0; text-align: center; flex: 1; }
.nav {
  width: 2.75rem; height: 2.75rem; border-radius: 50%; border: 1px solid var(--bd);
  background: var(--bg); color: var(--a); font-size: 1.4rem; line-height: 1;
}
.nav:disabled { color: var(--mu); opacity: .45; }
.month { width: 100%; border-collapse: collapse; table-layout: fixed; }
.month th { font-size: .8rem; font-weight: 600; color: var(--mu); padding: 0 0 .25rem; text-align: center; }
.month td { padding: 2px; text-align: center; height: 2.6rem; }
/* While a month loads only its days dim: the weekday headers keep their contrast (axe). */
.month[aria-busy="true"] tbody { opacity: .6; }
.day {
  width: 100%; height: 2.4rem; max-width: 2.75rem; border-radius: 50%; border: 2px solid transparent;
  background: none; color: var(--mu); font-variant-numeric: tabular-nums; padding: 0;
}
.day:disabled { opacity: .7; }
.day.open { background: var(--tint); color: var(--a); font-weight: 700; border-color: var(--tint); }
.day.open:hover { border-color: var(--a); }
.day[aria-current="date"] { text-decoration: underline; text-underline-offset: 3px; }
.day[aria-pressed="true"] { background: var(--a); color: var(--ac); border-color: var(--a); }
.month-note { min-height: 1.5rem; margin-top: .5rem; }
.slots-panel { min-height: 12rem; }
.slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(6.25rem, 1fr)); gap: .5rem; }
.slot {
  width: 100%; min-height: 2.75rem; border: 2px solid var(--a); border-radius: var(--r);
  background: var(--bg); color: var(--a); font-weight: 600; font-variant-numeric: tabular-nums;
}
.slot:hover { background: var(--tint); }
.placeholder { padding: 1rem 0; }

.summary { border-inline-start: 4px solid var(--a); padding: .25rem 0 .25rem .85rem; margin: 0 0 1.25rem; }
.summary p { margin: 0 0 .25rem; }
.when strong { font-size: 1.05rem; }
form { display: grid; gap: 1rem; }
.field { display: grid; gap: .25rem; }
.field label, legend { font-weight: 600; }
input, textarea { width: 100%; }
textarea { resize: vertical; min-height: 5rem; }
[aria-invalid="true"] { border: 2px solid var(--er); }
.field-error { color: var(--er); font-weight: 600; margin: 0; font-size: .95rem; }
.field-error:empty { display: none; }
.hp { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
fieldset { border: 1px solid var(--bd); border-radius: var(--r); padding: .75rem 1rem 1rem; margin: 0; display: grid; gap: 1rem; min-width: 0; }
legend { padding: 0 .25rem; }
fieldset p { margin: 0; }
.check { display: flex; gap: .6rem; align-items: flex-start; }
.check input { width: 1.4rem; height: 1.4rem; min-height: 0; flex: none; margin-top: .1rem; accent-color: var(--a); }
form > .btn { justify-self: start; }
/* A series' dates: the state in words beside each date; a skipped one is marked by more than colour. */
.dates { display: grid; gap: .35rem; margin: 0 0 1rem; }
.dates li { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem .75rem; padding: .35rem .6rem; border: 1px solid var(--bd); border-radius: calc(var(--r) * .75); }
.dates li > span:first-child { font-variant-numeric: tabular-nums; font-weight: 600; }
.dates .skipped, .dates .cancelled { border-style: dashed; }
.dates .skipped .state { color: var(--er); font-weight: 600; }
.dates .btn { min-height: 2.75rem; padding: .25rem .75rem; margin-inline-start: auto; }
.repeat .field[hidden] { display: none; }
.preview > p { margin: 0 0 .5rem; }
.next { list-style: disc; padding-inline-start: 1.25rem; margin: 0 0 1.25rem; }
.next li { margin: 0 0 .35rem; }
/* issue 16 (w16m) */
.day[aria-disabled="true"] { opacity: .7; cursor: default; }
/* issue 16 (w16c) */
.summary .who { display: flex; align-items: center; gap: .75rem; margin: 0 0 .35rem; }
.summary .who p { margin: 0; font-weight: 600; }
.photo { flex: none; width: 56px; height: 56px; border-radius: 50%; object-fit: cover; background: var(--tint); }
.over .summary { border-inline-start-color: var(--mu); }
.over .summary .when { text-decoration: line-through; color: var(--mu); }
.state { border: 2px dashed var(--mu); border-radius: var(--r); padding: .6rem .8rem; margin: 0 0 1rem; }
.state.cancelled strong { color: var(--er); }
.danger { background: var(--bg); color: var(--er); border-color: var(--er); }
.slot.current {
  display: flex; align-items: center; justify-content: center; gap: .35rem; flex-wrap: wrap;
  border-style: dashed; border-color: var(--mu); color: var(--mu); cursor: default;
}
.tag { font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
.cal-links { display: contents; }
a.btn { text-decoration: none; }
.contact a { color: var(--a); font-weight: 600; }
/* issue 16 (w16z) */
.zone-combo { position: relative; flex: 0 1 24rem; min-width: 0; }
.zone-combo input { width: 100%; }
.zone-list {
  position: absolute; z-index: 2; inset-inline: 0; top: calc(100% + 2px); max-height: 16rem; overflow-y: auto;
  margin: 0; padding: .25rem 0; list-style: none; background: var(--bg); border: 1px solid var(--bd);
  border-radius: calc(var(--r) * .75); box-shadow: 0 6px 18px rgb(0 0 0 / .15);
}
.zone-list[hidden], .zone-none[hidden] { display: none; }
.zone-none { margin: .35rem 0 0; }
.zone-list li { padding: .45rem .6rem; cursor: pointer; }
.zone-list li.current { font-weight: 600; }
.zone-list [aria-selected="true"] { background: var(--a); color: var(--ac); }
.zone-list [aria-selected="true"] .muted { color: inherit; }
.clock { display: flex; flex: none; gap: .75rem; border: 0; padding: 0; min-width: max-content; }
.clock label { font-weight: 400; display: flex; align-items: center; gap: .3rem; white-space: nowrap; min-height: 1.75rem; }
.clock input { min-height: 0; accent-color: var(--a); }
.suggest:empty { display: none; }
button.link { background: none; border: 0; padding: 0; color: var(--a); text-decoration: underline; font: inherit; cursor: pointer; min-height: 0; }
`;
