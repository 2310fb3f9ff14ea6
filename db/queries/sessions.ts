/**
 * Server-side session rows. next-auth keeps a signed JWT in the cookie; the JWT names a session
 * id, and the row here is keyed by the SHA-256 of that id (lib/session-policy.ts), so the
 * database never holds a usable session id. Sign-out, a password change, a disabled account, an
 * idle timeout or the absolute lifetime end the session on the next request.
 */
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { hashSessionId, isSessionLive, sessionPolicy } from '@/lib/session-policy';
import { randomToken } from '@/lib/tokens';
import { first, type Store, type Tx } from '../store';
import { sessions, users } from '../schema';
import type { Actor } from './access';

/** How often a session's last-seen time is written: the idle timeout is this precise. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The lifetime of the JWT cookie: the absolute session lifetime. */
export function sessionMaxAgeSeconds(): number {
  return sessionPolicy().absoluteSeconds;
}

/** Creates a session row and returns its id (for the cookie); the row stores only its hash. */
export async function createSessionRow(
  tx: Tx,
  { userId, ip, userAgent }: { userId: string; ip?: string; userAgent?: string | null },
): Promise<string> {
  const id = randomToken(24);
  const now = new Date();
  await tx.insert(sessions).values({
    id: hashSessionId(id),
    userId,
    ip: ip ?? null,
    userAgent: userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + sessionPolicy().absoluteSeconds * 1000),
  });
  return id;
}

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  sessionId: string;
}

/** The user of a live session, or null when it was revoked, expired, idle, or the account is disabled. */
export async function resolveSession(
  store: Store,
  { sessionId }: { sessionId: string },
): Promise<SessionUser | null> {
  const now = new Date();
  const rowId = hashSessionId(sessionId);
  const row = await first(
    store.db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        userId: users.id,
        email: users.email,
        name: users.name,
        isAdmin: users.isAdmin,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, rowId), isNull(sessions.revokedAt), isNull(users.disabledAt)))
      .limit(1),
  );
  if (!row || !isSessionLive(row, now, sessionPolicy())) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await store.transaction(async (tx) => {
      await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, rowId));
    });
  }
  return { userId: row.userId, email: row.email, name: row.name, isAdmin: row.isAdmin, sessionId };
}

export async function revokeSessionRow(tx: Tx, sessionId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, hashSessionId(sessionId)), isNull(sessions.revokedAt)));
}

/** Revokes every session of a user but `exceptSessionId` (inside the caller's transaction). */
export async function revokeUserSessions(tx: Tx, userId: string, exceptSessionId?: string): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) conditions.push(ne(sessions.id, hashSessionId(exceptSessionId)));
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return revoked.length;
}

/** The actor's live sessions, newest activity first; `id` is the stored hash, never a usable id. */
export async function listActiveSessions(store: Store, { actor }: { actor: Actor }) {
  const now = new Date();
  const policy = sessionPolicy();
  const current = actor.sessionId ? hashSessionId(actor.sessionId) : null;
  const rows = await store.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .filter((s) => isSessionLive(s, now, policy))
    .map((s) => ({
      id: s.id,
      current: s.id === current,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      ip: s.ip,
      userAgent: s.userAgent,
    }));
}

export async function revokeOtherSessions(store: Store, { actor }: { actor: Actor }): Promise<number> {
  return store.transaction((tx) => revokeUserSessions(tx, actor.userId, actor.sessionId));
}
