import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256 } from '@/lib/tokens';
import type { SqliteStore } from '../engines/sqlite';
import { apiTokens, auditEvents } from '../schema';
import { first } from '../store';
import { freshSqliteStore, makeUser, TEST_PASSWORD } from '../testing';
import type { Actor } from './access';
import { setUserDisabled } from './accounts';
import {
  createApiToken,
  createApiTokenForEmail,
  listApiTokensForEmail,
  listMyApiTokens,
  MAX_ACTIVE_TOKENS,
  resolveApiToken,
  revokeApiToken,
  revokeApiTokenForEmail,
} from './api-tokens';

let store: SqliteStore;
let owner: Actor & { email: string };

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store, { name: 'Awa' });
});

afterEach(() => {
  vi.useRealTimers();
});

const auditActions = async () =>
  (await store.db.select().from(auditEvents)).filter((e) => e.action.startsWith('api_token.'));

describe('personal access tokens', () => {
  it('are made, listed, resolved and revoked, each write audited', async () => {
    const { token, apiToken } = await createApiToken(store, {
      actor: owner,
      name: 'Nightly import',
      currentPassword: TEST_PASSWORD,
    });
    expect(token).toMatch(/^wrn_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      name: 'Nightly import',
      prefix: token.slice(0, 8),
      status: 'active',
      expiresAt: null,
      lastUsedAt: null,
    });
    expect((await listMyApiTokens(store, { actor: owner })).map((t) => t.id)).toEqual([apiToken.id]);

    expect(await resolveApiToken(store, token)).toEqual({ userId: owner.userId, isAdmin: false });
    expect((await listMyApiTokens(store, { actor: owner }))[0]!.lastUsedAt).toBeInstanceOf(Date);

    await revokeApiToken(store, { actor: owner, tokenId: apiToken.id });
    expect(await resolveApiToken(store, token)).toBeNull();
    expect(await listMyApiTokens(store, { actor: owner })).toEqual([]);
    expect((await listApiTokensForEmail(store, { email: owner.email }))[0]!.status).toBe('revoked');
    await expect(revokeApiToken(store, { actor: owner, tokenId: apiToken.id })).rejects.toMatchObject({
      code: 'not_found:api_token',
    });

    expect((await auditActions()).map((e) => [e.action, e.actorUserId, e.objectId])).toEqual([
      ['api_token.create', owner.userId, apiToken.id],
      ['api_token.revoke', owner.userId, apiToken.id],
    ]);
    expect(JSON.stringify(await auditActions())).not.toContain(token);
  });

  it('stores the SHA-256 of the token, never the token itself', async () => {
    const { token, apiToken } = await createApiToken(store, {
      actor: owner,
      name: 'CI',
      currentPassword: TEST_PASSWORD,
    });
    const row = (await first(store.db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id))))!;
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.prefix).toBe(token.slice(0, 8));
    const everything = JSON.stringify(store.connection.prepare('select * from api_tokens').all());
    expect(everything).not.toContain(token);
  });

  type Case = [name: string, spoil: (ctx: { token: string; id: string }) => Promise<string>];
  const cases: Case[] = [
    ['the token as made', async ({ token }) => token],
    [
      'a revoked token',
      async ({ token, id }) => {
        await revokeApiToken(store, { actor: owner, tokenId: id });
        return token;
      },
    ],
    [
      'an expired token',
      async ({ token }) => {
        vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 24 * 60 * 60 * 1000 });
        return token;
      },
    ],
    [
      'the token of a disabled account',
      async ({ token }) => {
        await setUserDisabled(store, { actor: null, userId: owner.userId, disabled: true });
        return token;
      },
    ],
    ['a wrong token of the right shape', async ({ token }) => `${token.slice(0, -4)}AAAA`],
    ['a token without the prefix', async ({ token }) => token.slice(4)],
    ['an empty string', async () => ''],
    ['the stored hash itself', async ({ token }) => sha256(token)],
  ];

  it.each(cases)('resolve: %s', async (name, spoil) => {
    const { token, apiToken } = await createApiToken(store, {
      actor: owner,
      name: 'Probe',
      expiresInDays: 1,
      currentPassword: TEST_PASSWORD,
    });
    const presented = await spoil({ token, id: apiToken.id });
    const actor = await resolveApiToken(store, presented);
    if (name === 'the token as made') expect(actor).toEqual({ userId: owner.userId, isAdmin: false });
    else expect(actor).toBeNull();
  });

  it('marks expired tokens in the list and records use at most once a minute', async () => {
    const { token, apiToken } = await createApiToken(store, {
      actor: owner,
      name: 'Short',
      expiresInDays: 1,
      currentPassword: TEST_PASSWORD,
    });
    expect(apiToken.expiresAt!.getTime() - apiToken.createdAt.getTime()).toBeGreaterThan(86_000_000);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    await resolveApiToken(store, token);
    const first = (await listMyApiTokens(store, { actor: owner }))[0]!.lastUsedAt!;
    vi.setSystemTime(start + 30_000);
    await resolveApiToken(store, token);
    expect((await listMyApiTokens(store, { actor: owner }))[0]!.lastUsedAt).toEqual(first);
    vi.setSystemTime(start + 61_000);
    await resolveApiToken(store, token);
    expect((await listMyApiTokens(store, { actor: owner }))[0]!.lastUsedAt!.getTime()).toBe(start + 61_000);
    vi.setSystemTime(start + 3 * 86_400_000);
    expect((await listMyApiTokens(store, { actor: owner }))[0]!.status).toBe('expired');
  });

  it("cannot revoke another user's token (not found)", async () => {
    const other = await makeUser(store);
    const { token, apiToken } = await createApiToken(store, {
      actor: owner,
      name: 'Mine',
      currentPassword: TEST_PASSWORD,
    });
    await expect(revokeApiToken(store, { actor: other, tokenId: apiToken.id })).rejects.toMatchObject({
      code: 'not_found:api_token',
    });
    expect(await listMyApiTokens(store, { actor: other })).toEqual([]);
    expect(await resolveApiToken(store, token)).not.toBeNull();
  });

  it('lets the operator make, list and revoke tokens by email (audited with no actor)', async () => {
    const { token, apiToken } = await createApiTokenForEmail(store, {
      email: owner.email.toUpperCase(),
      name: 'From the CLI',
      expiresInDays: 30,
    });
    expect(await resolveApiToken(store, token)).toMatchObject({ userId: owner.userId });
    expect((await listApiTokensForEmail(store, { email: owner.email })).map((t) => t.name)).toEqual([
      'From the CLI',
    ]);
    await revokeApiTokenForEmail(store, { email: owner.email, tokenId: apiToken.id });
    expect(await resolveApiToken(store, token)).toBeNull();
    expect((await auditActions()).map((e) => [e.action, e.actorUserId, e.details?.via])).toEqual([
      ['api_token.create', null, 'cli'],
      ['api_token.revoke', null, 'cli'],
    ]);
    await expect(
      createApiTokenForEmail(store, { email: 'nobody@example.org', name: 'X' }),
    ).rejects.toMatchObject({
      code: 'not_found:user',
    });
    await setUserDisabled(store, { actor: null, userId: owner.userId, disabled: true });
    await expect(createApiTokenForEmail(store, { email: owner.email, name: 'X' })).rejects.toMatchObject({
      code: 'invalid:user',
    });
  });

  it(`refuses more than ${MAX_ACTIVE_TOKENS} active tokens`, async () => {
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++)
      await createApiTokenForEmail(store, { email: owner.email, name: `t${i}` });
    await expect(
      createApiToken(store, { actor: owner, name: 'one too many', currentPassword: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'conflict:api_token',
    });
  });
});
