import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '@/db/store';
import { setUserDisabled } from '@/db/queries/accounts';
import { TEST_PASSWORD } from '@/db/testing';
import { createApiToken, revokeApiToken } from '@/db/queries/api-tokens';
import { call, freshWorkspace, outsider, type Member } from './_testing/client';
import * as openapi from './openapi.json/route';
import * as workspaces from './workspaces/route';
import * as documents from './workspaces/[workspaceId]/documents/route';

let store: Store;
let owner: Member;
let workspaceId: string;

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
});
afterEach(() => vi.useRealTimers());

const listWorkspaces = (token: string | null, headers: Record<string, string> = {}) =>
  call('GET', workspaces.GET, '/workspaces', { token, headers });

describe('REST API authentication', () => {
  it('lists the workspaces of the token’s user, with role and permissions', async () => {
    const r = await listWorkspaces(owner.token);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.json.workspaces).toEqual([
      expect.objectContaining({
        id: workspaceId,
        name: 'Sahel desk',
        role: 'owner',
        memberCount: 1,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      }),
    ]);
    expect(r.json.workspaces[0].permissions).toContain('claim.write');
  });

  it('answers 401 with WWW-Authenticate without a token, and never reads a cookie', async () => {
    const r = await listWorkspaces(null, { cookie: 'next-auth.session-token=anything' });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="warrant"');
    expect(r.json).toEqual({
      error: { code: 'unauthenticated:token', message: expect.stringContaining('Authorization: Bearer') },
    });
  });

  it.each([
    ['another scheme', (t: string) => `Basic ${t}`],
    ['a wrong token', (t: string) => `Bearer ${t.slice(0, -2)}xx`],
    ['two tokens', (t: string) => `Bearer ${t} ${t}`],
    ['an empty bearer', () => 'Bearer '],
  ])('answers 401 invalid_token for %s', async (_name, header) => {
    const r = await listWorkspaces(null, { authorization: header(owner.token) });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(r.json.error.code).toBe('unauthenticated:token');
  });

  it('accepts the scheme in any case', async () => {
    expect((await listWorkspaces(null, { authorization: `bearer ${owner.token}` })).status).toBe(200);
  });

  it('follows a token through its lifecycle: works, then revoked, expired or disabled → 401', async () => {
    const { token, apiToken } = await createApiToken(store, {
      actor: owner,
      name: 'Lifecycle',
      expiresInDays: 1,
      currentPassword: TEST_PASSWORD,
    });
    expect((await listWorkspaces(token)).status).toBe(200);
    await revokeApiToken(store, { actor: owner, tokenId: apiToken.id });
    expect((await listWorkspaces(token)).status).toBe(401);

    const short = await createApiToken(store, {
      actor: owner,
      name: 'Short',
      expiresInDays: 1,
      currentPassword: TEST_PASSWORD,
    });
    expect((await listWorkspaces(short.token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * 86_400_000 });
    expect((await listWorkspaces(short.token)).status).toBe(401);
    vi.useRealTimers();

    expect((await listWorkspaces(owner.token)).status).toBe(200);
    await setUserDisabled(store, { actor: null, userId: owner.userId, disabled: true });
    expect((await listWorkspaces(owner.token)).status).toBe(401);
  });

  it('keeps workspaces apart: a token of workspace B’s user gets 404 for workspace A', async () => {
    const other = await outsider(store);
    const mine = await listWorkspaces(other.token);
    expect(mine.json.workspaces.map((w: { id: string }) => w.id)).toEqual([other.workspaceId]);
    const r = await call('GET', documents.GET, `/workspaces/${workspaceId}/documents`, {
      token: other.token,
      params: { workspaceId },
    });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found:workspace');
    const missing = await call('GET', documents.GET, '/workspaces/nope/documents', {
      token: other.token,
      params: { workspaceId: 'nope' },
    });
    expect(missing).toMatchObject({ status: 404, json: r.json });
  });

  it('serves its OpenAPI description without a token', async () => {
    const r = await call('GET', openapi.GET, '/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.1.0');
    expect(Object.keys(r.json.paths)).toContain('/claims/{claimId}');
  });
});
