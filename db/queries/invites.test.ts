import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditEvents, invites, memberships, users } from '../schema';
import type { Store } from '../store';
import { first as firstRow } from '../store';
import { freshStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { registerUser, setUserDisabled } from './accounts';
import {
  acceptInvite,
  createInvite,
  listPendingInvites,
  previewInvite,
  reissueInvite,
  revokeInvite,
} from './invites';
import { changeMemberRole, removeMember } from './members';
import { getWorkspace } from './workspaces';

/**
 * Defect 5 of issue 11: an invite must not outlive its creator's right to invite. A creator who
 * is demoted, removed, leaves or is disabled loses their pending invites of that workspace at
 * once (audited), and acceptance checks the creator's right again.
 */
let store: Store;
let admin: Actor;
let founder: Actor;
let coOwner: Actor;
let ws: string;

async function joinAs(owner: Actor, role: 'owner' | 'editor' | 'viewer'): Promise<Actor> {
  const user = await makeUser(store, { name: `Joined as ${role}` });
  const invite = await createInvite(store, { actor: owner, workspaceId: ws, role, expiresInDays: 7 });
  await acceptInvite(store, { actor: user, token: invite.token });
  return user;
}

beforeEach(async () => {
  store = await freshStore();
  admin = await makeUser(store, { name: 'Administrator', isAdmin: true });
  founder = await makeUser(store, { name: 'Founder' });
  ws = await makeWorkspace(store, founder, 'Desk');
  coOwner = await joinAs(founder, 'owner');
});

/** The ways an owner loses the right to invite, done by someone else (or themselves). */
const losses: { name: string; reason: string; lose: () => Promise<void> }[] = [
  {
    name: 'demoted to editor',
    reason: 'creator_role_changed',
    lose: () =>
      changeMemberRole(store, { actor: founder, workspaceId: ws, userId: coOwner.userId, role: 'editor' }),
  },
  {
    name: 'removed',
    reason: 'creator_removed',
    lose: () => removeMember(store, { actor: founder, workspaceId: ws, userId: coOwner.userId }),
  },
  {
    name: 'leaving',
    reason: 'creator_left',
    lose: () => removeMember(store, { actor: coOwner, workspaceId: ws, userId: coOwner.userId }),
  },
  {
    name: 'disabled',
    reason: 'creator_disabled',
    lose: () => setUserDisabled(store, { actor: admin, userId: coOwner.userId, disabled: true }),
  },
];

describe('an owner who loses the right to invite', () => {
  it.each(losses)('$name: their pending invites are revoked and audited', async ({ lose, reason }) => {
    const theirs = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'owner',
      expiresInDays: 7,
    });
    const founders = await createInvite(store, {
      actor: founder,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 7,
    });
    await lose();
    expect((await listPendingInvites(store, { actor: founder, workspaceId: ws })).map((i) => i.id)).toEqual([
      founders.inviteId,
    ]);
    const row = await firstRow(
      store.db.select().from(invites).where(eq(invites.id, theirs.inviteId)).limit(1),
    );
    expect(row?.revokedAt).toBeInstanceOf(Date);
    const revocations = await store.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'invite.revoke'), eq(auditEvents.objectId, theirs.inviteId)));
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ workspaceId: ws, details: { reason } });
  });

  it.each(losses)('$name: their earlier invite cannot be used to sign up', async ({ lose }) => {
    const theirs = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'owner',
      expiresInDays: 7,
    });
    await lose();
    await expect(
      registerUser(store, {
        email: 'newcomer@example.org',
        name: 'Newcomer',
        password: 'a long enough password',
        inviteToken: theirs.token,
      }),
    ).rejects.toMatchObject({ code: 'invalid:invite' });
    expect(
      await firstRow(store.db.select().from(users).where(eq(users.email, 'newcomer@example.org')).limit(1)),
    ).toBeUndefined();
  });

  it.each(losses)('$name: their earlier invite cannot be accepted while signed in', async ({ lose }) => {
    const theirs = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'owner',
      expiresInDays: 7,
    });
    await lose();
    const outsider = await makeUser(store);
    await expect(acceptInvite(store, { actor: outsider, token: theirs.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
    await expect(getWorkspace(store, { actor: outsider, workspaceId: ws })).rejects.toMatchObject({
      code: 'not_found:workspace',
    });
  });

  it('cannot rejoin as owner with an invite made for themselves earlier', async () => {
    const comeback = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'owner',
      expiresInDays: 7,
    });
    await removeMember(store, { actor: founder, workspaceId: ws, userId: coOwner.userId });
    await expect(acceptInvite(store, { actor: coOwner, token: comeback.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
    await expect(getWorkspace(store, { actor: coOwner, workspaceId: ws })).rejects.toMatchObject({
      code: 'not_found:workspace',
    });
  });

  it('keeps invites of other workspaces they still own', async () => {
    const own = await makeWorkspace(store, coOwner, 'Their own desk');
    const kept = await createInvite(store, {
      actor: coOwner,
      workspaceId: own,
      role: 'editor',
      expiresInDays: 7,
    });
    await removeMember(store, { actor: founder, workspaceId: ws, userId: coOwner.userId });
    expect((await listPendingInvites(store, { actor: coOwner, workspaceId: own })).map((i) => i.id)).toEqual([
      kept.inviteId,
    ]);
  });

  it('keeps their invites when the new role still allows inviting', async () => {
    const editor = await joinAs(founder, 'editor');
    const theirs = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 7,
    });
    await changeMemberRole(store, { actor: founder, workspaceId: ws, userId: editor.userId, role: 'viewer' });
    const joined = await makeUser(store);
    await acceptInvite(store, { actor: joined, token: theirs.token });
    expect((await getWorkspace(store, { actor: joined, workspaceId: ws })).role).toBe('viewer');
  });
});

