import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../client';
import { auditEvents, invites, memberships, users } from '../schema';
import { makeUser, makeWorkspace, useFreshDatabase } from '../testing';
import type { Actor } from './access';
import { registerUser, setUserDisabled } from './accounts';
import { acceptInvite, createInvite, listPendingInvites, previewInvite } from './invites';
import { changeMemberRole, removeMember } from './members';
import { getWorkspace } from './workspaces';

/**
 * Defect 5 of issue 11: an invite must not outlive its creator's right to invite. A creator who
 * is demoted, removed, leaves or is disabled loses their pending invites of that workspace at
 * once (audited), and acceptance checks the creator's right again.
 */
let admin: Actor;
let founder: Actor;
let coOwner: Actor;
let ws: string;

async function joinAs(owner: Actor, role: 'owner' | 'editor' | 'viewer'): Promise<Actor> {
  const user = await makeUser({ name: `Joined as ${role}` });
  const invite = await createInvite({ actor: owner, workspaceId: ws, role, expiresInDays: 7 });
  await acceptInvite({ actor: user, token: invite.token });
  return user;
}

beforeEach(async () => {
  useFreshDatabase();
  admin = await makeUser({ name: 'Administrator', isAdmin: true });
  founder = await makeUser({ name: 'Founder' });
  ws = await makeWorkspace(founder, 'Desk');
  coOwner = await joinAs(founder, 'owner');
});

/** The ways an owner loses the right to invite, done by someone else (or themselves). */
const losses: { name: string; reason: string; lose: () => Promise<void> }[] = [
  {
    name: 'demoted to editor',
    reason: 'creator_role_changed',
    lose: () => changeMemberRole({ actor: founder, workspaceId: ws, userId: coOwner.userId, role: 'editor' }),
  },
  {
    name: 'removed',
    reason: 'creator_removed',
    lose: () => removeMember({ actor: founder, workspaceId: ws, userId: coOwner.userId }),
  },
  {
    name: 'leaving',
    reason: 'creator_left',
    lose: () => removeMember({ actor: coOwner, workspaceId: ws, userId: coOwner.userId }),
  },
  {
    name: 'disabled',
    reason: 'creator_disabled',
    lose: () => setUserDisabled({ actor: admin, userId: coOwner.userId, disabled: true }),
  },
];

