/** Accounts: sign-up, sign-in with throttling, password changes, and administrators' tools. */
import { and, asc, count, eq, gt, isNull, lt } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, notFound } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/password';
import { ACCOUNT_POLICY, evaluateThrottle, SIGN_IN_POLICY, type ThrottleVerdict } from '@/lib/throttle';
import { getDb, type Db, type Tx } from '../client';
import { loginAttempts, users } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { readSetting } from './settings';
import { hashSessionId } from '@/lib/session-policy';
import { createSessionRow, revokeSessionRow, revokeUserSessions } from './sessions';
import { acceptInviteInTx, findUsableInvite } from './invites';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function hasAdministrator(tx: Tx | Db): boolean {
  const row = tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.disabledAt)))
    .get();
  return (row?.n ?? 0) > 0;
}

/** How a new visitor may sign up now: the first account becomes administrator. */
export async function getSignUpMode(): Promise<'first-admin' | 'open' | 'invite-only'> {
  const db = getDb();
  if (!hasAdministrator(db)) return 'first-admin';
  return readSetting(db, 'openSignUp') ? 'open' : 'invite-only';
}

export interface RegisteredUser {
  userId: string;
  isAdmin: boolean;
  joinedWorkspaceId: string | null;
}

/**
 * Creates an account. Allowed when the instance has no administrator yet (the account becomes
 * it), when open sign-up is on, or with a valid invite token (which also joins the workspace).
 */
export async function registerUser(input: {
  email: string;
  name: string;
  password: string;
  inviteToken?: string;
  ip?: string;
}): Promise<RegisteredUser> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(
    (tx) => {
      const taken = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
      if (taken)
        throw invalid('user', 'An account with this email already exists. Sign in instead.', 'email');
      const invite = input.inviteToken ? findUsableInvite(tx, input.inviteToken) : null;
      if (input.inviteToken && !invite) {
        throw invalid('invite', 'This invite link is invalid, expired or already used.', 'inviteToken');
      }
      const becomesAdmin = !hasAdministrator(tx);
      if (!becomesAdmin && !invite && !readSetting(tx, 'openSignUp')) {
        throw new AppError(
          'forbidden',
          'sign_up',
          'Sign-up is by invitation. Ask a workspace owner for a link.',
        );
      }
      const userId = randomUUID();
      tx.insert(users)
        .values({ id: userId, email, name: input.name, passwordHash, isAdmin: becomesAdmin })
        .run();
      audit(tx, {
        actorUserId: userId,
        action: 'user.sign_up',
        objectType: 'user',
        objectId: userId,
        ip: input.ip,
        details: {
          email,
          administrator: becomesAdmin,
          via: invite ? 'invite' : becomesAdmin ? 'first' : 'open',
        },
      });
      if (invite) acceptInviteInTx(tx, invite, userId, input.ip);
      return { userId, isAdmin: becomesAdmin, joinedWorkspaceId: invite?.workspaceId ?? null };
    },
    { behavior: 'immediate' },
  );
}

/** Recent attempts for an account: from one address, or (ip null) from every address. */
function recentAttempts(tx: Tx | Db, email: string, ip: string | null, now: number) {
  return tx
    .select({ at: loginAttempts.at, ok: loginAttempts.ok })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        ip === null ? undefined : eq(loginAttempts.ip, ip),
        gt(loginAttempts.at, new Date(now - SIGN_IN_POLICY.windowMs)),
      ),
    )
    .all()
    .map((a) => ({ at: a.at.getTime(), ok: a.ok }));
}

/** Drops attempts too old to count for any key (run at start). */
export function pruneLoginAttempts(tx: Tx | Db, now = Date.now()): number {
  return tx
    .delete(loginAttempts)
    .where(lt(loginAttempts.at, new Date(now - SIGN_IN_POLICY.windowMs)))
    .run().changes;
}

/**
 * The throttle: 10 failures for one account from one address in 15 minutes, and (against
 * guessing spread over many addresses) 100 failures for one account from all addresses.
 */
