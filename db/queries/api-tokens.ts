/**
 * Personal access tokens for the REST API (/api/v1). A token (`wrn_` + 32 random bytes) is shown
 * once when it is made; only its SHA-256 is stored. A token acts as its owner, with the owner's
 * roles, until it is revoked, expires or the account is disabled. Every creation and revocation
 * is audited.
 */
import { and, count, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { API_TOKEN_PREFIX, looksLikeApiToken } from '@/lib/api/token-input';
import { AppError, conflict } from '@/lib/errors';
import { randomToken, sha256 } from '@/lib/tokens';
import { first, type Db, type Store, type Tx } from '../store';
import { apiTokens, users, type ApiToken } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { normaliseEmail } from './accounts';
import { confirmCurrentPassword } from './reauth';

export const MAX_ACTIVE_TOKENS = 50;
const LAST_USED_RESOLUTION_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export interface ApiTokenView {
  id: string;
  name: string;
  /** The first 8 characters of the token, to recognise it. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
}

export interface CreatedApiToken {
  /** The token itself: shown this once, never stored. */
  token: string;
  apiToken: ApiTokenView;
}

function present(t: ApiToken, now = Date.now()): ApiTokenView {
  const status: ApiTokenStatus = t.revokedAt
    ? 'revoked'
    : t.expiresAt && t.expiresAt.getTime() <= now
      ? 'expired'
      : 'active';
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    status,
  };
}

const tokenNotFound = () =>
  new AppError('not_found', 'api_token', 'This token does not exist or was revoked already.');

async function userByEmail(tx: Db, email: string) {
  const row = await first(
    tx
      .select({ id: users.id, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.email, normaliseEmail(email)))
      .limit(1),
  );
  if (!row) throw new AppError('not_found', 'user', `No account has the email ${normaliseEmail(email)}.`);
  return row;
}

interface Writer {
  /** Who acts, for the audit log: the owner, or null for the operator (CLI). */
  auditActorUserId: string | null;
  ip?: string;
  via: 'settings' | 'cli';
}

async function insertToken(
  tx: Tx,
  userId: string,
  { name, expiresInDays }: { name: string; expiresInDays?: number | null },
  writer: Writer,
): Promise<CreatedApiToken> {
  const now = new Date();
  const active =
    (
      await first(
        tx
          .select({ n: count() })
          .from(apiTokens)
          .where(
            and(
              eq(apiTokens.userId, userId),
              isNull(apiTokens.revokedAt),
              or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
            ),
          ),
      )
    )?.n ?? 0;
  if (active >= MAX_ACTIVE_TOKENS) {
    throw conflict(
      'api_token',
      `An account may have at most ${MAX_ACTIVE_TOKENS} active tokens. Revoke one first.`,
    );
  }
  const token = API_TOKEN_PREFIX + randomToken(32);
  const id = randomUUID();
  const row = (await first(
    tx
      .insert(apiTokens)
      .values({
        id,
        userId,
        name: name.trim(),
        tokenHash: sha256(token),
        prefix: token.slice(0, 8),
        expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * DAY_MS) : null,
      })
      .returning(),
  ))!;
  await audit(tx, {
    actorUserId: writer.auditActorUserId,
    action: 'api_token.create',
    objectType: 'api_token',
    objectId: id,
    ip: writer.ip,
    details: {
      userId,
      name: row.name,
      prefix: row.prefix,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      via: writer.via,
    },
  });
  return { token, apiToken: present(row) };
}

async function revokeToken(tx: Tx, userId: string, tokenId: string, writer: Writer): Promise<ApiTokenView> {
  const row = await first(
    tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .limit(1),
  );
  if (!row) throw tokenNotFound();
  const revoked = (await first(
    tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId)).returning(),
  ))!;
  await audit(tx, {
    actorUserId: writer.auditActorUserId,
    action: 'api_token.revoke',
    objectType: 'api_token',
    objectId: tokenId,
    ip: writer.ip,
    details: { userId, name: row.name, prefix: row.prefix, via: writer.via },
  });
  return present(revoked);
}