describe('acceptance checks the creator again', () => {
  /** States reached without the revoking paths (older data, direct edits): the check still holds. */
  const states: { name: string; message: RegExp; set: () => Promise<void> }[] = [
    {
      name: 'creator no longer owner',
      message: /no longer invite people/,
      set: () =>
        store.transaction(async (tx) => {
          await tx
            .update(memberships)
            .set({ role: 'editor' })
            .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, coOwner.userId)));
        }),
    },
    {
      name: 'creator no longer a member',
      message: /no longer invite people/,
      set: () =>
        store.transaction(async (tx) => {
          await tx
            .delete(memberships)
            .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, coOwner.userId)));
        }),
    },
    {
      name: 'creator disabled',
      message: /no longer invite people/,
      set: () =>
        store.transaction(async (tx) => {
          await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, coOwner.userId));
        }),
    },
  ];

  it.each(states)('$name: refused with a clear message on both paths', async ({ set, message }) => {
    const first = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'owner',
      expiresInDays: 7,
    });
    const second = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'owner',
      expiresInDays: 7,
    });
    await set();
    expect(await previewInvite(store, { token: first.token })).toMatchObject({
      refusal: expect.stringMatching(message),
    });
    const outsider = await makeUser(store);
    // Signed in, the form has no token field: the message is the form's own.
    await expect(acceptInvite(store, { actor: outsider, token: first.token })).rejects.toMatchObject({
      code: 'invalid:invite',
      message: expect.stringMatching(message),
      field: undefined,
    });
    await expect(
      registerUser(store, {
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
    expect(
      await firstRow(store.db.select().from(users).where(eq(users.email, 'late@example.org')).limit(1)),
    ).toBeUndefined();
  });

  it('an invite whose creator still owns the workspace works, and previews without a refusal', async () => {
    const invite = await createInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      role: 'editor',
      expiresInDays: 7,
    });
    expect(await previewInvite(store, { token: invite.token })).toMatchObject({
      role: 'editor',
      refusal: null,
    });
    const joined = await makeUser(store);
    await acceptInvite(store, { actor: joined, token: invite.token });
    expect((await getWorkspace(store, { actor: joined, workspaceId: ws })).role).toBe('editor');
  });
});