function throttleVerdict(tx: Tx | Db, email: string, ip: string, now: number): ThrottleVerdict {
  const perAddress = evaluateThrottle(recentAttempts(tx, email, ip, now), now, SIGN_IN_POLICY);
  if (!perAddress.allowed) return perAddress;
  return evaluateThrottle(recentAttempts(tx, email, null, now), now, ACCOUNT_POLICY);
}

/** Whether this account may try to sign in from this address now; a refusal is audited. */
export async function checkSignInThrottle({
  email,
  ip,
}: {
  email: string;
  ip: string;
}): Promise<ThrottleVerdict> {
  const db = getDb();
  const normalised = normaliseEmail(email);
  const verdict = throttleVerdict(db, normalised, ip, Date.now());
  if (!verdict.allowed) {
    audit(db, { actorUserId: null, action: 'auth.sign_in.throttled', ip, details: { email: normalised } });
  }
  return verdict;
}

export type SignInResult =
  | { ok: true; userId: string; email: string; name: string; sessionId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks credentials. An unknown account, a wrong password and a disabled account answer the
 * same; every attempt is recorded and audited; a success opens a session row. The attempt is
 * recorded as a failure, in the same transaction as the throttle check, BEFORE the password is
 * verified, so that parallel guesses cannot all slip under the limit; a success then marks it.
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const db = getDb();
  const gate = db.transaction(
    (tx) => {
      const now = Date.now();
      const verdict = throttleVerdict(tx, email, input.ip, now);
      if (!verdict.allowed) {
        audit(tx, { actorUserId: null, action: 'auth.sign_in.throttled', ip: input.ip, details: { email } });
        return verdict;
      }
      const attempt = tx
        .insert(loginAttempts)
        .values({ email, ip: input.ip, at: new Date(now), ok: false })
        .returning({ id: loginAttempts.id })
        .get();
      // Older attempts of this key no longer count: keep the table small.
      tx.delete(loginAttempts)
        .where(
          and(
            eq(loginAttempts.email, email),
            eq(loginAttempts.ip, input.ip),
            lt(loginAttempts.at, new Date(now - SIGN_IN_POLICY.windowMs)),
          ),
        )
        .run();
      return { allowed: true as const, attemptId: attempt.id };
    },
    { behavior: 'immediate' },
  );
  if (!gate.allowed) return { ok: false, reason: 'rate_limited', retryAfterSeconds: gate.retryAfterSeconds };

  const user = db.select().from(users).where(eq(users.email, email)).get();
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  const ok = Boolean(user && passwordOk && !user.disabledAt);
  return db.transaction(
    (tx) => {
      if (!ok || !user) {
        audit(tx, {
          actorUserId: user?.id ?? null,
          action: 'auth.sign_in.failed',
          objectType: 'user',
          objectId: user?.id ?? null,
          ip: input.ip,
          details: {
            email,
            reason: !user ? 'unknown_account' : user.disabledAt ? 'disabled' : 'wrong_password',
          },
        });
        return { ok: false as const, reason: 'invalid' as const };
      }
      tx.update(loginAttempts).set({ ok: true }).where(eq(loginAttempts.id, gate.attemptId)).run();
      const sessionId = createSessionRow(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent });
      audit(tx, {
        actorUserId: user.id,
        action: 'auth.sign_in',
        objectType: 'user',
        objectId: user.id,
        ip: input.ip,
      });
      return { ok: true as const, userId: user.id, email: user.email, name: user.name, sessionId };
    },
    { behavior: 'immediate' },
  );
}

export async function recordSignOut({ userId, sessionId }: { userId: string; sessionId: string }) {
  getDb().transaction((tx) => {
    revokeSessionRow(tx, sessionId);
    // The audit names the stored hash: a session id in clear would be a usable credential.
    audit(tx, {
      actorUserId: userId,
      action: 'auth.sign_out',
      objectType: 'session',
      objectId: hashSessionId(sessionId),
    });
  });
}

