import { beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import type { Role } from '@/lib/permissions';
import { auditEvents, claims, topics } from '../schema';
import type { Store } from '../store';
import { freshStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { getClaimDetail } from './claim-views';
import { listClaimTypes } from './claim-types';
import { createClaim, trashClaim } from './claims';
import { importDocument } from './documents';
import { acceptInvite, createInvite } from './invites';
import { deleteTopic, listWorkspaceTopics, mergeTopics, renameTopic } from './topics';

const TEXT = [
  'A weekly said the ransom was 10 million euros, paid in two instalments.',
  'A regional daily put the ransom at 2.5 million euros, citing a mediator.',
  'Officials in Bamako said 206 prisoners were released.',
].join('\n\n');

let store: Store;
let owner: Actor;
let ws: string;
let doc: { id: string; revisionId: string };
let typeId: string;

beforeEach(async () => {
  store = await freshStore();
  owner = await makeUser(store, { name: 'Awa' });
  ws = await makeWorkspace(store, owner);
  typeId = (await listClaimTypes(store, { actor: owner, workspaceId: ws }))[0]!.id;
  const converted = await convertToDocument('text', TEXT);
  const made = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'Ransom reports' }),
    format: 'text',
    converted,
  });
  doc = { id: made.id, revisionId: made.currentRevisionId! };
});

async function member(role: Role, name: string): Promise<Actor> {
  const user = await makeUser(store, { name });
  const invite = await createInvite(store, { actor: owner, workspaceId: ws, role, expiresInDays: 1 });
  await acceptInvite(store, { actor: user, token: invite.token });
  return user;
}

async function claim(quote: string, statement: string, topic: string, amount?: string) {
  const start = TEXT.indexOf(quote);
  const { claimId } = await createClaim(store, {
    actor: owner,
    passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length },
    fields: claimFieldsSchema.parse({
      statement,
      typeId,
      kind: 'reported',
      amount,
      unit: amount ? 'EUR' : undefined,
      topicQuestion: topic,
    }),
  });
  return claimId;
}

const topicOf = async (claimId: string) => (await getClaimDetail(store, { actor: owner, claimId })).topic;
const reasonsOf = async (claimId: string) =>
  (await getClaimDetail(store, { actor: owner, claimId })).review.reasons.map((r) => r.kind);

describe('one question, one topic', () => {
  it('joins a question spelled otherwise (case, punctuation, spacing, accents) to its topic', async () => {
    const ten = await claim('10 million euros', 'The ransom was €10M', 'How much ransom was paid?', '10m');
    const low = await claim('2.5 million euros', 'The ransom was €2.5M', 'how much ransom  was paid', '2.5m');
    expect(await topicOf(low)).toBe('How much ransom was paid?');
    expect(await store.db.select().from(topics)).toHaveLength(1);
    // In one topic, the two values compete.
    expect(await reasonsOf(ten)).toContain('competing_values');
    expect(await reasonsOf(low)).toContain('competing_values');
  });
});

