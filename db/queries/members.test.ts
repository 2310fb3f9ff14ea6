import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/permissions';
import type { SqliteStore } from '../engines/sqlite';
import { freshSqliteStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { acceptInvite, createInvite, listPendingInvites, previewInvite, revokeInvite } from './invites';
import { changeMemberRole, listMembers, removeMember } from './members';
import { deleteWorkspace, getWorkspace, renameWorkspace } from './workspaces';

let store: SqliteStore;
let owner: Actor;
let ws: string;

async function memberWith(role: Role): Promise<Actor> {
  const user = await makeUser(store, { name: `A ${role}` });
  const invite = await createInvite(store, { actor: owner, workspaceId: ws, role, expiresInDays: 7 });
  await acceptInvite(store, { actor: user, token: invite.token });
  return user;
}

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store, { name: 'Owner' });
  ws = await makeWorkspace(store, owner, 'Desk');
});

describe('what each role may do in the data layer', () => {
  const cases: { role: Role; rename: boolean; invite: boolean; changeRole: boolean }[] = [
    { role: 'owner', rename: true, invite: true, changeRole: true },
    { role: 'reviewer', rename: false, invite: false, changeRole: false },
    { role: 'editor', rename: false, invite: false, changeRole: false },
    { role: 'viewer', rename: false, invite: false, changeRole: false },
  ];
  it.each(cases)('$role', async ({ role, rename, invite, changeRole }) => {
    const actor = await memberWith(role);
    const target = await memberWith('viewer');
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(await outcome(renameWorkspace(store, { actor, workspaceId: ws, name: 'Renamed' }))).toBe(
      rename ? 'ok' : 'forbidden:workspace',
    );
    expect(
      await outcome(createInvite(store, { actor, workspaceId: ws, role: 'editor', expiresInDays: 3 })),
    ).toBe(invite ? 'ok' : 'forbidden:workspace');
    expect(
      await outcome(
        changeMemberRole(store, { actor, workspaceId: ws, userId: target.userId, role: 'editor' }),
      ),
    ).toBe(changeRole ? 'ok' : 'forbidden:workspace');
    expect(await outcome(getWorkspace(store, { actor, workspaceId: ws }))).toBe('ok');
  });
});

describe('members', () => {
  it('changes a role and records it', async () => {
    const viewer = await memberWith('viewer');
    await changeMemberRole(store, { actor: owner, workspaceId: ws, userId: viewer.userId, role: 'reviewer' });
    expect((await getWorkspace(store, { actor: viewer, workspaceId: ws })).can).toContain('claim.adjudicate');
  });

  it('always keeps an owner', async () => {
    await expect(
      changeMemberRole(store, { actor: owner, workspaceId: ws, userId: owner.userId, role: 'editor' }),
    ).rejects.toMatchObject({
      code: 'conflict:member',
    });
    await expect(
      removeMember(store, { actor: owner, workspaceId: ws, userId: owner.userId }),
    ).rejects.toMatchObject({
      code: 'conflict:member',
    });
    const second = await memberWith('owner');
    await removeMember(store, { actor: second, workspaceId: ws, userId: owner.userId });
    expect((await listMembers(store, { actor: second, workspaceId: ws })).map((m) => m.name)).toEqual([
      'A owner',
    ]);
  });

  it('lets any member leave', async () => {
    const editor = await memberWith('editor');
    await removeMember(store, { actor: editor, workspaceId: ws, userId: editor.userId });
    await expect(getWorkspace(store, { actor: editor, workspaceId: ws })).rejects.toMatchObject({
      code: 'not_found:workspace',
    });
  });

  it('deletes a workspace only with its exact name', async () => {
    await expect(
      deleteWorkspace(store, { actor: owner, workspaceId: ws, confirmName: 'desk' }),
    ).rejects.toMatchObject({
      code: 'invalid:workspace',
      field: 'confirmName',
    });
    await deleteWorkspace(store, { actor: owner, workspaceId: ws, confirmName: 'Desk' });
    await expect(getWorkspace(store, { actor: owner, workspaceId: ws })).rejects.toMatchObject({
      code: 'not_found:workspace',
    });
  });
});

describe('invites', () => {
  it('are listed while pending, and a revoked one cannot be used', async () => {
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'editor',
      expiresInDays: 2,
    });
    expect(await previewInvite(store, { token: invite.token })).toMatchObject({
      workspaceName: 'Desk',
      role: 'editor',
    });
    expect((await listPendingInvites(store, { actor: owner, workspaceId: ws })).map((i) => i.id)).toEqual([
      invite.inviteId,
    ]);
    await revokeInvite(store, { actor: owner, workspaceId: ws, inviteId: invite.inviteId });
    expect(await listPendingInvites(store, { actor: owner, workspaceId: ws })).toEqual([]);
    expect(await previewInvite(store, { token: invite.token })).toBeNull();
    const user = await makeUser(store);
    await expect(acceptInvite(store, { actor: user, token: invite.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
  });

  it('store only a digest of the token', async () => {
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 2,
    });
    const raw = store.connection.prepare('select token_hash from invites').get() as { token_hash: string };
    expect(raw.token_hash).not.toContain(invite.token);
    expect(raw.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await previewInvite(store, { token: 'a-guessed-token' })).toBeNull();
  });
});

describe('an invite opened by someone who is already a member', () => {
  it('is used up and leaves the role as it was', async () => {
    const editor = await memberWith('editor');
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 2,
    });
    await acceptInvite(store, { actor: editor, token: invite.token });
    expect((await getWorkspace(store, { actor: editor, workspaceId: ws })).role).toBe('editor');
    expect(await previewInvite(store, { token: invite.token })).toBeNull();
  });
});