async function listFor(
  tx: Db,
  userId: string,
  { includeRevoked }: { includeRevoked: boolean },
): Promise<ApiTokenView[]> {
  const rows = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), includeRevoked ? undefined : isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((t) => present(t));
}

/**
 * Makes a token for the signed-in user, after confirming their current password (throttled).
 * The answer carries the token itself, shown once.
 */
export async function createApiToken(
  store: Store,
  {
    actor,
    name,
    expiresInDays,
    currentPassword,
  }: {
    actor: Actor;
    name: string;
    expiresInDays?: number | null;
    currentPassword: string;
  },
): Promise<CreatedApiToken> {
  await confirmCurrentPassword(store, { actor, currentPassword });
  return store.transaction((tx) =>
    insertToken(
      tx,
      actor.userId,
      { name, expiresInDays },
      {
        auditActorUserId: actor.userId,
        ip: actor.ip,
        via: 'settings',
      },
    ),
  );
}

/** The signed-in user's tokens that are not revoked (expired ones included, marked so). */
export async function listMyApiTokens(store: Store, { actor }: { actor: Actor }): Promise<ApiTokenView[]> {
  return listFor(store.db, actor.userId, { includeRevoked: false });
}

/** Revokes one of the actor's own tokens; another user's token is not found. */
export async function revokeApiToken(
  store: Store,
  {
    actor,
    tokenId,
  }: {
    actor: Actor;
    tokenId: string;
  },
): Promise<ApiTokenView> {
  return store.transaction((tx) =>
    revokeToken(tx, actor.userId, tokenId, {
      auditActorUserId: actor.userId,
      ip: actor.ip,
      via: 'settings',
    }),
  );
}

// ---- the operator (admin CLI) ----

export async function createApiTokenForEmail(
  store: Store,
  {
    email,
    name,
    expiresInDays,
  }: {
    email: string;
    name: string;
    expiresInDays?: number | null;
  },
): Promise<CreatedApiToken> {
  return store.transaction(async (tx) => {
    const user = await userByEmail(tx, email);
    if (user.disabledAt) {
      throw new AppError('invalid', 'user', 'This account is disabled; enable it before making a token.');
    }
    return insertToken(tx, user.id, { name, expiresInDays }, { auditActorUserId: null, via: 'cli' });
  });
}

/** Every token of an account, revoked ones included. */
export async function listApiTokensForEmail(
  store: Store,
  { email }: { email: string },
): Promise<ApiTokenView[]> {
  const db = store.db;
  return listFor(db, (await userByEmail(db, email)).id, { includeRevoked: true });
}

export async function revokeApiTokenForEmail(
  store: Store,
  {
    email,
    tokenId,
  }: {
    email: string;
    tokenId: string;
  },
): Promise<ApiTokenView> {
  return store.transaction(async (tx) =>
    revokeToken(tx, (await userByEmail(tx, email)).id, tokenId, { auditActorUserId: null, via: 'cli' }),
  );
}

// ---- authentication ----

/**
 * The user a token acts for, or null when the token is unknown, revoked, expired, or its account
 * is disabled. Records when the token was last used (at most once a minute).
 */
export async function resolveApiToken(store: Store, token: string): Promise<Actor | null> {
  if (!looksLikeApiToken(token)) return null;
  const now = new Date();
  const row = await first(
    store.db
      .select({
        id: apiTokens.id,
        lastUsedAt: apiTokens.lastUsedAt,
        userId: users.id,
        isAdmin: users.isAdmin,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, sha256(token)),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          isNull(users.disabledAt),
        ),
      )
      .limit(1),
  );
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await store.transaction(async (tx) => {
      await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    });
  }
  return { userId: row.userId, isAdmin: row.isAdmin };
}
