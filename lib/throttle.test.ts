import { describe, expect, it } from 'vitest';
import { describeRetryAfter, evaluateThrottle, SIGN_IN_POLICY, type Attempt } from './throttle';

const MIN = 60_000;
const now = 100 * MIN;
const fails = (n: number, startAgoMs: number, stepMs = 1000): Attempt[] =>
  Array.from({ length: n }, (_, i) => ({ at: now - startAgoMs + i * stepMs, ok: false }));

describe('evaluateThrottle (10 failures / 15 minutes)', () => {
  const cases: { name: string; attempts: Attempt[]; allowed: boolean; retryAfter?: number }[] = [
    { name: 'no attempts', attempts: [], allowed: true },
    { name: '9 failures', attempts: fails(9, 5 * MIN), allowed: true },
    { name: '10 failures', attempts: fails(10, 5 * MIN), allowed: false, retryAfter: 10 * 60 },
    { name: '10 failures, the first 15 minutes ago', attempts: fails(10, 15 * MIN), allowed: true },
    { name: '10 failures spread over 20 minutes', attempts: fails(10, 20 * MIN, 2 * MIN), allowed: true },
    {
      name: '10 failures then a success',
      attempts: [...fails(10, 10 * MIN), { at: now - MIN, ok: true }],
      allowed: true,
    },
    {
      name: 'a success then 10 failures',
      attempts: [{ at: now - 12 * MIN, ok: true }, ...fails(10, 10 * MIN)],
      allowed: false,
      retryAfter: 5 * 60,
    },
    {
      name: '12 failures: waits for the third to leave the window',
      attempts: fails(12, 14 * MIN, MIN),
      allowed: false,
      retryAfter: 3 * 60,
    },
    { name: 'attempts in the future are ignored', attempts: fails(10, -MIN), allowed: true },
  ];
  it.each(cases)('$name', ({ attempts, allowed, retryAfter }) => {
    const verdict = evaluateThrottle(attempts, now, SIGN_IN_POLICY);
    expect(verdict.allowed).toBe(allowed);
    if (!verdict.allowed && retryAfter !== undefined) expect(verdict.retryAfterSeconds).toBe(retryAfter);
  });

  it('never answers a Retry-After below one second', () => {
    const attempts = fails(10, 15 * MIN - 10, 1);
    const verdict = evaluateThrottle(attempts, now);
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe('describeRetryAfter', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('%i s → %s', (seconds, text) => expect(describeRetryAfter(seconds)).toBe(text));
});