/** Changes the actor's password after checking the current one; ends their other sessions. */
export async function changePassword({
  actor,
  currentPassword,
  newPassword,
}: {
  actor: Actor;
  currentPassword: string;
  newPassword: string;
}): Promise<{ endedSessions: number }> {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, actor.userId)).get();
  if (!user) throw notFound('user');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw invalid('user', 'Your current password is not correct.', 'currentPassword');
  }
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(
    (tx) => {
      tx.update(users)
        .set({ passwordHash, passwordChangedAt: new Date() })
        .where(eq(users.id, user.id))
        .run();
      const endedSessions = revokeUserSessions(tx, user.id, actor.sessionId);
      audit(tx, {
        actorUserId: user.id,
        action: 'user.password_change',
        objectType: 'user',
        objectId: user.id,
        ip: actor.ip,
        details: { endedSessions },
      });
      return { endedSessions };
    },
    { behavior: 'immediate' },
  );
}

// ---- administrators (web admin page and the CLI) ----

export interface AdminUserView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  isDemo: boolean;
  disabled: boolean;
  createdAt: Date;
}

export async function listUsers(): Promise<AdminUserView[]> {
  return getDb()
    .select()
    .from(users)
    .orderBy(asc(users.createdAt))
    .all()
    .map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      isAdmin: u.isAdmin,
      isDemo: u.isDemo,
      disabled: u.disabledAt != null,
      createdAt: u.createdAt,
    }));
}

/** Creates an account without the sign-up rules (CLI, seed). `actorUserId` null = the operator. */
export async function createUser(input: {
  email: string;
  password: string;
  name?: string;
  isAdmin?: boolean;
  isDemo?: boolean;
  actorUserId?: string | null;
}): Promise<{ userId: string }> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
        throw invalid('user', `An account with the email ${email} already exists.`, 'email');
      }
      const userId = randomUUID();
      tx.insert(users)
        .values({
          id: userId,
          email,
          name: input.name?.trim() || email.split('@')[0]!,
          passwordHash,
          isAdmin: input.isAdmin ?? false,
          isDemo: input.isDemo ?? false,
        })
        .run();
      audit(tx, {
        actorUserId: input.actorUserId ?? null,
        action: 'user.create',
        objectType: 'user',
        objectId: userId,
        details: { email, administrator: input.isAdmin ?? false },
      });
      return { userId };
    },
    { behavior: 'immediate' },
  );
}

function userIdByEmail(tx: Tx | Db, email: string): string {
  const row = tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
  if (!row) throw new AppError('not_found', 'user', `No account has the email ${normaliseEmail(email)}.`);
  return row.id;
}

/** Sets a new password for an account (operator) and ends all its sessions. */
export async function resetPassword({ email, password }: { email: string; password: string }) {
  const passwordHash = await hashPassword(password);
  getDb().transaction(
    (tx) => {
      const userId = userIdByEmail(tx, email);
      tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId)).run();
      revokeUserSessions(tx, userId);
      audit(tx, { actorUserId: null, action: 'user.password_reset', objectType: 'user', objectId: userId });
    },
    { behavior: 'immediate' },
  );
}

/**
 * Disables or re-enables an account. Disabling ends its sessions at once. An administrator
 * (actor) may not disable themselves; the operator (CLI, actor null) may disable anyone.
 */
export async function setUserDisabled({
  actor,
  email,
  userId,
  disabled,
}: {
  actor: Actor | null;
  email?: string;
  userId?: string;
  disabled: boolean;
}) {
  if (actor && !actor.isAdmin) throw new AppError('forbidden', 'user', 'Only an administrator can do this.');
  getDb().transaction(
    (tx) => {
      const id = userId ?? userIdByEmail(tx, email ?? '');
      if (!tx.select({ id: users.id }).from(users).where(eq(users.id, id)).get()) throw notFound('user');
      if (actor && id === actor.userId) {
        throw invalid('user', 'You cannot disable your own account.');
      }
      tx.update(users)
        .set({ disabledAt: disabled ? new Date() : null })
        .where(eq(users.id, id))
        .run();
      if (disabled) revokeUserSessions(tx, id);
      audit(tx, {
        actorUserId: actor?.userId ?? null,
        action: disabled ? 'user.disable' : 'user.enable',
        objectType: 'user',
        objectId: id,
        ip: actor?.ip,
      });
    },
    { behavior: 'immediate' },
  );
}
