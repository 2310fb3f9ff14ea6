import { describe, expect, it } from 'vitest';
import { addressNetwork, evaluateLimit, type RatePolicy } from './rate-limit';

const MIN = 60_000;
const now = 100 * MIN;
const policy: RatePolicy = { limit: 10, windowMs: 15 * MIN };
const hits = (n: number, startAgoMs: number, stepMs = 1000) =>
  Array.from({ length: n }, (_, i) => now - startAgoMs + i * stepMs);

describe('evaluateLimit (10 hits / 15 minutes)', () => {
  const cases: {
    name: string;
    hits: number[];
    policy?: RatePolicy;
    allowed: boolean;
    retryAfter?: number;
  }[] = [
    { name: 'no hits', hits: [], allowed: true },
    { name: '9 hits', hits: hits(9, 5 * MIN), allowed: true },
    { name: '10 hits', hits: hits(10, 5 * MIN), allowed: false, retryAfter: 10 * 60 },
    { name: '10 hits, the first exactly 15 minutes ago', hits: hits(10, 15 * MIN), allowed: true },
    { name: '10 hits spread over 20 minutes', hits: hits(10, 20 * MIN, 2 * MIN), allowed: true },
    {
      name: '12 hits: waits for the third to age out',
      hits: hits(12, 14 * MIN, MIN),
      allowed: false,
      retryAfter: 3 * 60,
    },
    { name: 'hits in the future are ignored', hits: hits(10, -MIN), allowed: true },
    { name: 'unsorted input', hits: [...hits(10, 5 * MIN)].reverse(), allowed: false, retryAfter: 10 * 60 },
    {
      name: 'limit 1, one hit a second ago',
      hits: [now - 1000],
      policy: { limit: 1, windowMs: MIN },
      allowed: false,
      retryAfter: 59,
    },
    {
      name: 'limit 1, one hit a window ago',
      hits: [now - MIN],
      policy: { limit: 1, windowMs: MIN },
      allowed: true,
    },
    {
      name: 'retry-after is at least one second',
      hits: [now - MIN + 1],
      policy: { limit: 1, windowMs: MIN },
      allowed: false,
      retryAfter: 1,
    },
  ];
  it.each(cases)('$name', ({ hits: h, policy: p, allowed, retryAfter }) => {
    const verdict = evaluateLimit(h, now, p ?? policy);
    expect(verdict.allowed).toBe(allowed);
    if (!verdict.allowed) expect(verdict.retryAfterSeconds).toBe(retryAfter);
  });

  it('says how many hits remain after this one', () => {
    expect(evaluateLimit(hits(3, MIN), now, policy)).toEqual({ allowed: true, remaining: 6 });
  });
});

describe('addressNetwork', () => {
  const cases: [string, { address: string; network: string } | null][] = [
    ['192.0.2.1', { address: '192.0.2.1', network: '192.0.2.1' }],
    ['::ffff:192.0.2.1', { address: '192.0.2.1', network: '192.0.2.1' }],
    ['::FFFF:192.0.2.1', { address: '192.0.2.1', network: '192.0.2.1' }],
    ['2001:db8::1', { address: '2001:db8:0:0:0:0:0:1', network: '2001:db8:0:0::/64' }],
    ['2001:DB8:0:0:abcd::9', { address: '2001:db8:0:0:abcd:0:0:9', network: '2001:db8:0:0::/64' }],
    [
      '2001:0db8:0000:0000:ffff:ffff:ffff:ffff',
      { address: '2001:db8:0:0:ffff:ffff:ffff:ffff', network: '2001:db8:0:0::/64' },
    ],
    ['[2001:db8:1:2::5]', { address: '2001:db8:1:2:0:0:0:5', network: '2001:db8:1:2::/64' }],
    ['fe80::1%eth0', { address: 'fe80:0:0:0:0:0:0:1', network: 'fe80:0:0:0::/64' }],
    ['::1', { address: '0:0:0:0:0:0:0:1', network: '0:0:0:0::/64' }],
    ['64:ff9b::192.0.2.33', { address: '64:ff9b:0:0:0:0:c000:221', network: '64:ff9b:0:0::/64' }],
    ['256.1.1.1', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1::2::3', null],
    ['unknown', null],
    ['', null],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(addressNetwork(input)).toEqual(expected);
  });

  it('puts two addresses of one /64 in the same network, and another /64 apart', () => {
    expect(addressNetwork('2001:db8:a:b::1')!.network).toBe(addressNetwork('2001:db8:a:b:ffff::2')!.network);
    expect(addressNetwork('2001:db8:a:c::1')!.network).not.toBe(addressNetwork('2001:db8:a:b::1')!.network);
  });
});
