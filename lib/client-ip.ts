/**
 * The client address of a request, read from X-Forwarded-For as the forwarding header guard
 * (lib/forwarded-headers.ts, installed for every server of the process by instrumentation.ts,
 * under `npm start` and plain `next start`) rewrites it: the socket's address is always the last
 * entry, and what the client sent is dropped unless TRUST_PROXY=true. So the right-most entry is
 * the peer; behind one trusted reverse proxy the entry before it is the address that proxy saw.
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
