/**
 * Our one script of our own, served from /assets/brownbag.js beside htmx (so the CSP needs no
 * 'unsafe-inline'). A boosted link or form swaps only the <body> in, so the document's `lang` and `dir`
 * would stay those of the page before; this copies them from the answer, so a page whose language
 * differs (another community's default, a language just saved) is laid out in its own direction.
 * Without JavaScript nothing is boosted and every answer is a whole page, so nothing is needed.
 */
export const CLIENT_SCRIPT = `
document.addEventListener('htmx:beforeSwap', function (e) {
  var html = /<html\\b[^>]*>/.exec((e.detail.xhr && e.detail.xhr.responseText) || '');
  if (!html) return;
  var lang = /\\blang="([^"]*)"/.exec(html[0]);
  var dir = /\\bdir="([^"]*)"/.exec(html[0]);
  if (lang) document.documentElement.setAttribute('lang', lang[1]);
  if (dir) document.documentElement.setAttribute('dir', dir[1]);
});
`;
