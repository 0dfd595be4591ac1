/**
 * Where a redirect may send a browser that a request named (`next`, a form's `back`): a path on this
 * site, never another origin. The one function every such redirect goes through.
 *
 * Browsers are generous readers of a Location: they drop tabs and newlines, take `\` for `/`, and
 * resolve dot segments, so `/..//evil.example`, `/\evil.example` and `/\t/evil.example` all leave the
 * site. The value is therefore normalised the way a browser would read it (WHATWG URL against a
 * stand-in origin) and refused unless what comes out is still a single-slash path on that origin;
 * anything with control characters or backslashes is refused outright, and so is a path whose
 * percent-decoded form starts with two slashes or holds them (`/%2F/evil.example`, `/%5Cevil`), in case a
 * later hop decodes it.
 */
const ORIGIN = 'http://local.invalid';
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_OR_BACKSLASH = /[\u0000-\u001f\u007f\\]/;
const TWO_SLASHES = /^[/\\]{2}/;

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed escape decodes to nothing dangerous: it is not a slash
  }
}

/** The value as a same-origin path (with its query and fragment), or `fallback`. */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || TWO_SLASHES.test(value) || CONTROL_OR_BACKSLASH.test(value)) return fallback;
  let u: URL;
  try {
    u = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (u.origin !== ORIGIN) return fallback;
  const plain = decoded(u.pathname);
  if (TWO_SLASHES.test(u.pathname) || TWO_SLASHES.test(plain) || CONTROL_OR_BACKSLASH.test(plain)) return fallback;
  const path = `${u.pathname}${u.search}${u.hash}`;
  return path.length <= 2000 ? path : fallback;
}

/** localPath, kept only when it lies under one of `prefixes` (a form that may only go back to a list). */
export function localPathUnder(value: unknown, prefixes: RegExp, fallback: string): string {
  const path = localPath(value, '');
  return path && prefixes.test(path) ? path : fallback;
}
