/**
 * Whether a request with a session cookie came from this site (CSRF defence for route handlers):
 * a browser sends Sec-Fetch-Site, and Origin with every POST; either must say "this site".
 * Clients that send neither (scripts, API tools) are not a browser riding on a user's cookie.
 */
export function isSameOriginRequest(headers: { get(name: string): string | null }): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.get('origin');
  if (!origin) return true;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return Boolean(host) && new URL(origin).host === host;
  } catch {
    return false;
  }
}
