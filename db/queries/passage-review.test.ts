/**
 * A revision's close matches: accepted (the passage quotes the new text, exact) or detached (the
 * passage is orphaned and keeps its last place), each audited, refused when the passage moved
 * since it was seen, and authorized by workspace.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { anchors, auditEvents } from '../schema';
import { first, type Store } from '../store';
import { freshStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { listClaimTypes } from './claim-types';
import { createClaim } from './claims';
import { importDocument } from './documents';
import { acceptInvite, createInvite } from './invites';
import { acceptMatch, detachPassage } from './passage-review';
import { addRevision, revisionPassages } from './revisions';

const TEXT = [
  'The mediator travelled from Gao to Kidal with two envoys of the transition authorities.',
  'Officials said the prisoners were released in three groups over two days, near the border.',
  'A regional outlet reported that a payment had been made, without naming its size.',
  'The talks resumed a week later in Algiers under the same mediator.',
].join('\n\n');

// One quote edited slightly (a close match), one changed a little differently, one paragraph gone.
const EDITED = [
  'The mediator travelled from Gao to Kidal with two envoys of the transition authorities.',
  'Officials said the hostages were released in three groups over two days, near the border.',
  'A regional outlet reported that a large payment had been made, without naming its size.',
].join('\n\n');

let store: Store;
let owner: Actor;
let ws: string;
let typeId: string;

beforeEach(async () => {
  store = await freshStore();
  owner = await makeUser(store, { name: 'Awa' });
  ws = await makeWorkspace(store, owner);
  typeId = (await listClaimTypes(store, { actor: owner, workspaceId: ws }))[0]!.id;
});

async function revisedDocument() {
  const converted = await convertToDocument('text', TEXT);
  const doc = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'Talks' }),
    format: 'text',
    converted,
  });
  const claimOn = async (quote: string, statement: string) => {
    const start = converted.text.indexOf(quote);
    const { anchorId } = await createClaim(store, {
      actor: owner,
      passage: { documentId: doc.id, revisionId: doc.currentRevisionId, start, end: start + quote.length },
      fields: claimFieldsSchema.parse({ statement, typeId, kind: 'reported' }),
    });
    return anchorId;
  };
  const kept = await claimOn('from Gao to Kidal', 'The mediator went to Kidal');
  const prisoners = await claimOn(
    'the prisoners were released in three groups over two days',
    'The prisoners were freed in three groups',
  );
  const payment = await claimOn('a payment had been made, without naming its size', 'A payment was made');
  const algiers = await claimOn('resumed a week later in Algiers', 'The talks resumed in Algiers');
  const revision = await addRevision(store, {
    actor: owner,
    documentId: doc.id,
    baseRevisionId: doc.currentRevisionId,
    format: 'text',
    converted: await convertToDocument('text', EDITED),
  });
  return { doc, revision, kept, prisoners, payment, algiers, oldRevisionId: doc.currentRevisionId };
}

const anchorRow = async (id: string) =>
  (await first(store.db.select().from(anchors).where(eq(anchors.id, id)).limit(1)))!;

const seenOf = async (id: string) => {
  const a = await anchorRow(id);
  return { revisionId: a.revisionId, start: a.start!, end: a.end! };
};

const auditOf = (action: string) =>
  store.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.workspaceId, ws)));

describe('the passages of a revision', () => {
  it('lists the close matches with their old quote and new text, and the orphans, with the counts at saving', async () => {
    const { doc, revision } = await revisedDocument();
    expect(revision.anchors).toEqual({ exact: 1, fuzzy: 2, orphaned: 1 });
    const summary = await revisionPassages(store, { actor: owner, documentId: doc.id, number: 2 });
    expect(summary.atSave).toEqual({ exact: 1, fuzzy: 2, orphaned: 1 });
    expect(summary.now).toEqual({ exact: 1, fuzzy: 2, orphaned: 1 });
    expect(summary.revision.current).toBe(true);
    expect(summary.fuzzy.map((p) => [p.statement, p.oldQuote, p.newText])).toEqual([
      [
        'The prisoners were freed in three groups',
        'the prisoners were released in three groups over two days',
        'the hostages were released in three groups over two days',
      ],
      [
        'A payment was made',
        'a payment had been made, without naming its size',
        'a large payment had been made, without naming its size',
      ],
    ]);
    expect(summary.orphaned.map((p) => [p.statement, p.oldQuote, p.newText])).toEqual([
      ['The talks resumed in Algiers', 'resumed a week later in Algiers', null],
    ]);
    const first = await revisionPassages(store, { actor: owner, documentId: doc.id, number: 1 });
    expect(first.atSave).toBeNull();
    expect(first.revision.current).toBe(false);
    expect(first.currentNumber).toBe(2);
    expect(first.fuzzy).toEqual([]);
  });

  it('accepting a match makes the passage quote the new text exactly, audited', async () => {
    const { doc, prisoners } = await revisedDocument();
    const result = await acceptMatch(store, {
      actor: owner,
      anchorId: prisoners,
      seen: await seenOf(prisoners),
    });
    expect(result.quote).toBe('the hostages were released in three groups over two days');
    const row = await anchorRow(prisoners);
    expect(row).toMatchObject({
      status: 'exact',
      score: 1,
      exact: 'the hostages were released in three groups over two days',
      prefix: 'on authorities.\n\nOfficials said ',
      suffix: ', near the border.\n\nA regional o',
    });
    const [event] = await auditOf('anchor.accept_match');
    expect(event?.details).toMatchObject({
      anchorId: prisoners,
      documentId: doc.id,
      from: 'the prisoners were released in three groups over two days',
      to: 'the hostages were released in three groups over two days',
    });
    const summary = await revisionPassages(store, { actor: owner, documentId: doc.id, number: 2 });
    expect(summary.fuzzy.map((p) => p.anchorId)).not.toContain(prisoners);
    expect(summary.now).toEqual({ exact: 2, fuzzy: 1, orphaned: 1 });
    // A second accept from the same (now stale) picture changes nothing.
    await expect(
      acceptMatch(store, { actor: owner, anchorId: prisoners, seen: await seenOf(prisoners) }),
    ).rejects.toMatchObject({ kind: 'conflict', message: 'This passage already matches its quote exactly.' });
    expect(await auditOf('anchor.accept_match')).toHaveLength(1);
  });

  it('detaching a passage orphans it and keeps its last place, audited', async () => {
    const { doc, payment, revision } = await revisedDocument();
    const seen = await seenOf(payment);
    await detachPassage(store, { actor: owner, anchorId: payment, seen });
    const row = await anchorRow(payment);
    expect(row).toMatchObject({
      status: 'orphaned',
      start: null,
      end: null,
      score: 0,
      exact: 'a payment had been made, without naming its size',
      heldRevisionId: revision.id,
      heldStart: seen.start,
      heldEnd: seen.end,
    });
    const [event] = await auditOf('anchor.detach');
    expect(event?.details).toMatchObject({ anchorId: payment, documentId: doc.id, previousStatus: 'fuzzy' });
    const summary = await revisionPassages(store, { actor: owner, documentId: doc.id, number: 2 });
    expect(summary.orphaned.map((p) => p.statement)).toEqual([
      'A payment was made',
      'The talks resumed in Algiers',
    ]);
    // Detached is detached: a second try, and an accept of it, are refused.
    await expect(detachPassage(store, { actor: owner, anchorId: payment, seen })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(acceptMatch(store, { actor: owner, anchorId: payment, seen })).rejects.toMatchObject({
      kind: 'conflict',
    });
  });

  it('refuses a passage that moved since it was seen, and changes nothing', async () => {
    const { doc, prisoners } = await revisedDocument();
    const seen = await seenOf(prisoners);
    // A newer revision moves the passage (a sentence inserted before it).
    await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: seen.revisionId,
      format: 'text',
      converted: await convertToDocument('text', `A new opening sentence.\n\n${EDITED}`),
    });
    const before = await anchorRow(prisoners);
    expect(before.status).toBe('fuzzy');
    await expect(acceptMatch(store, { actor: owner, anchorId: prisoners, seen })).rejects.toMatchObject({
      kind: 'conflict',
    });
    await expect(detachPassage(store, { actor: owner, anchorId: prisoners, seen })).rejects.toMatchObject({
      kind: 'conflict',
    });
    expect(await anchorRow(prisoners)).toEqual(before);
    expect(await auditOf('anchor.accept_match')).toHaveLength(0);
    // From where it is now, it can be accepted.
    await acceptMatch(store, { actor: owner, anchorId: prisoners, seen: await seenOf(prisoners) });
    expect((await anchorRow(prisoners)).status).toBe('exact');
  });

  it('a revision after an accept finds the accepted passage exactly', async () => {
    const { doc, prisoners } = await revisedDocument();
    await acceptMatch(store, { actor: owner, anchorId: prisoners, seen: await seenOf(prisoners) });
    const third = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: (await seenOf(prisoners)).revisionId,
      format: 'text',
      converted: await convertToDocument('text', `${EDITED}\n\nA closing line.`),
    });
    expect(third.anchors).toEqual({ exact: 2, fuzzy: 1, orphaned: 1 });
    expect((await anchorRow(prisoners)).status).toBe('exact');
  });
});

describe('who may accept or detach', () => {
  it('a viewer is refused, a member of another workspace is told the passage does not exist', async () => {
    const { prisoners } = await revisedDocument();
    const seen = await seenOf(prisoners);
    const viewer = await makeUser(store, { name: 'Vera' });
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'viewer',
      expiresInDays: 1,
    });
    await acceptInvite(store, { actor: viewer, token: invite.token });
    const outsider = await makeUser(store, { name: 'Bo' });
    await makeWorkspace(store, outsider, 'Other desk');
    for (const action of [acceptMatch, detachPassage]) {
      await expect(action(store, { actor: viewer, anchorId: prisoners, seen })).rejects.toMatchObject({
        kind: 'forbidden',
      });
      await expect(action(store, { actor: outsider, anchorId: prisoners, seen })).rejects.toMatchObject({
        kind: 'not_found',
      });
    }
    expect((await anchorRow(prisoners)).status).toBe('fuzzy');
    expect(await auditOf('anchor.detach')).toHaveLength(0);
  });
});
