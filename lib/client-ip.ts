/**
 * The client address of a request. Behind a reverse proxy (TRUST_PROXY=true) the left-most
 * X-Forwarded-For entry is the client; otherwise only the entry appended by the server itself
 * (the right-most) can be trusted, since a client may send any X-Forwarded-For it likes.
 */
export function clientIp(headers: { get(name: string): string | null }, trustProxy: boolean): string {
  const forwarded = headers.get('x-forwarded-for');
  if (forwarded) {
    const hops = forwarded
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const chosen = trustProxy ? hops[0] : hops[hops.length - 1];
    if (chosen) return normaliseIp(chosen);
  }
  const real = headers.get('x-real-ip');
  if (trustProxy && real) return normaliseIp(real.trim());
  return 'unknown';
}

function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}