describe('the Topics page: list, rename, merge, delete', () => {
  it('lists each topic with its claims, and the near-duplicates among them', async () => {
    await claim('10 million euros', 'The ransom was €10M', 'How much ransom was paid?', '10m');
    await claim('2.5 million euros', 'The ransom was €2.5M', 'How much ransome was paid', '2.5m');
    const prisoners = await claim(
      '206 prisoners',
      '206 prisoners were freed',
      'How many prisoners were released?',
    );
    await trashClaim(store, { actor: owner, claimId: prisoners });
    const list = await listWorkspaceTopics(store, { actor: owner, workspaceId: ws });
    expect(list.map((t) => [t.question, t.claims, t.withQuantity, t.similar.map((s) => s.question)])).toEqual(
      [
        ['How many prisoners were released?', 0, 0, []],
        ['How much ransom was paid?', 1, 1, ['How much ransome was paid']],
        ['How much ransome was paid', 1, 1, ['How much ransom was paid?']],
      ],
    );
  });

  it('merges two topics: the claims move, compete, and the first topic is gone (audited)', async () => {
    const ten = await claim('10 million euros', 'The ransom was €10M', 'How much ransom was paid?', '10m');
    const low = await claim('2.5 million euros', 'The ransom was €2.5M', 'What was the ransom?', '2.5m');
    expect(await reasonsOf(ten)).toEqual([]);
    const [from, into] = await Promise.all(
      ['What was the ransom?', 'How much ransom was paid?'].map(
        async (q) => (await store.db.select().from(topics)).find((t) => t.question === q)!.id,
      ),
    );
    expect(await mergeTopics(store, { actor: owner, fromId: from!, intoId: into! })).toEqual({
      id: into,
      moved: 1,
    });
    expect(await topicOf(low)).toBe('How much ransom was paid?');
    expect(await reasonsOf(ten)).toContain('competing_values');
    expect(await reasonsOf(low)).toContain('competing_values');
    expect((await store.db.select().from(topics)).map((t) => t.question)).toEqual([
      'How much ransom was paid?',
    ]);
    const merged = (await store.db.select().from(auditEvents)).find((e) => e.action === 'topic.merge');
    expect(merged?.details).toMatchObject({
      from: 'What was the ransom?',
      into: 'How much ransom was paid?',
      claims: 1,
    });
  });

  it('renames a topic, refusing another topic’s question however spelled', async () => {
    const ten = await claim('10 million euros', 'The ransom was €10M', 'How much ransom was paid?', '10m');
    await claim('206 prisoners', '206 prisoners were freed', 'How many prisoners were released?');
    const id = (await store.db.select().from(topics)).find((t) => t.question.startsWith('How much'))!.id;
    await expect(
      renameTopic(store, { actor: owner, topicId: id, question: 'how many prisoners were released' }),
    ).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('merge the two') });
    await expect(renameTopic(store, { actor: owner, topicId: id, question: ' ?! ' })).rejects.toMatchObject({
      kind: 'invalid',
      field: 'question',
    });
    await renameTopic(store, {
      actor: owner,
      topicId: id,
      question: '  How much ransom was paid,  in all? ',
    });
    expect(await topicOf(ten)).toBe('How much ransom was paid, in all?');
  });

  it('deletes only an empty topic', async () => {
    const ten = await claim('10 million euros', 'The ransom was €10M', 'How much ransom was paid?', '10m');
    const id = (await store.db.select().from(topics))[0]!.id;
    await trashClaim(store, { actor: owner, claimId: ten });
    await expect(deleteTopic(store, { actor: owner, topicId: id })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('1 claim answers this topic (trashed ones included)'),
    });
    await store.db.delete(claims);
    await deleteTopic(store, { actor: owner, topicId: id });
    expect(await store.db.select().from(topics)).toEqual([]);
  });

  it('lets only owners manage topics; another workspace’s topic is not found', async () => {
    await claim('10 million euros', 'The ransom was €10M', 'How much ransom was paid?', '10m');
    const id = (await store.db.select().from(topics))[0]!.id;
    const editor = await member('editor', 'Bakary');
    const reviewer = await member('reviewer', 'Rita');
    for (const actor of [editor, reviewer]) {
      await expect(renameTopic(store, { actor, topicId: id, question: 'Another?' })).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(deleteTopic(store, { actor, topicId: id })).rejects.toMatchObject({ kind: 'forbidden' });
    }
    expect(await listWorkspaceTopics(store, { actor: editor, workspaceId: ws })).toHaveLength(1);
    const stranger = await makeUser(store, { name: 'Sam' });
    await makeWorkspace(store, stranger, 'Elsewhere');
    await expect(
      renameTopic(store, { actor: stranger, topicId: id, question: 'Mine?' }),
    ).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
