/**
 * The one stylesheet, served from /assets/brownbag.css (a file of our own, so the CSP needs no
 * 'unsafe-inline'). Logical properties only (inline/block, start/end, never left/right), so a
 * right-to-left language needs no second stylesheet: the few things that point (arrows) turn over
 * under [dir=rtl]. What people wrote carries dir="auto" or sits in <bdi> in the templates; addresses
 * and URLs read left to right in any page. Readable on a phone.
 */
export const STYLESHEET = `
:root { --ink: #1d2433; --muted: #545d6e; --line: #d9dee7; --accent: #8a4b14; --accent-ink: #fff; --bg: #fbfaf7; --bad: #a1260d; --good: #1f6b3a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
a { color: #1d4f91; }
.skip { position: absolute; inset-inline-start: -999px; }
.skip:focus { inset-inline-start: 1rem; inset-block-start: .5rem; background: #fff; padding: .5rem; z-index: 1; }
.top { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; border-block-end: 1px solid var(--line); background: #fff; }
.brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 1.15rem; }
.nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.who { display: flex; gap: .75rem; align-items: center; margin: 0; }
.lang { display: flex; gap: .4rem; align-items: center; margin: 0; }
.lang select { width: auto; padding-block: .2rem; padding-inline: .4rem; font-size: .9rem; }
[dir=rtl] .arrow { display: inline-block; transform: scaleX(-1); }
input[type=email], input[type=url], .copy { direction: ltr; }
[dir=rtl] input[type=email], [dir=rtl] input[type=url], [dir=rtl] .copy { text-align: end; }
main { max-width: 46rem; margin-block: 2.5rem; margin-inline: auto; padding-inline: 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin-block: 0 1rem; }
h2 { font-size: 1.2rem; margin-block: 1.75rem .75rem; }
.card h2:first-child { margin-block-start: 0; }
p { margin-block: 0 1rem; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.prose { white-space: pre-wrap; }
label { display: block; font-weight: 600; margin-block-end: .35rem; }
label.check { display: inline-flex; gap: .35rem; align-items: center; font-weight: 400; margin-inline-end: 1rem; }
input[type=email], input[type=text], input[type=search], input[type=datetime-local], input[type=date], input[type=time], input[type=number], input[type=url], input:not([type]), textarea, select {
  width: 100%; font: inherit; padding: .55rem .7rem; border: 1px solid #8b93a3; border-radius: 6px; background: #fff; color: var(--ink); }
textarea { resize: vertical; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; }
input:focus-visible, button:focus-visible, a:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .55rem 1.05rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.small { padding: .2rem .6rem; font-size: .9rem; }
button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; font-weight: 400; }
.stack > * + * { margin-block-start: 1rem; }
.row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
.row > div { flex: 1 1 10rem; }
.row .grow { flex: 1 1 16rem; }
.filters { margin-block-end: 1.25rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin-block: 1rem; }
.actions form { margin: 0; }
form.inline { display: inline; margin-inline-start: .5rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.5rem; margin-block: 1rem; }
.list { padding-inline-start: 1.25rem; }
.list li { margin-block: .5rem; }
.tasks { list-style: none; padding-inline-start: 0; }
.tasks li { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; padding-block: .5rem; border-block-end: 1px solid var(--line); }
.tasks li > span:first-child { flex: 1 1 14rem; font-weight: 600; }
.tasks li.overdue > span:first-child { color: var(--bad); }
.tasks form.inline { margin-inline-start: auto; }
.done { text-decoration: line-through; color: var(--muted); }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; font-size: .85rem; background: #eef0f4; color: var(--ink); }
.badge.draft { background: #fff3cd; color: #5c4400; font-weight: 600; }
.badge.canceled { background: #fde2e1; color: #7a1c15; }
.slot-tools { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin-block: .5rem 1rem; }
.slot-tools form { margin: 0; }
/* The move form (its label names the talk, wider than its field) takes its own line; earlier, later, remove share the next. */
.slot-tools > form:first-child { flex-basis: 100%; }
.slot-tools label { display: block; }
.slot-move { display: flex; gap: .5rem; align-items: center; }
.slot-move input { width: auto; max-width: 100%; }
td input.pick { width: auto; margin-inline-end: .4rem; vertical-align: middle; }
@media (max-width: 30rem) {
  table { font-size: .9rem; }
  th, td { padding: .4rem .25rem; }
  td a { overflow-wrap: break-word; }
  main { padding-inline: .9rem; }
}
.state-accepted, .state-confirmed { background: #dff3e6; color: var(--good); }
.state-rejected, .state-withdrawn, .state-canceled { background: #fbe4de; color: var(--bad); }
.state-submitted, .state-waitlisted { background: #fff1d6; color: #6b4a00; }
table { width: 100%; border-collapse: collapse; margin-block: 1rem; background: #fff; }
th, td { text-align: start; padding: .5rem .6rem; border-block-end: 1px solid var(--line); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.or { display: flex; align-items: center; gap: .75rem; color: var(--muted); margin-block: 1.25rem; }
.or::before, .or::after { content: ""; flex: 1; border-block-start: 1px solid var(--line); }
.error { border-inline-start: 4px solid var(--bad); padding-inline-start: 1rem; }
.notice { border-inline-start: 4px solid var(--good); padding-inline-start: 1rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.chart { margin-inline: 0; margin-block: 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1rem; }
.chart figcaption { font-weight: 600; margin-block-end: .5rem; }
tr.overdue td:first-child { color: var(--bad); }
form.assign { display: flex; gap: .4rem; align-items: center; margin: 0; }
form.assign select { width: auto; max-width: 12rem; padding-block: .25rem; }
.copy { font-family: ui-monospace, monospace; font-size: .9rem; }
mark { background: #ffe58a; color: inherit; }
.snippet { color: var(--muted); margin-block: .25rem 0; }
.small-text { font-size: .9rem; font-weight: 400; }
.members { list-style: none; padding-inline-start: 0; }
.members li { display: flex; flex-wrap: wrap; gap: .5rem .75rem; align-items: center; padding-block: .6rem; border-block-end: 1px solid var(--line); }
.members .who-is { flex: 1 1 14rem; min-width: 0; overflow-wrap: anywhere; }
.calls { list-style: none; padding-inline-start: 0; }
.calls > li + li { margin-block-start: 1rem; }
.calls .actions { margin-block: .5rem 0; }
.task-group h2 { font-size: 1.05rem; margin-block: 1.5rem .25rem; }
.tasks.board li { padding-block: .35rem; }
.tasks.board li > span:first-child { font-weight: 400; min-width: 0; overflow-wrap: anywhere; }
details.closed { margin-block: .25rem .75rem; color: var(--muted); }
details.closed summary { cursor: pointer; }
pre.error-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; max-height: 12rem; overflow: auto; }
.distribution { list-style: none; padding-inline-start: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }

/* ---- home27: the home page's blocks, and every page on a 390 px phone (logical properties only) ---- */
.home-block { margin-block: 1.5rem; }
.home-list { list-style: none; padding-inline-start: 0; margin-block: 0; }
.home-list li { display: flex; flex-wrap: wrap; gap: .15rem .75rem; align-items: baseline; padding-block: .55rem; border-block-end: 1px solid var(--line); }
.home-list li > a:first-child { flex: 1 1 16rem; font-weight: 600; }
.home-list li > .muted { flex: 1 1 100%; order: 2; font-size: .95rem; }
.home-list li form { margin: 0; }
.home-list li.overdue > a:first-child { color: var(--bad); }
.button.small { padding-block: .2rem; padding-inline: .6rem; font-size: .9rem; }
.bad { color: var(--bad); }
.good { color: var(--good); }
/* Long words (titles, URLs, e-mail addresses) break rather than widen the page. */
main p, main li, main dd, main h1, main h2, main h3, main .card, main figcaption, main label, main td a { overflow-wrap: anywhere; }
img, svg, video, .chart { max-inline-size: 100%; }
pre { overflow-x: auto; }
@media (max-width: 40rem) {
  main { margin-block: 1.25rem; padding-inline: .9rem; }
  .top { padding-inline: .9rem; }
  .card { padding-inline: 1rem; }
  .facts { grid-template-columns: 1fr; }
  .facts dd { margin-block-end: .4rem; }
  /* A table of rows (proposals, tasks, deliveries) becomes a stack of cards; each value says its column. */
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; inline-size: 100%; }
  table.cards thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); }
  table.cards tr { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-block-end: .75rem; padding-block: .4rem; }
  table.cards td { border: none; padding-block: .2rem; overflow-wrap: anywhere; }
  table.cards td:first-child { font-weight: 600; }
  table.cards form.inline { margin-inline-start: 0; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 400; color: var(--muted); }
  form.assign { flex-wrap: wrap; }
  form.assign select { max-inline-size: 100%; }
}
main { overflow-wrap: anywhere; }
@media (max-width: 30rem) { main { padding-inline: .75rem; } th, td { padding-inline: .3rem; } }
`;
