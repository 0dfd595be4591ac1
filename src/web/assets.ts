/** The one stylesheet, served from /assets/brownbag.css (a file of our own, so the CSP needs no 'unsafe-inline'). */
export const STYLESHEET = `
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dee7; --accent: #8a4b14; --accent-ink: #fff; --bg: #fbfaf7; --bad: #a1260d; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
.top { display: flex; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; border-bottom: 1px solid var(--line); background: #fff; }
.brand { font-weight: 700; color: var(--accent); text-decoration: none; font-size: 1.15rem; }
.who { display: flex; gap: .75rem; align-items: center; margin: 0; }
main { max-width: 34rem; margin: 3rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); }
label { display: block; font-weight: 600; margin: 0 0 .35rem; }
input[type=email] { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid #8b93a3; border-radius: 6px; background: #fff; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
button, .button { display: inline-block; font: inherit; font-weight: 600; padding: .6rem 1.1rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.link { background: none; border: none; color: var(--accent); padding: 0; text-decoration: underline; font-weight: 400; }
.stack > * + * { margin-top: 1rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1.5rem; }
.or { display: flex; align-items: center; gap: .75rem; color: var(--muted); margin: 1.25rem 0; }
.or::before, .or::after { content: ""; flex: 1; border-top: 1px solid var(--line); }
.error { border-left: 4px solid var(--bad); padding-left: 1rem; }
`;
