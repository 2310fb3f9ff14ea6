/**
 * Membership scoping: a user of workspace A can neither read nor change anything of workspace B;
 * every attempt answers not_found, exactly as for a workspace that does not exist.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { freshStore, makeUser, makeWorkspace } from '../testing';
import type { Store } from '../store';
import { first } from '../store';
import { auditEvents, workspaces } from '../schema';
import type { Actor } from './access';
import { listWorkspaceAuditEvents } from './audit-log';
import { createInvite, listPendingInvites, revokeInvite } from './invites';
import { changeMemberRole, listMembers, removeMember } from './members';
import { deleteWorkspace, getWorkspace, listMyWorkspaces, renameWorkspace } from './workspaces';
import { eq } from 'drizzle-orm';

let store: Store;
let alice: Actor; // owner of A
let bob: Actor; // owner of B
let a: string;
let b: string;

beforeEach(async () => {
  store = await freshStore();
  alice = await makeUser(store, { name: 'Alice' });
  bob = await makeUser(store, { name: 'Bob' });
  a = await makeWorkspace(store, alice, 'Workspace A');
  b = await makeWorkspace(store, bob, 'Workspace B');
});

async function expectNotFound(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('not_found:workspace');
  expect((error as AppError).status).toBe(404);
}

describe('a member of A against workspace B', () => {
  const attempts: [string, () => Promise<unknown>][] = [
    ['read the workspace', () => getWorkspace(store, { actor: alice, workspaceId: b })],
    ['rename it', () => renameWorkspace(store, { actor: alice, workspaceId: b, name: 'Mine now' })],
    ['delete it', () => deleteWorkspace(store, { actor: alice, workspaceId: b, confirmName: 'Workspace B' })],
    ['list its members', () => listMembers(store, { actor: alice, workspaceId: b })],
    [
      'change a role',
      () => changeMemberRole(store, { actor: alice, workspaceId: b, userId: bob.userId, role: 'viewer' }),
    ],
    ['remove a member', () => removeMember(store, { actor: alice, workspaceId: b, userId: bob.userId })],
    [
      'create an invite',
      () => createInvite(store, { actor: alice, workspaceId: b, role: 'owner', expiresInDays: 7 }),
    ],
    ['list its invites', () => listPendingInvites(store, { actor: alice, workspaceId: b })],
    ['read its audit log', () => listWorkspaceAuditEvents(store, { actor: alice, workspaceId: b })],
  ];
  it.each(attempts)('cannot %s', async (_name, run) => expectNotFound(run));

  it('cannot revoke an invite of B, even knowing its id', async () => {
    const invite = await createInvite(store, {
      actor: bob,
      workspaceId: b,
      role: 'editor',
      expiresInDays: 7,
    });
    await expectNotFound(() =>
      revokeInvite(store, { actor: alice, workspaceId: b, inviteId: invite.inviteId }),
    );
    // Nor through her own workspace's id: the invite is not found there.
    await expect(
      revokeInvite(store, { actor: alice, workspaceId: a, inviteId: invite.inviteId }),
    ).rejects.toMatchObject({
      code: 'not_found:invite',
    });
  });

  it('does not see B in the list of workspaces', async () => {
    expect((await listMyWorkspaces(store, { actor: alice })).map((w) => w.name)).toEqual(['Workspace A']);
  });

  it('answers the same for a workspace id that does not exist', async () => {
    await expectNotFound(() => getWorkspace(store, { actor: alice, workspaceId: 'no-such-workspace' }));
  });

  it('changed nothing in B', async () => {
    for (const [, run] of attempts) await run().catch(() => undefined);
    const row = await first(store.db.select().from(workspaces).where(eq(workspaces.id, b)));
    expect(row?.name).toBe('Workspace B');
    expect((await listMembers(store, { actor: bob, workspaceId: b })).map((m) => m.role)).toEqual(['owner']);
    const events = await store.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, b));
    expect(events.map((e) => e.action)).toEqual(['workspace.create']);
  });
});

describe('a removed member', () => {
  it('loses access on the next call', async () => {
    const invite = await createInvite(store, {
      actor: alice,
      workspaceId: a,
      role: 'editor',
      expiresInDays: 1,
    });
    const { acceptInvite } = await import('./invites');
    await acceptInvite(store, { actor: bob, token: invite.token });
    expect((await getWorkspace(store, { actor: bob, workspaceId: a })).role).toBe('editor');
    await removeMember(store, { actor: alice, workspaceId: a, userId: bob.userId });
    await expectNotFound(() => getWorkspace(store, { actor: bob, workspaceId: a }));
  });
});
