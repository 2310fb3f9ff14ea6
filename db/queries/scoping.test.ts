/**
 * Membership scoping: a user of workspace A can neither read nor change anything of workspace B;
 * every attempt answers not_found, exactly as for a workspace that does not exist.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { makeUser, makeWorkspace, useFreshDatabase } from '../testing';
import { getDb } from '../client';
import { auditEvents, workspaces } from '../schema';
import type { Actor } from './access';
import { listWorkspaceAuditEvents } from './audit-log';
import { createInvite, listPendingInvites, revokeInvite } from './invites';
import { changeMemberRole, listMembers, removeMember } from './members';
import { deleteWorkspace, getWorkspace, listMyWorkspaces, renameWorkspace } from './workspaces';
import { eq } from 'drizzle-orm';

let alice: Actor; // owner of A
let bob: Actor; // owner of B
let a: string;
let b: string;

beforeEach(async () => {
  useFreshDatabase();
  alice = await makeUser({ name: 'Alice' });
  bob = await makeUser({ name: 'Bob' });
  a = await makeWorkspace(alice, 'Workspace A');
  b = await makeWorkspace(bob, 'Workspace B');
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
    ['read the workspace', () => getWorkspace({ actor: alice, workspaceId: b })],
    ['rename it', () => renameWorkspace({ actor: alice, workspaceId: b, name: 'Mine now' })],
    ['delete it', () => deleteWorkspace({ actor: alice, workspaceId: b, confirmName: 'Workspace B' })],
    ['list its members', () => listMembers({ actor: alice, workspaceId: b })],
    [
      'change a role',
      () => changeMemberRole({ actor: alice, workspaceId: b, userId: bob.userId, role: 'viewer' }),
    ],
    ['remove a member', () => removeMember({ actor: alice, workspaceId: b, userId: bob.userId })],
    [
      'create an invite',
      () => createInvite({ actor: alice, workspaceId: b, role: 'owner', expiresInDays: 7 }),
    ],
    ['list its invites', () => listPendingInvites({ actor: alice, workspaceId: b })],
    ['read its audit log', () => listWorkspaceAuditEvents({ actor: alice, workspaceId: b })],
  ];
  it.each(attempts)('cannot %s', async (_name, run) => expectNotFound(run));

  it('cannot revoke an invite of B, even knowing its id', async () => {
    const invite = await createInvite({ actor: bob, workspaceId: b, role: 'editor', expiresInDays: 7 });
    await expectNotFound(() => revokeInvite({ actor: alice, workspaceId: b, inviteId: invite.inviteId }));
    // Nor through her own workspace's id: the invite is not found there.
    await expect(
      revokeInvite({ actor: alice, workspaceId: a, inviteId: invite.inviteId }),
    ).rejects.toMatchObject({
      code: 'not_found:invite',
    });
  });

  it('does not see B in the list of workspaces', async () => {
    expect((await listMyWorkspaces({ actor: alice })).map((w) => w.name)).toEqual(['Workspace A']);
  });

  it('answers the same for a workspace id that does not exist', async () => {
    await expectNotFound(() => getWorkspace({ actor: alice, workspaceId: 'no-such-workspace' }));
  });

  it('changed nothing in B', async () => {
    for (const [, run] of attempts) await run().catch(() => undefined);
    const row = getDb().select().from(workspaces).where(eq(workspaces.id, b)).get();
    expect(row?.name).toBe('Workspace B');
    expect((await listMembers({ actor: bob, workspaceId: b })).map((m) => m.role)).toEqual(['owner']);
    const events = getDb().select().from(auditEvents).where(eq(auditEvents.workspaceId, b)).all();
    expect(events.map((e) => e.action)).toEqual(['workspace.create']);
  });
});

describe('a removed member', () => {
  it('loses access on the next call', async () => {
    const invite = await createInvite({ actor: alice, workspaceId: a, role: 'editor', expiresInDays: 1 });
    const { acceptInvite } = await import('./invites');
    await acceptInvite({ actor: bob, token: invite.token });
    expect((await getWorkspace({ actor: bob, workspaceId: a })).role).toBe('editor');
    await removeMember({ actor: alice, workspaceId: a, userId: bob.userId });
    await expectNotFound(() => getWorkspace({ actor: bob, workspaceId: a }));
  });
});
