/**
 * Where to go after sign-in: only a path of this same site. Every place that decides a
 * post-sign-in redirect (the sign-in page and form, next-auth's redirect callback, proxy.ts)
 * goes through `safeCallbackUrl`.
 *
 * The candidate is resolved against the site's origin the way a browser would, and the result is
 * refused when it could leave the site in any later step: a path that starts with "//" or "/\"
 * after dot segments are removed ("/.//evil.example", "/a/..//evil.example") is protocol-relative
 * once written into a Location header or handed to the router, and so is one whose decoded form
 * does ("/%2F%2Fevil.example"). Control characters and white space are refused outright, since
 * browsers strip tabs and line breaks ("/\t/evil.example" means "//evil.example").
 */
export const MAX_CALLBACK_URL_LENGTH = 2048;

const HOME = '/';
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029\ufeff]/;
const LEAVES_SITE = /^[/\\]{2}|^\/\\|^\\/;

export function safeCallbackUrl(raw: string | null | undefined, origin: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_CALLBACK_URL_LENGTH) return HOME;
  if (CONTROL_OR_SPACE.test(raw)) return HOME;
  let site: URL;
  let url: URL;
  try {
    site = new URL(origin);
    // Only an absolute path ("/w/…") or an absolute URL of this very origin is a candidate.
    if (!raw.startsWith('/') && !raw.startsWith(`${site.origin}/`)) return HOME;
    url = new URL(raw, site.origin);
  } catch {
    return HOME;
  }
  if (url.origin !== site.origin || url.username || url.password) return HOME;
  if (!isSafePath(url.pathname)) return HOME;
  const out = `${url.pathname}${url.search}${url.hash}`;
  // The answer must mean the same thing when resolved again (by the router or a Location header).
  try {
    const again = new URL(out, site.origin);
    if (again.origin !== site.origin || again.pathname !== url.pathname) return HOME;
  } catch {
    return HOME;
  }
  return out;
}

/** A path that stays on the site however many times a later step decodes it. */
function isSafePath(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round < 4; round++) {
    if (!current.startsWith('/') || LEAVES_SITE.test(current) || CONTROL_OR_SPACE.test(current)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}
