import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSessionId } from '@/lib/session-policy';
import type { Store } from '../store';
import { auditEvents, sessions } from '../schema';
import { first } from '../store';
import { freshStore, makeUser, TEST_PASSWORD } from '../testing';
import { recordSignOut, signInWithPassword } from './accounts';
import { listActiveSessions, resolveSession, revokeOtherSessions } from './sessions';

const MIN = 60_000;

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(() => {
  delete process.env.SESSION_IDLE_TIMEOUT_MINUTES;
  delete process.env.SESSION_MAX_AGE_HOURS;
});

async function signedIn(ip = '192.0.2.1') {
  const user = await makeUser(store);
  const result = await signInWithPassword(store, { email: user.email, password: TEST_PASSWORD, ip });
  if (!result.ok) throw new Error('sign-in failed');
  return { user, sessionId: result.sessionId };
}

async function age(
  sessionId: string,
  { createdMs = 0, idleMs = 0 }: { createdMs?: number; idleMs?: number },
) {
  const now = Date.now();
  await store.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ createdAt: new Date(now - createdMs), lastSeenAt: new Date(now - idleMs) })
      .where(eq(sessions.id, hashSessionId(sessionId)));
  });
}

describe('session ids at rest', () => {
  it('stores the SHA-256 of the id, and the id the cookie carries appears nowhere in the database', async () => {
    const { user, sessionId } = await signedIn();
    await recordSignOut(store, { userId: user.userId, sessionId });
    const rows = await store.db.select().from(sessions);
    expect(rows.map((r) => r.id)).toEqual([hashSessionId(sessionId)]);
    const dump = JSON.stringify([rows, await store.db.select().from(auditEvents)]);
    expect(dump).not.toContain(sessionId);
  });

  it('does not resolve a row whose id is stored in clear (rows from before hashing)', async () => {
    const { sessionId } = await signedIn();
    await store.transaction(async (tx) => {
      await tx
        .update(sessions)
        .set({ id: sessionId })
        .where(eq(sessions.id, hashSessionId(sessionId)));
    });
    expect(await resolveSession(store, { sessionId })).toBeNull();
  });

  it('cannot be used with the stored hash as the id', async () => {
    const { sessionId } = await signedIn();
    expect(await resolveSession(store, { sessionId: hashSessionId(sessionId) })).toBeNull();
  });
});

describe('session lifetime', () => {
  it.each([
    { name: 'active a minute ago', env: {}, createdMs: 0, idleMs: MIN, live: true },
    { name: 'idle 31 minutes (default 30)', env: {}, createdMs: 40 * MIN, idleMs: 31 * MIN, live: false },
    { name: 'signed in 12 h 1 min ago, active', env: {}, createdMs: 721 * MIN, idleMs: MIN, live: false },
    { name: 'signed in 11 h ago, active', env: {}, createdMs: 660 * MIN, idleMs: MIN, live: true },
    {
      name: 'idle 6 minutes with a 5-minute timeout',
      env: { SESSION_IDLE_TIMEOUT_MINUTES: '5' },
      createdMs: 10 * MIN,
      idleMs: 6 * MIN,
      live: false,
    },
    {
      name: 'signed in 90 minutes ago with a 1-hour lifetime',
      env: { SESSION_MAX_AGE_HOURS: '1' },
      createdMs: 90 * MIN,
      idleMs: MIN,
      live: false,
    },
  ])('$name → live: $live', async ({ env, createdMs, idleMs, live }) => {
    Object.assign(process.env, env);
    const { sessionId } = await signedIn();
    await age(sessionId, { createdMs, idleMs });
    expect((await resolveSession(store, { sessionId })) !== null).toBe(live);
  });

  it('a request keeps an active session alive', async () => {
    const { sessionId } = await signedIn();
    await age(sessionId, { createdMs: 20 * MIN, idleMs: 20 * MIN });
    expect(await resolveSession(store, { sessionId })).not.toBeNull();
    await age(sessionId, { createdMs: 40 * MIN, idleMs: 0 }); // as if the request above was 20 minutes ago
    const row = (await first(store.db.select().from(sessions).limit(1)))!;
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(MIN);
  });
});

describe('the account page session list', () => {
  it('marks the current session and signs out the others', async () => {
    const { user, sessionId } = await signedIn('192.0.2.1');
    const other = await signInWithPassword(store, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.2',
    });
    if (!other.ok) throw new Error('sign-in failed');
    const actor = { ...user, sessionId };
    const listed = await listActiveSessions(store, { actor });
    expect(listed.map((s) => [s.ip, s.current]).sort()).toEqual([
      ['192.0.2.1', true],
      ['192.0.2.2', false],
    ]);
    expect(JSON.stringify(listed)).not.toContain(sessionId);
    expect(await revokeOtherSessions(store, { actor })).toBe(1);
    expect(await resolveSession(store, { sessionId })).not.toBeNull();
    expect(await resolveSession(store, { sessionId: other.sessionId })).toBeNull();
    expect((await listActiveSessions(store, { actor })).map((s) => s.current)).toEqual([true]);
  });

  it('leaves idle and expired sessions out of the list', async () => {
    const { user, sessionId } = await signedIn('192.0.2.1');
    const idle = await signInWithPassword(store, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: '192.0.2.9',
    });
    if (!idle.ok) throw new Error('sign-in failed');
    await age(idle.sessionId, { createdMs: 60 * MIN, idleMs: 45 * MIN });
    const listed = await listActiveSessions(store, { actor: { ...user, sessionId } });
    expect(listed.map((s) => s.ip)).toEqual(['192.0.2.1']);
  });
});
