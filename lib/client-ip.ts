/**
 * The client address of a request, read from X-Forwarded-For as Warrant's server
 * (scripts/start.mjs) rewrites it: it always appends the socket's address, and drops what the
 * client sent unless TRUST_PROXY=true. So the right-most entry is the peer; behind one trusted
 * reverse proxy the entry before it is the address that proxy saw.
 */
export function clientIp(headers: { get(name: string): string | null }, trustProxy: boolean): string {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const chosen = trustProxy && hops.length >= 2 ? hops[hops.length - 2] : hops[hops.length - 1];
  return chosen ? normaliseIp(chosen) : 'unknown';
}

function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}
