/**
 * Names across workspaces: exports tell namesakes apart among the workspace's members only;
 * members' emails are for owners; mentions never pick one of two namesakes by chance.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { memberships, users } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import type { Actor } from './access';
import { addComment, editComment, listComments, listMentionable } from './comments';
import { openExport } from './export';
import { listMembers, removeMember } from './members';
import { listNotifications } from './notifications';

// Our own briefing (not quoted from any outlet).
const BRIEFING = 'The ministry said 206 detainees were freed before the handover near the border.';

let team: Team;
let claimId: string;

beforeEach(async () => {
  team = await makeTeam('Awa Traoré');
  const doc = await team.document('Briefing', BRIEFING);
  claimId = await team.claim(team.owner, doc, '206 detainees', 'Bamako freed 206 detainees');
});

/** Someone on the instance, in no workspace of ours, whose id sorts before everyone's. */
async function outsider(name: string, id = '00000000-0000-4000-8000-000000000000') {
  await team.store.transaction((tx) =>
    tx.insert(users).values({ id, email: `${id}@elsewhere.example`, name, passwordHash: 'not-a-hash' }),
  );
}

/** Sets when a member joined (namesakes are numbered in that order). */
async function joinedAt(member: Actor, ms: number) {
  await team.store.transaction((tx) =>
    tx
      .update(memberships)
      .set({ createdAt: new Date(ms) })
      .where(and(eq(memberships.workspaceId, team.workspaceId), eq(memberships.userId, member.userId))),
  );
}

async function exportedNames(actor: Actor) {
  return openExport(team.store, { actor, workspaceId: team.workspaceId, baseUrl: '' }, async (data) => {
    const claims = [];
    for await (const c of data.claims()) claims.push(c);
    return { analysts: data.layout.analysts, claims };
  });
}

describe('exports', () => {
  it('do not number a member after a namesake elsewhere on the instance', async () => {
    await outsider('Ana Costa');
    await outsider('Awa Traoré', '00000000-0000-4000-8000-000000000001');
    const ana = await team.member('editor', 'Ana Costa');
    await team.assess(ana, claimId, 'likely');
    const { analysts, claims } = await exportedNames(team.owner);
    expect(analysts).toEqual(['Ana Costa']);
    expect(claims[0]!.author).toBe('Awa Traoré');
    expect(claims[0]!.assessments.map((a) => a.analyst)).toEqual(['Ana Costa']);
  });

  it('number the workspace’s namesakes in the order they joined, and mark a former member', async () => {
    const first = await team.member('editor', 'Ana Costa');
    const second = await team.member('editor', 'ana costa');
    const leaver = await team.member('editor', 'Ana Costa');
    await joinedAt(first, 1_000);
    await joinedAt(second, 2_000);
    for (const a of [second, first, leaver]) await team.assess(a, claimId, 'likely');
    await removeMember(team.store, { actor: leaver, workspaceId: team.workspaceId, userId: leaver.userId });
    const { analysts } = await exportedNames(team.owner);
    expect(analysts).toEqual(['Ana Costa', 'ana costa (2)', 'Ana Costa (former member)']);
  });
});

describe('member emails', () => {
  it.each([
    ['owner', true],
    ['reviewer', false],
    ['editor', false],
    ['viewer', false],
  ] as const)('a %s sees the others’ emails: %s', async (role, sees) => {
    const colleague = await team.member('editor', 'Bakary Diallo');
    const me = role === 'owner' ? team.owner : await team.member(role, 'Chidi Okafor');
    const members = await listMembers(team.store, { actor: me, workspaceId: team.workspaceId });
    const byId = new Map(members.map((m) => [m.userId, m.email]));
    expect(byId.get(colleague.userId)).toBe(sees ? colleague.email : null);
    expect(byId.get(me.userId)).toEqual(expect.stringContaining('@'));
  });
});

describe('mentions of namesakes', () => {
  let first: Actor;
  let second: Actor;
  let writer: Actor;
  beforeEach(async () => {
    first = await team.member('editor', 'Ana Costa');
    second = await team.member('editor', 'Ana Costa');
    writer = await team.member('reviewer', 'Rafael Mendes');
    await joinedAt(first, 1_000);
    await joinedAt(second, 2_000);
  });

  const mentionsOf = async (who: Actor) =>
    (await listNotifications(team.store, { actor: who })).filter((n) => n.kind === 'mention').length;

  it('the picker offers a distinct label for each namesake', async () => {
    const labels = (await listMentionable(team.store, { actor: writer, claimId })).map((m) => [
      m.id,
      m.label,
    ]);
    expect(labels).toEqual(
      expect.arrayContaining([
        [first.userId, 'Ana Costa (1)'],
        [second.userId, 'Ana Costa (2)'],
        [writer.userId, 'Rafael Mendes'],
      ]),
    );
  });

  it('a numbered label mentions that member only', async () => {
    await addComment(team.store, { actor: writer, claimId, body: 'Over to @Ana Costa (2): which ministry?' });
    expect([await mentionsOf(first), await mentionsOf(second)]).toEqual([0, 1]);
    const [thread] = (await listComments(team.store, { actor: writer, claimId })).threads;
    expect(thread!.html).toContain(`data-user-id="${second.userId}"`);
    expect(thread!.html).not.toContain(first.userId);
  });

  it('the bare shared name is refused with a clear message, and nobody is notified', async () => {
    await expect(
      addComment(team.store, { actor: writer, claimId, body: 'Over to @Ana Costa: which ministry?' }),
    ).rejects.toMatchObject({
      code: 'invalid:comment',
      message: expect.stringContaining('@Ana Costa (1)'),
    });
    expect([await mentionsOf(first), await mentionsOf(second)]).toEqual([0, 0]);
  });

  it('an edit is held to the same rule', async () => {
    const { commentId } = await addComment(team.store, {
      actor: writer,
      claimId,
      body: 'Over to @Ana Costa (1).',
    });
    await expect(
      editComment(team.store, { actor: writer, commentId, body: 'Over to @Ana Costa.', expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'invalid:comment' });
  });
});
