/** Accounts: sign-up, sign-in with throttling, password changes, and administrators' tools. */
import { asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, notFound } from '@/lib/errors';
import { hashPassword, isServerBusy, verifyPassword } from '@/lib/password';
import { emailSchema } from '@/lib/validation';
import { getDb, type Db, type Tx } from '../client';
import { users } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { readSetting } from './settings';
import { hashSessionId } from '@/lib/session-policy';
import { createSessionRow, revokeSessionRow, revokeUserSessions } from './sessions';
import { acceptInviteInTx, findUsableInvite, revokeInvitesMadeBy } from './invites';
import { assertAnotherActiveAdministrator, isInitialised, onFirstAdministrator } from './administrators';
import { revokeAllApiTokensInTx } from './api-token-revocation';
import { pruneRateLimits } from './rate-limits';
import { confirmCurrentPassword } from './reauth';
import { openSignInGate, peekSignIn, settleSignIn } from './sign-in-throttle';
import { takeSignUpHit } from './sign-up-throttle';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether the instance ever had an administrator (recorded once; disabling one never re-opens it). */
function hasAdministrator(tx: Tx | Db): boolean {
  return isInitialised(tx);
}

/** How a new visitor may sign up now: the first account becomes administrator. */
export async function getSignUpMode(): Promise<'first-admin' | 'open' | 'invite-only'> {
  const db = getDb();
  if (!hasAdministrator(db)) return 'first-admin';
  return readSetting(db, 'openSignUp') ? 'open' : 'invite-only';
}

/**
 * What sign-up answers, the same whether the email was free or already taken (so that sign-up
 * cannot be used to learn who has an account): the account is ready, sign in to continue.
 */
export interface SignUpOutcome {
  next: 'sign_in';
  /** Where to go after signing in: the invite's workspace, or the list of workspaces. */
  callbackUrl: string;
}

/** Refuses sign-up when neither the mode nor an invite allows it. Cheap: no hash, no email lookup. */
function assertMaySignUp(tx: Tx | Db, inviteToken: string | undefined) {
  const invite = inviteToken ? findUsableInvite(tx, inviteToken) : null;
  if (inviteToken && !invite) {
    throw invalid('invite', 'This invite link is invalid, expired or already used.', 'inviteToken');
  }
  const becomesAdmin = !hasAdministrator(tx);
  if (!becomesAdmin && !invite && !readSetting(tx, 'openSignUp')) {
    throw new AppError('forbidden', 'sign_up', 'Sign-up is by invitation. Ask a workspace owner for a link.');
  }
  return { invite, becomesAdmin };
}

/**
 * Creates an account. Allowed when the instance has no administrator yet (the account becomes
 * it), when open sign-up is on, or with a valid invite token (which also joins the workspace).
 * Cheap checks come first (the per-address limit, then the mode or invite); only then the
 * Argon2 hash and the email lookup. A taken email answers as a free one (audited, nothing made).
 */
export async function registerUser(input: {
  email: string;
  name: string;
  password: string;
  inviteToken?: string;
  ip?: string;
}): Promise<SignUpOutcome> {
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) throw invalid('user', parsed.error.issues[0]!.message, 'email');
  const email = parsed.data;
  const db = getDb();
  db.transaction((tx) => takeSignUpHit(tx, input.ip ?? 'unknown', Date.now()), { behavior: 'immediate' });
  assertMaySignUp(db, input.inviteToken);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(
    (tx) => {
      const { invite, becomesAdmin } = assertMaySignUp(tx, input.inviteToken);
      const outcome: SignUpOutcome = {
        next: 'sign_in',
        callbackUrl: invite ? `/w/${invite.workspaceId}` : '/workspaces',
      };
      const taken = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
      if (taken) {
        audit(tx, {
          actorUserId: null,
          action: 'user.sign_up.taken',
          objectType: 'user',
          objectId: taken.id,
          ip: input.ip,
          details: { email, via: invite ? 'invite' : becomesAdmin ? 'first' : 'open' },
        });
        return outcome;
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
      // The first administrator initialises the instance and receives the demo workspace.
      if (becomesAdmin) onFirstAdministrator(tx, userId);
      if (invite) acceptInviteInTx(tx, invite, userId, input.ip);
      return outcome;
    },
    { behavior: 'immediate' },
  );
}

/** Drops rate-limit hits too old to count for any limit (run at start). */
export function pruneLoginAttempts(tx: Tx | Db, now = Date.now()): number {
  return pruneRateLimits(tx, now);
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether this account may try to sign in from this address now; a refusal is audited once. */
export async function checkSignInThrottle({
  email,
  ip,
}: {
  email: string;
  ip: string;
}): Promise<ThrottleVerdict> {
  const db = getDb();
  const verdict = db.transaction((tx) => peekSignIn(tx, normaliseEmail(email), ip, Date.now()), {
    behavior: 'immediate',
  });
  return verdict.allowed
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: verdict.retryAfterSeconds };
}

