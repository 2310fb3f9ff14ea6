/**
 * A generic rate limit as a pure rule over a sliding log: a key may be hit at most `limit`
 * times within any `windowMs`. Given the times of the key's most recent hits, it says whether
 * one more hit is allowed now and, if not, when the oldest counted hit leaves the window.
 * The database side (db/queries/rate-limits.ts) stores the hits; this module only decides.
 */

export interface RatePolicy {
  limit: number;
  windowMs: number;
}

export type RateVerdict =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export function evaluateLimit(hits: readonly number[], now: number, policy: RatePolicy): RateVerdict {
  const windowStart = now - policy.windowMs;
  const recent = hits.filter((at) => at > windowStart && at <= now).sort((a, b) => a - b);
  if (recent.length < policy.limit) return { allowed: true, remaining: policy.limit - recent.length - 1 };
  // The hit that must age out for the count to fall below the limit.
  const pivot = recent[recent.length - policy.limit]!;
  const retryAfterMs = pivot + policy.windowMs - now;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/**
 * The network a client address counts under: an IPv4 address (also written IPv4-mapped IPv6,
 * `::ffff:192.0.2.1`) is itself; an IPv6 address counts with its /64, which one subscriber
 * usually holds whole. Returns null for what is not an address.
 */
export function addressNetwork(ip: string): { address: string; network: string } | null {
  const raw = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(raw);
  const v4 = mapped ? mapped[1]! : raw;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(v4)) {
    const parts = v4.split('.').map(Number);
    if (parts.some((p) => p > 255)) return null;
    const address = parts.join('.');
    return { address, network: address };
  }
  const groups = expandIpv6(raw);
  if (!groups) return null;
  const address = groups.map((g) => g.toString(16)).join(':');
  return {
    address,
    network: `${groups
      .slice(0, 4)
      .map((g) => g.toString(16))
      .join(':')}::/64`,
  };
}

function expandIpv6(ip: string): number[] | null {
  if (!/^[0-9a-f:.]+$/.test(ip) || !ip.includes(':')) return null;
  let text = ip;
  const tailV4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (tailV4) {
    const p = tailV4[1]!.split('.').map(Number);
    if (p.some((n) => n > 255)) return null;
    text = `${text.slice(0, -tailV4[1]!.length)}${((p[0]! << 8) | p[1]!).toString(16)}:${((p[2]! << 8) | p[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}
