/**
 * Server-side session rows. next-auth keeps a signed JWT in the cookie; the JWT only names a row
 * here, so sign-out, a password change or a disabled account ends the session on the next request.
 */
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { randomToken } from '@/lib/tokens';
import { getDb, type Db, type Tx } from '../client';
import { sessions, users } from '../schema';
import type { Actor } from './access';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const LAST_SEEN_RESOLUTION_MS = 60_000;

export function createSessionRow(
  tx: Tx | Db,
  { userId, ip, userAgent }: { userId: string; ip?: string; userAgent?: string | null },
): string {
  const id = randomToken(24);
  tx.insert(sessions)
    .values({
      id,
      userId,
      ip: ip ?? null,
      userAgent: userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    })
    .run();
  return id;
}

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  sessionId: string;
}

/** The user of a live session, or null when it was revoked, expired, or the account is disabled. */
export async function resolveSession({ sessionId }: { sessionId: string }): Promise<SessionUser | null> {
  const db = getDb();
  const now = new Date();
  const row = db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      isAdmin: users.isAdmin,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .get();
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId)).run();
  }
  return { userId: row.userId, email: row.email, name: row.name, isAdmin: row.isAdmin, sessionId };
}

export function revokeSessionRow(tx: Tx | Db, sessionId: string): void {
  tx.update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .run();
}

/** Revokes every session of a user but `exceptSessionId` (inside the caller's transaction). */
export function revokeUserSessions(tx: Tx | Db, userId: string, exceptSessionId?: string): number {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptSessionId) conditions.push(ne(sessions.id, exceptSessionId));
  return tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions))
    .run().changes;
}

export async function listActiveSessions({ actor }: { actor: Actor }) {
  const rows = getDb()
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .all();
  return rows.map((s) => ({
    id: s.id,
    current: s.id === actor.sessionId,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    ip: s.ip,
    userAgent: s.userAgent,
  }));
}

export async function revokeOtherSessions({ actor }: { actor: Actor }): Promise<number> {
  return revokeUserSessions(getDb(), actor.userId, actor.sessionId);
}