export type SignInResult =
  | { ok: true; userId: string; email: string; name: string; sessionId: string }
  | { ok: false; reason: 'invalid' | 'busy' }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

/**
 * Checks credentials. An unknown account, a wrong password and a disabled account answer the
 * same and cost the same (one Argon2 verification); every attempt is throttled (see
 * sign-in-throttle.ts) and audited; a success opens a session row.
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}): Promise<SignInResult> {
  const parsed = emailSchema.safeParse(input.email);
  // Not an email address: no account can match, so nothing to count, audit or hash.
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const email = parsed.data;
  const db = getDb();
  const opened = db.transaction((tx) => openSignInGate(tx, email, input.ip, Date.now()), {
    behavior: 'immediate',
  });
  if (!opened.allowed)
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: opened.retryAfterSeconds };
  const { gate } = opened;

  const user = db.select().from(users).where(eq(users.email, email)).get();
  let passwordOk: boolean;
  try {
    passwordOk = await verifyPassword(user?.passwordHash, input.password);
  } catch (error) {
    if (!isServerBusy(error)) throw error;
    db.transaction((tx) => settleSignIn(tx, gate, 'not_run'), { behavior: 'immediate' });
    return { ok: false, reason: 'busy' };
  }
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
      settleSignIn(tx, gate, 'success');
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

/**
 * Changes the actor's password after checking the current one (throttled); ends their other
 * sessions and revokes every API token of the account.
 */
export async function changePassword({
  actor,
  currentPassword,
  newPassword,
}: {
  actor: Actor;
  currentPassword: string;
  newPassword: string;
}): Promise<{ endedSessions: number; revokedTokens: number }> {
  await confirmCurrentPassword({ actor, currentPassword });
  const passwordHash = await hashPassword(newPassword);
  return getDb().transaction(
    (tx) => {
      tx.update(users)
        .set({ passwordHash, passwordChangedAt: new Date() })
        .where(eq(users.id, actor.userId))
        .run();
      const endedSessions = revokeUserSessions(tx, actor.userId, actor.sessionId);
      const revokedTokens = revokeAllApiTokensInTx(tx, actor.userId);
      audit(tx, {
        actorUserId: actor.userId,
        action: 'user.password_change',
        objectType: 'user',
        objectId: actor.userId,
        ip: actor.ip,
        details: { endedSessions, revokedTokens },
      });
      return { endedSessions, revokedTokens };
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
      const firstAdministrator = Boolean(input.isAdmin) && !isInitialised(tx);
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
      if (firstAdministrator) onFirstAdministrator(tx, userId);
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

/** Sets a new password for an account (operator), ends all its sessions, revokes its API tokens. */
export async function resetPassword({
  email,
  password,
}: {
  email: string;
  password: string;
}): Promise<{ endedSessions: number; revokedTokens: number }> {
  const passwordHash = await hashPassword(password);
  return getDb().transaction(
    (tx) => {
      const userId = userIdByEmail(tx, email);
      tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId)).run();
      const endedSessions = revokeUserSessions(tx, userId);
      const revokedTokens = revokeAllApiTokensInTx(tx, userId);
      audit(tx, {
        actorUserId: null,
        action: 'user.password_reset',
        objectType: 'user',
        objectId: userId,
        details: { endedSessions, revokedTokens },
      });
      return { endedSessions, revokedTokens };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Disables or re-enables an account. Disabling ends its sessions and revokes its pending invites
 * at once. An administrator (actor) may not disable themselves; the last active administrator is
 * disabled only by the operator (CLI, actor null) with `force`. The demo content account stays
 * disabled.
 */
export async function setUserDisabled({
  actor,
  email,
  userId,
  disabled,
  force,
}: {
  actor: Actor | null;
  email?: string;
  userId?: string;
  disabled: boolean;
  force?: boolean;
}) {
  if (actor && !actor.isAdmin) throw new AppError('forbidden', 'user', 'Only an administrator can do this.');
  getDb().transaction(
    (tx) => {
      const id = userId ?? userIdByEmail(tx, email ?? '');
      const target = tx.select({ isDemo: users.isDemo }).from(users).where(eq(users.id, id)).get();
      if (!target) throw notFound('user');
      if (actor && id === actor.userId) {
        throw invalid('user', 'You cannot disable your own account.');
      }
      if (!disabled && target.isDemo) {
        throw invalid('user', 'The demo content account cannot sign in: it stays disabled.');
      }
      const { forced } = disabled
        ? assertAnotherActiveAdministrator(tx, id, { actor, force })
        : { forced: false };
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
        details: forced ? { forced } : undefined,
      });
      if (disabled) {
        revokeInvitesMadeBy(tx, {
          userId: id,
          reason: 'creator_disabled',
          actorUserId: actor?.userId ?? null,
          ip: actor?.ip,
        });
      }
    },
    { behavior: 'immediate' },
  );
}
