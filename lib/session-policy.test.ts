import { describe, expect, it } from 'vitest';
import { hashSessionId, isSessionLive, sessionPolicy } from './session-policy';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('sessionPolicy', () => {
  it.each([
    { env: {}, idle: 30 * 60, absolute: 12 * 3600 },
    { env: { SESSION_IDLE_TIMEOUT_MINUTES: '5' }, idle: 5 * 60, absolute: 12 * 3600 },
    { env: { SESSION_MAX_AGE_HOURS: '1' }, idle: 30 * 60, absolute: 3600 },
    {
      env: { SESSION_IDLE_TIMEOUT_MINUTES: ' 45 ', SESSION_MAX_AGE_HOURS: '24' },
      idle: 45 * 60,
      absolute: 24 * 3600,
    },
    // An idle timeout longer than the lifetime is capped by it.
    {
      env: { SESSION_IDLE_TIMEOUT_MINUTES: '600', SESSION_MAX_AGE_HOURS: '2' },
      idle: 2 * 3600,
      absolute: 2 * 3600,
    },
    { env: { SESSION_IDLE_TIMEOUT_MINUTES: '' }, idle: 30 * 60, absolute: 12 * 3600 },
  ])('$env', ({ env, idle, absolute }) => {
    expect(sessionPolicy(env)).toEqual({ idleSeconds: idle, absoluteSeconds: absolute });
  });

  it.each([
    { SESSION_IDLE_TIMEOUT_MINUTES: '0' },
    { SESSION_IDLE_TIMEOUT_MINUTES: '-5' },
    { SESSION_IDLE_TIMEOUT_MINUTES: 'thirty' },
    { SESSION_IDLE_TIMEOUT_MINUTES: '1.5' },
    { SESSION_MAX_AGE_HOURS: '0' },
    { SESSION_MAX_AGE_HOURS: '10000' },
  ])('refuses %j with a message naming the variable', (env) => {
    const name = Object.keys(env)[0]!;
    expect(() => sessionPolicy(env)).toThrow(name);
  });
});

describe('isSessionLive', () => {
  const policy = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 };
  const now = new Date('2026-12-04T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const row = (over: Partial<Parameters<typeof isSessionLive>[0]> = {}) => ({
    createdAt: ago(HOUR),
    lastSeenAt: ago(MIN),
    expiresAt: new Date(now.getTime() + HOUR),
    revokedAt: null,
    ...over,
  });
  it.each([
    { name: 'active a minute ago', over: {}, live: true },
    { name: 'idle 29 minutes', over: { lastSeenAt: ago(29 * MIN) }, live: true },
    { name: 'idle 31 minutes', over: { lastSeenAt: ago(31 * MIN) }, live: false },
    { name: 'created 11 h 59 ago, active', over: { createdAt: ago(12 * HOUR - MIN) }, live: true },
    { name: 'created 12 h 1 ago, active', over: { createdAt: ago(12 * HOUR + MIN) }, live: false },
    { name: 'past its stored expiry', over: { expiresAt: ago(1) }, live: false },
    { name: 'revoked', over: { revokedAt: ago(MIN) }, live: false },
  ])('$name → $live', ({ over, live }) => expect(isSessionLive(row(over), now, policy)).toBe(live));
});

describe('hashSessionId', () => {
  it('is the hex SHA-256 of the id, never the id itself', () => {
    expect(hashSessionId('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashSessionId('abc')).not.toContain('abc');
  });
});
