/** Accounts: sign-up, sign-in with throttling, password changes, and administrators' tools. */
import { asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { AppError, invalid, notFound } from '@/lib/errors';
import { hashPassword, isServerBusy, verifyPassword } from '@/lib/password';
import { emailSchema } from '@/lib/validation';
import { first, type Db, type Store, type Tx } from '../store';
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
import { signUpThrottled, takeSignUpHit } from './sign-up-throttle';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether the instance ever had an administrator (recorded once; disabling one never re-opens it). */
function hasAdministrator(tx: Db): Promise<boolean> {
  return isInitialised(tx);
}

/** How a new visitor may sign up now: the first account becomes administrator. */
export async function getSignUpMode(store: Store): Promise<'first-admin' | 'open' | 'invite-only'> {
  const db = store.db;
  if (!(await hasAdministrator(db))) return 'first-admin';
  return (await readSetting(db, 'openSignUp')) ? 'open' : 'invite-only';
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
async function assertMaySignUp(tx: Db, inviteToken: string | undefined) {
  const invite = inviteToken ? await findUsableInvite(tx, inviteToken) : null;
  if (inviteToken && !invite) {
    throw invalid('invite', 'This invite link is invalid, expired or already used.', 'inviteToken');
  }
  const becomesAdmin = !(await hasAdministrator(tx));
  if (!becomesAdmin && !invite && !(await readSetting(tx, 'openSignUp'))) {
    throw new AppError('forbidden', 'sign_up', 'Sign-up is by invitation. Ask a workspace owner for a link.');
  }
  return { invite, becomesAdmin };
}

/**
 * Creates an account. Allowed when the instance has no administrator yet (the account becomes
 * it), when open sign-up is on, or with a valid invite token (which also joins the workspace).
 * Cheap checks come first (the per-address limit, then the mode or invite); only then the
 * Argon2 hash (outside any transaction) and the email lookup. A taken email answers as a free
 * one (audited, nothing made).
 */
export async function registerUser(
  store: Store,
  input: {
    email: string;
    name: string;
    password: string;
    inviteToken?: string;
    ip?: string;
  },
): Promise<SignUpOutcome> {
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) throw invalid('user', parsed.error.issues[0]!.message, 'email');
  const email = parsed.data;
  // The verdict's transaction commits (keeping a refusal's audit event) before the refusal throws.
  const hit = await store.transaction((tx) => takeSignUpHit(tx, input.ip ?? 'unknown', Date.now()));
  if (!hit.allowed) throw signUpThrottled(hit.retryAfterSeconds);
  await assertMaySignUp(store.db, input.inviteToken);
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (tx) => {
    const { invite, becomesAdmin } = await assertMaySignUp(tx, input.inviteToken);
    const outcome: SignUpOutcome = {
      next: 'sign_in',
      callbackUrl: invite ? `/w/${invite.workspaceId}` : '/workspaces',
    };
    const taken = await first(tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1));
    if (taken) {
      await audit(tx, {
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
    await tx
      .insert(users)
      .values({ id: userId, email, name: input.name, passwordHash, isAdmin: becomesAdmin });
    await audit(tx, {
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
    if (becomesAdmin) await onFirstAdministrator(tx, userId);
    if (invite) await acceptInviteInTx(tx, invite, userId, input.ip);
    return outcome;
  });
}

/** Drops rate-limit hits too old to count for any limit (run at start, inside a write transaction). */
export async function pruneLoginAttempts(tx: Tx, now = Date.now()): Promise<number> {
  return pruneRateLimits(tx, now);
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether this account may try to sign in from this address now; a refusal is audited once. */
export async function checkSignInThrottle(
  store: Store,
  {
    email,
    ip,
  }: {
    email: string;
    ip: string;
  },
): Promise<ThrottleVerdict> {
  const verdict = await store.transaction((tx) => peekSignIn(tx, normaliseEmail(email), ip, Date.now()));
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
 * sign-in-throttle.ts) and audited; a success opens a session row. The gate, the outcome and a
 * busy server's give-back are each a short write transaction of their own; Argon2 runs between
 * them, outside any transaction.
 */
export async function signInWithPassword(
  store: Store,
  input: {
    email: string;
    password: string;
    ip: string;
    userAgent?: string | null;
  },
): Promise<SignInResult> {
  const parsed = emailSchema.safeParse(input.email);
  // Not an email address: no account can match, so nothing to count, audit or hash.
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const email = parsed.data;
  const opened = await store.transaction((tx) => openSignInGate(tx, email, input.ip, Date.now()));
  if (!opened.allowed)
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: opened.retryAfterSeconds };
  const { gate } = opened;

  const user = await first(store.db.select().from(users).where(eq(users.email, email)).limit(1));
  let passwordOk: boolean;
  try {
    passwordOk = await verifyPassword(user?.passwordHash, input.password);
  } catch (error) {
    if (!isServerBusy(error)) throw error;
    await store.transaction((tx) => settleSignIn(tx, gate, 'not_run'));
    return { ok: false, reason: 'busy' };
  }
  const ok = Boolean(user && passwordOk && !user.disabledAt);
  return store.transaction(async (tx): Promise<SignInResult> => {
    if (!ok || !user) {
      await audit(tx, {
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
    await settleSignIn(tx, gate, 'success');
    const sessionId = await createSessionRow(tx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await audit(tx, {
      actorUserId: user.id,
      action: 'auth.sign_in',
      objectType: 'user',
      objectId: user.id,
      ip: input.ip,
    });
    return { ok: true as const, userId: user.id, email: user.email, name: user.name, sessionId };
  });
}

export async function recordSignOut(
  store: Store,
  { userId, sessionId }: { userId: string; sessionId: string },
): Promise<void> {
  await store.transaction(async (tx) => {
    await revokeSessionRow(tx, sessionId);
    // The audit names the stored hash: a session id in clear would be a usable credential.
    await audit(tx, {
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
export async function changePassword(
  store: Store,
  {
    actor,
    currentPassword,
    newPassword,
  }: {
    actor: Actor;
    currentPassword: string;
    newPassword: string;
  },
): Promise<{ endedSessions: number; revokedTokens: number }> {
  await confirmCurrentPassword(store, { actor, currentPassword });
  const passwordHash = await hashPassword(newPassword);
  return store.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, actor.userId));
    const endedSessions = await revokeUserSessions(tx, actor.userId, actor.sessionId);
    const revokedTokens = await revokeAllApiTokensInTx(tx, actor.userId);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'user.password_change',
      objectType: 'user',
      objectId: actor.userId,
      ip: actor.ip,
      details: { endedSessions, revokedTokens },
    });
    return { endedSessions, revokedTokens };
  });
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

export async function listUsers(store: Store): Promise<AdminUserView[]> {
  const rows = await store.db.select().from(users).orderBy(asc(users.createdAt));
  return rows.map((u) => ({
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
export async function createUser(
  store: Store,
  input: {
    email: string;
    password: string;
    name?: string;
    isAdmin?: boolean;
    isDemo?: boolean;
    actorUserId?: string | null;
  },
): Promise<{ userId: string }> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (tx) => {
    if (await first(tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))) {
      throw invalid('user', `An account with the email ${email} already exists.`, 'email');
    }
    const firstAdministrator = Boolean(input.isAdmin) && !(await isInitialised(tx));
    const userId = randomUUID();
    await tx.insert(users).values({
      id: userId,
      email,
      name: input.name?.trim() || email.split('@')[0]!,
      passwordHash,
      isAdmin: input.isAdmin ?? false,
      isDemo: input.isDemo ?? false,
    });
    await audit(tx, {
      actorUserId: input.actorUserId ?? null,
      action: 'user.create',
      objectType: 'user',
      objectId: userId,
      details: { email, administrator: input.isAdmin ?? false },
    });
    if (firstAdministrator) await onFirstAdministrator(tx, userId);
    return { userId };
  });
}

async function userIdByEmail(tx: Db, email: string): Promise<string> {
  const row = await first(
    tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .limit(1),
  );
  if (!row) throw new AppError('not_found', 'user', `No account has the email ${normaliseEmail(email)}.`);
  return row.id;
}

/** Sets a new password for an account (operator), ends all its sessions, revokes its API tokens. */
export async function resetPassword(
  store: Store,
  {
    email,
    password,
  }: {
    email: string;
    password: string;
  },
): Promise<{ endedSessions: number; revokedTokens: number }> {
  const passwordHash = await hashPassword(password);
  return store.transaction(async (tx) => {
    const userId = await userIdByEmail(tx, email);
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
    const endedSessions = await revokeUserSessions(tx, userId);
    const revokedTokens = await revokeAllApiTokensInTx(tx, userId);
    await audit(tx, {
      actorUserId: null,
      action: 'user.password_reset',
      objectType: 'user',
      objectId: userId,
      details: { endedSessions, revokedTokens },
    });
    return { endedSessions, revokedTokens };
  });
}

/**
 * Disables or re-enables an account. Disabling ends its sessions and revokes its pending invites
 * at once. An administrator (actor) may not disable themselves; the last active administrator is
 * disabled only by the operator (CLI, actor null) with `force`. The demo content account stays
 * disabled.
 */
export async function setUserDisabled(
  store: Store,
  {
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
  },
): Promise<void> {
  if (actor && !actor.isAdmin) throw new AppError('forbidden', 'user', 'Only an administrator can do this.');
  await store.transaction(async (tx) => {
    const id = userId ?? (await userIdByEmail(tx, email ?? ''));
    const target = await first(
      tx.select({ isDemo: users.isDemo }).from(users).where(eq(users.id, id)).limit(1),
    );
    if (!target) throw notFound('user');
    if (actor && id === actor.userId) {
      throw invalid('user', 'You cannot disable your own account.');
    }
    if (!disabled && target.isDemo) {
      throw invalid('user', 'The demo content account cannot sign in: it stays disabled.');
    }
    const { forced } = disabled
      ? await assertAnotherActiveAdministrator(tx, id, { actor, force })
      : { forced: false };
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null })
      .where(eq(users.id, id));
    if (disabled) await revokeUserSessions(tx, id);
    await audit(tx, {
      actorUserId: actor?.userId ?? null,
      action: disabled ? 'user.disable' : 'user.enable',
      objectType: 'user',
      objectId: id,
      ip: actor?.ip,
      details: forced ? { forced } : undefined,
    });
    if (disabled) {
      await revokeInvitesMadeBy(tx, {
        userId: id,
        reason: 'creator_disabled',
        actorUserId: actor?.userId ?? null,
        ip: actor?.ip,
      });
    }
  });
}
