/**
 * Where to go after sign-in: only a path of this same site. The candidate is resolved against
 * the site's origin (browsers strip tabs and line breaks, so "/\t/evil.example" means
 * "//evil.example"), and anything that lands on another origin falls back to "/".
 */
export function safeCallbackUrl(raw: string | null | undefined, origin: string): string {
  if (!raw) return '/';
  try {
    const url = new URL(raw, origin);
    if (url.origin !== new URL(origin).origin) return '/';
    return `${url.pathname}${url.search}${url.hash}` || '/';
  } catch {
    return '/';
  }
}