describe('an owner who loses the right to invite', () => {
  it.each(losses)('$name: their pending invites are revoked and audited', async ({ lose, reason }) => {
    const theirs = await createInvite({ actor: coOwner, workspaceId: ws, role: 'owner', expiresInDays: 7 });
    const founders = await createInvite({
      actor: founder,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 7,
    });
    await lose();
    expect((await listPendingInvites({ actor: founder, workspaceId: ws })).map((i) => i.id)).toEqual([
      founders.inviteId,
    ]);
    const row = getDb().select().from(invites).where(eq(invites.id, theirs.inviteId)).get();
    expect(row?.revokedAt).toBeInstanceOf(Date);
    const revocations = getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'invite.revoke'), eq(auditEvents.objectId, theirs.inviteId)))
      .all();
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ workspaceId: ws, details: { reason } });
  });

  it.each(losses)('$name: their earlier invite cannot be used to sign up', async ({ lose }) => {
    const theirs = await createInvite({ actor: coOwner, workspaceId: ws, role: 'owner', expiresInDays: 7 });
    await lose();
    await expect(
      registerUser({
        email: 'newcomer@example.org',
        name: 'Newcomer',
        password: 'a long enough password',
        inviteToken: theirs.token,
      }),
    ).rejects.toMatchObject({ code: 'invalid:invite' });
    expect(getDb().select().from(users).where(eq(users.email, 'newcomer@example.org')).get()).toBeUndefined();
  });

  it.each(losses)('$name: their earlier invite cannot be accepted while signed in', async ({ lose }) => {
    const theirs = await createInvite({ actor: coOwner, workspaceId: ws, role: 'owner', expiresInDays: 7 });
    await lose();
    const outsider = await makeUser();
    await expect(acceptInvite({ actor: outsider, token: theirs.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
    await expect(getWorkspace({ actor: outsider, workspaceId: ws })).rejects.toMatchObject({
      code: 'not_found:workspace',
    });
  });

  it('cannot rejoin as owner with an invite made for themselves earlier', async () => {
    const comeback = await createInvite({ actor: coOwner, workspaceId: ws, role: 'owner', expiresInDays: 7 });
    await removeMember({ actor: founder, workspaceId: ws, userId: coOwner.userId });
    await expect(acceptInvite({ actor: coOwner, token: comeback.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
    await expect(getWorkspace({ actor: coOwner, workspaceId: ws })).rejects.toMatchObject({
      code: 'not_found:workspace',
    });
  });

  it('keeps invites of other workspaces they still own', async () => {
    const own = await makeWorkspace(coOwner, 'Their own desk');
    const kept = await createInvite({ actor: coOwner, workspaceId: own, role: 'editor', expiresInDays: 7 });
    await removeMember({ actor: founder, workspaceId: ws, userId: coOwner.userId });
    expect((await listPendingInvites({ actor: coOwner, workspaceId: own })).map((i) => i.id)).toEqual([
      kept.inviteId,
    ]);
  });

  it('keeps their invites when the new role still allows inviting', async () => {
    const editor = await joinAs(founder, 'editor');
    const theirs = await createInvite({ actor: coOwner, workspaceId: ws, role: 'viewer', expiresInDays: 7 });
    await changeMemberRole({ actor: founder, workspaceId: ws, userId: editor.userId, role: 'viewer' });
    const joined = await makeUser();
    await acceptInvite({ actor: joined, token: theirs.token });
    expect((await getWorkspace({ actor: joined, workspaceId: ws })).role).toBe('viewer');
  });
});

describe('acceptance checks the creator again', () => {
  /** States reached without the revoking paths (older data, direct edits): the check still holds. */
  const states: { name: string; message: RegExp; set: () => void }[] = [
    {
      name: 'creator no longer owner',
      message: /no longer invite people/,
      set: () =>
        getDb()
          .update(memberships)
          .set({ role: 'editor' })
          .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, coOwner.userId)))
          .run(),
    },
    {
      name: 'creator no longer a member',
      message: /no longer invite people/,
      set: () =>
        getDb()
          .delete(memberships)
          .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, coOwner.userId)))
          .run(),
    },
    {
      name: 'creator disabled',
      message: /no longer invite people/,
      set: () =>
        getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, coOwner.userId)).run(),
    },
  ];

  it.each(states)('$name: refused with a clear message on both paths', async ({ set, message }) => {
    const first = await createInvite({ actor: coOwner, workspaceId: ws, role: 'owner', expiresInDays: 7 });
    const second = await createInvite({ actor: coOwner, workspaceId: ws, role: 'owner', expiresInDays: 7 });
    set();
    expect(await previewInvite({ token: first.token })).toMatchObject({
      refusal: expect.stringMatching(message),
    });
    const outsider = await makeUser();
    // Signed in, the form has no token field: the message is the form's own.
    await expect(acceptInvite({ actor: outsider, token: first.token })).rejects.toMatchObject({
      code: 'invalid:invite',
      message: expect.stringMatching(message),
      field: undefined,
    });
    await expect(
      registerUser({
        email: 'late@example.org',
        name: 'Late',
        password: 'a long enough password',
        inviteToken: second.token,
      }),
    ).rejects.toMatchObject({
      code: 'invalid:invite',
      message: expect.stringMatching(message),
      field: 'inviteToken',
    });
    expect(getDb().select().from(users).where(eq(users.email, 'late@example.org')).get()).toBeUndefined();
  });

  it('an invite whose creator still owns the workspace works, and previews without a refusal', async () => {
    const invite = await createInvite({ actor: coOwner, workspaceId: ws, role: 'editor', expiresInDays: 7 });
    expect(await previewInvite({ token: invite.token })).toMatchObject({ role: 'editor', refusal: null });
    const joined = await makeUser();
    await acceptInvite({ actor: joined, token: invite.token });
    expect((await getWorkspace({ actor: joined, workspaceId: ws })).role).toBe('editor');
  });
});