describe('a new link for a pending invite', () => {
  it('replaces the token: the old link stops working, the new one joins with the same role and expiry', async () => {
    const invite = await createInvite(store, {
      actor: founder,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 3,
    });
    const renewed = await reissueInvite(store, {
      actor: coOwner,
      workspaceId: ws,
      inviteId: invite.inviteId,
    });
    expect(renewed.inviteId).toBe(invite.inviteId);
    expect(renewed.token).not.toBe(invite.token);
    expect(renewed.expiresAt.getTime()).toBe(invite.expiresAt.getTime());

    expect(await previewInvite(store, { token: invite.token })).toBeNull();
    expect(await previewInvite(store, { token: renewed.token })).toMatchObject({
      workspaceId: ws,
      role: 'viewer',
    });
    const late = await makeUser(store, { name: 'With the old link' });
    await expect(acceptInvite(store, { actor: late, token: invite.token })).rejects.toMatchObject({
      code: 'invalid:invite',
    });
    await expect(
      registerUser(store, {
        email: 'old-link@example.org',
        name: 'Old link',
        password: 'a long enough password',
        inviteToken: invite.token,
      }),
    ).rejects.toMatchObject({ code: 'invalid:invite' });

    const guest = await makeUser(store, { name: 'With the new link' });
    await acceptInvite(store, { actor: guest, token: renewed.token });
    const membership = await firstRow(
      store.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, ws), eq(memberships.userId, guest.userId)))
        .limit(1),
    );
    expect(membership?.role).toBe('viewer');
    // Still one invite: the same row, now used.
    expect(await listPendingInvites(store, { actor: founder, workspaceId: ws })).toEqual([]);

    const events = await store.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'invite.reissue'), eq(auditEvents.objectId, invite.inviteId)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      workspaceId: ws,
      actorUserId: coOwner.userId,
      details: { role: 'viewer' },
    });
  });

  it('is for members who may invite only', async () => {
    const invite = await createInvite(store, {
      actor: founder,
      workspaceId: ws,
      role: 'editor',
      expiresInDays: 7,
    });
    const editor = await joinAs(founder, 'editor');
    await expect(
      reissueInvite(store, { actor: editor, workspaceId: ws, inviteId: invite.inviteId }),
    ).rejects.toMatchObject({ code: 'forbidden:workspace' });
    const outsider = await makeUser(store);
    await expect(
      reissueInvite(store, { actor: outsider, workspaceId: ws, inviteId: invite.inviteId }),
    ).rejects.toMatchObject({ code: 'not_found:workspace' });
    // The refused attempts changed nothing: the first link still works.
    expect(await previewInvite(store, { token: invite.token })).not.toBeNull();
  });

  it('renews neither a used, a withdrawn nor another workspace’s invite', async () => {
    const used = await createInvite(store, {
      actor: founder,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 7,
    });
    await acceptInvite(store, { actor: await makeUser(store), token: used.token });
    const withdrawn = await createInvite(store, {
      actor: founder,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 7,
    });
    await revokeInvite(store, { actor: founder, workspaceId: ws, inviteId: withdrawn.inviteId });
    const elsewhere = await makeWorkspace(store, founder, 'Other desk');
    const theirs = await createInvite(store, {
      actor: founder,
      workspaceId: elsewhere,
      role: 'viewer',
      expiresInDays: 7,
    });
    for (const inviteId of [used.inviteId, withdrawn.inviteId, theirs.inviteId]) {
      await expect(reissueInvite(store, { actor: founder, workspaceId: ws, inviteId })).rejects.toMatchObject(
        {
          code: 'not_found:invite',
        },
      );
    }
    expect(await previewInvite(store, { token: theirs.token })).not.toBeNull();
  });

  it('renews no expired invite', async () => {
    const invite = await createInvite(store, {
      actor: founder,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 1,
    });
    await store.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.id, invite.inviteId));
    await expect(
      reissueInvite(store, { actor: founder, workspaceId: ws, inviteId: invite.inviteId }),
    ).rejects.toMatchObject({ code: 'not_found:invite' });
  });
});
