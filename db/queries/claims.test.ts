import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  claimFieldsSchema,
  evidenceFieldsSchema,
  sourceFieldsSchema,
  assessmentFieldsSchema,
} from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import type { Role } from '@/lib/permissions';
import { auditEvents, claims, sourceRatings } from '../schema';
import type { Store, Tx } from '../store';
import { freshStore, makeUser, makeWorkspace, migrationStatement } from '../testing';
import type { Actor } from './access';
import { saveMyAssessment } from './assessments';
import { getClaimDetail, listDocumentClaims } from './claim-views';
import { listClaimTypes } from './claim-types';
import {
  addAppearance,
  createClaim,
  reattachAnchor,
  recountAllTagsKeys,
  restoreClaim,
  trashClaim,
  updateClaim,
} from './claims';
import { importDocument, listDocuments } from './documents';
import { addEvidence, updateEvidence } from './evidence';
import { acceptInvite, createInvite } from './invites';
import { addRevision, getRevision } from './revisions';
import { getSource, listSources, updateSource } from './sources';

const TEXT = [
  'In October 2020 the authorities in Bamako released a large group of detainees.',
  'Most counts put the number at 206, although one ministry figure was lower.',
  'One outlet said the ransom was 10 million euros; another put the ransom at 2.5 million euros.',
  'Nobody who negotiated the deal has described it on the record.',
].join('\n\n');

let store: Store;
let owner: Actor;
let ws: string;
let doc: { id: string; revisionId: string; text: string };

async function member(role: Role): Promise<Actor> {
  const user = await makeUser(store);
  const invite = await createInvite(store, { actor: owner, workspaceId: ws, role, expiresInDays: 1 });
  await acceptInvite(store, { actor: user, token: invite.token });
  return user;
}

const fields = (over: Record<string, unknown> = {}) =>
  claimFieldsSchema.parse({
    statement: 'Mali released 206 prisoners',
    typeId: typeIds[0],
    kind: 'reported',
    ...over,
  });
let typeIds: string[] = [];

const passageOf = (quote: string, d = doc) => {
  const start = d.text.indexOf(quote);
  return { documentId: d.id, revisionId: d.revisionId, start, end: start + quote.length };
};

beforeEach(async () => {
  store = await freshStore();
  owner = await makeUser(store, { name: 'Awa' });
  ws = await makeWorkspace(store, owner);
  typeIds = (await listClaimTypes(store, { actor: owner, workspaceId: ws })).map((t) => t.id);
  const converted = await convertToDocument('text', TEXT);
  const imported = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'Brief' }),
    format: 'text',
    converted,
  });
  doc = { id: imported.id, revisionId: imported.currentRevisionId, text: converted.text };
});

describe('claims', () => {
  it('are made from a passage, with type, tags, quantity and topic, and read back', async () => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields({
        tags: 'prisoners, Mali, prisoners',
        amount: '206',
        unit: 'persons',
        topicQuestion: 'How many prisoners were released?',
      }),
    });
    const detail = await getClaimDetail(store, { actor: owner, claimId });
    expect(detail).toMatchObject({
      statement: 'Mali released 206 prisoners',
      typeName: 'Event',
      kindLabel: 'reported information',
      tags: ['Mali', 'prisoners'],
      quantity: '206 persons',
      topic: 'How many prisoners were released?',
      version: 1,
    });
    expect(detail.anchors).toEqual([
      expect.objectContaining({ exact: '206', status: 'exact', documentTitle: 'Brief' }),
    ]);
    expect((await listDocuments(store, { actor: owner, workspaceId: ws })).map((d) => d.claimCount)).toEqual([
      1,
    ]);
    const listed = await listDocumentClaims(store, { actor: owner, documentId: doc.id });
    expect(listed.map((c) => [c.statement, c.anchors[0]!.start])).toEqual([
      ['Mali released 206 prisoners', doc.text.indexOf('206')],
    ]);
  });

  it('keep their tags as the evidence table sorts them, through every write of the tags', async () => {
    const keyOf = async (id: string) =>
      (await store.db.select({ k: claims.tagsKey }).from(claims).where(eq(claims.id, id)))[0]!.k;
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields({ tags: 'prisoners, Mali, Bamako accord, prisoners' }),
    });
    expect(await keyOf(claimId)).toBe('Bamako accord, Mali, prisoners');
    const untagged = await createClaim(store, { actor: owner, passage: passageOf('206'), fields: fields() });
    expect(await keyOf(untagged.claimId)).toBeNull();

    let version = 1;
    for (const [tags, key] of [
      ['ransom', 'ransom'],
      ['', null],
      ['Niger, border, Niger', 'Niger, border'],
    ] as const) {
      ({ version } = await updateClaim(store, {
        actor: owner,
        claimId,
        expectedVersion: version,
        fields: fields({ tags }),
      }));
      expect(await keyOf(claimId), tags).toBe(key);
    }
    // A recount (for rows loaded around the data layer) and the migration's statement for existing
    // rows, on this engine, give the same values.
    const carry = migrationStatement(
      { sqlite: '0021_table_kept_values.sql', postgres: '0012_table_kept_values.sql' },
      'SET tags_key',
    );
    for (const recount of [
      (tx: Tx) => recountAllTagsKeys(tx),
      async (tx: Tx) => {
        await tx.run(sql.raw(carry));
      },
    ]) {
      await store.transaction((tx) => tx.update(claims).set({ tagsKey: 'stale' }));
      await store.transaction(recount);
      expect([await keyOf(claimId), await keyOf(untagged.claimId)]).toEqual(['Niger, border', null]);
    }
  });

  it('computes the quote on the server and trims white space from the selection', async () => {
    const start = doc.text.indexOf('206') - 1;
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: { ...passageOf('206'), start, end: start + 5 },
      fields: fields(),
    });
    expect((await getClaimDetail(store, { actor: owner, claimId })).anchors[0]!.exact).toBe('206,');
  });

  it('refuses a passage of an older revision, an unknown type, and a viewer', async () => {
    const viewer = await member('viewer');
    await expect(
      createClaim(store, { actor: viewer, passage: passageOf('206'), fields: fields() }),
    ).rejects.toMatchObject({ code: 'forbidden:workspace' });
    await expect(
      createClaim(store, { actor: owner, passage: passageOf('206'), fields: fields({ typeId: 'nope' }) }),
    ).rejects.toMatchObject({ code: 'invalid:claim', field: 'typeId' });
    await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.revisionId,
      format: 'text',
      converted: await convertToDocument('text', `${TEXT}\n\nMore.`),
    });
    await expect(
      createClaim(store, { actor: owner, passage: passageOf('206'), fields: fields() }),
    ).rejects.toMatchObject({ code: 'conflict:document' });
  });

  it('shares one topic between competing claims, and several passages for one claim', async () => {
    const a = await createClaim(store, {
      actor: owner,
      passage: passageOf('10 million euros'),
      fields: fields({ statement: 'The ransom was €10M', topicQuestion: 'How much ransom was paid?' }),
    });
    const b = await createClaim(store, {
      actor: owner,
      passage: passageOf('2.5 million euros'),
      fields: fields({ statement: 'The ransom was €2.5M', topicQuestion: 'how much ransom was paid?' }),
    });
    const [da, db] = await Promise.all([
      getClaimDetail(store, { actor: owner, claimId: a.claimId }),
      getClaimDetail(store, { actor: owner, claimId: b.claimId }),
    ]);
    expect(da.topicId).toBe(db.topicId);
    await addAppearance(store, {
      actor: owner,
      claimId: a.claimId,
      passage: passageOf('the ransom was 10 million'),
    });
    expect((await getClaimDetail(store, { actor: owner, claimId: a.claimId })).anchors).toHaveLength(2);
  });

  it('refuses an edit from a stale copy and shows the newer values', async () => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields(),
    });
    const editor = await member('editor');
    await updateClaim(store, {
      actor: editor,
      claimId,
      expectedVersion: 1,
      fields: fields({ statement: 'Mali released about 206 prisoners' }),
    });
    const stale = updateClaim(store, {
      actor: owner,
      claimId,
      expectedVersion: 1,
      fields: fields({ statement: 'Overwrite' }),
    });
    await expect(stale).rejects.toMatchObject({
      code: 'conflict:claim',
      message: expect.stringContaining('Mali released about 206 prisoners'),
      current: expect.objectContaining({ version: 2, statement: 'Mali released about 206 prisoners' }),
    });
    expect((await getClaimDetail(store, { actor: owner, claimId })).statement).toBe(
      'Mali released about 206 prisoners',
    );
  });

  it('goes to the trash and comes back', async () => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields(),
    });
    await trashClaim(store, { actor: owner, claimId });
    expect(await listDocumentClaims(store, { actor: owner, documentId: doc.id })).toEqual([]);
    await expect(getClaimDetail(store, { actor: owner, claimId })).rejects.toMatchObject({
      code: 'not_found:claim',
    });
    await restoreClaim(store, { actor: owner, claimId });
    expect(await listDocumentClaims(store, { actor: owner, documentId: doc.id })).toHaveLength(1);
  });

  it('is not found from another workspace', async () => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields(),
    });
    const outsider = await makeUser(store);
    await makeWorkspace(store, outsider, 'Elsewhere');
    await expect(getClaimDetail(store, { actor: outsider, claimId })).rejects.toMatchObject({
      code: 'not_found:claim',
    });
    await expect(
      updateClaim(store, { actor: outsider, claimId, expectedVersion: 1, fields: fields() }),
    ).rejects.toMatchObject({ code: 'not_found:claim' });
    await expect(listDocumentClaims(store, { actor: outsider, documentId: doc.id })).rejects.toMatchObject({
      code: 'not_found:document',
    });
  });
});

describe('sources, evidence and assessments', () => {
  it('links a new source as contradicting evidence, rated "C3", and records assessments', async () => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('10 million euros'),
      fields: fields({ statement: 'The ransom was €10M' }),
    });
    const source = sourceFieldsSchema.parse({ name: 'Desk notes', kind: 'outlet', reliability: 'C' });
    const { sourceId, evidenceId } = await addEvidence(store, {
      actor: owner,
      claimId,
      source: { create: source },
      fields: evidenceFieldsSchema.parse({
        stance: 'contradicts',
        credibility: '3',
        quote: 'the ransom was 2.5 million',
        accessedOn: '2020-10-12',
      }),
    });
    await saveMyAssessment(store, {
      actor: owner,
      claimId,
      fields: assessmentFieldsSchema.parse({
        likelihood: 'unlikely',
        confidence: 'moderate',
        rationale: 'Single outlet.',
      }),
      expectedVersion: null,
    });
    // The source's page lists the evidence that cites it, with its claim.
    expect((await getSource(store, { actor: owner, sourceId })).evidence).toMatchObject([
      {
        id: evidenceId,
        claimId,
        statement: 'The ransom was €10M',
        stance: 'contradicts',
        credibility: 3,
        quote: 'the ransom was 2.5 million',
      },
    ]);
    const analyst = await member('reviewer');
    await saveMyAssessment(store, {
      actor: analyst,
      claimId,
      fields: assessmentFieldsSchema.parse({
        likelihood: 'likely',
        confidence: 'low',
        rationale: 'Plausible.',
      }),
      expectedVersion: null,
    });
    const detail = await getClaimDetail(store, { actor: owner, claimId });
    expect(detail.evidence).toEqual([
      expect.objectContaining({
        sourceName: 'Desk notes',
        stance: 'contradicts',
        rating: 'C3',
        accessedOn: '2020-10-12',
      }),
    ]);
    expect(detail.assessments.find((a) => a.mine)).toMatchObject({
      userName: 'Awa',
      label: 'unlikely (20–45%) · moderate confidence',
    });
    expect(detail.assessments.find((a) => !a.mine)).toMatchObject({
      label: 'likely (55–80%) · low confidence',
    });
    expect(
      (await listSources(store, { actor: owner, workspaceId: ws, q: 'desk' })).map((s) => [
        s.name,
        s.evidenceCount,
      ]),
    ).toEqual([['Desk notes', 1]]);

    // A stale evidence edit and a stale assessment are refused.
    await updateEvidence(store, {
      actor: owner,
      evidenceId,
      expectedVersion: 1,
      fields: evidenceFieldsSchema.parse({ stance: 'qualifies', credibility: '4' }),
    });
    await expect(
      updateEvidence(store, {
        actor: owner,
        evidenceId,
        expectedVersion: 1,
        fields: evidenceFieldsSchema.parse({ stance: 'supports', credibility: '1' }),
      }),
    ).rejects.toMatchObject({ code: 'conflict:evidence' });
    await expect(
      saveMyAssessment(store, {
        actor: owner,
        claimId,
        fields: assessmentFieldsSchema.parse({
          likelihood: 'likely',
          confidence: 'high',
          rationale: 'Again.',
        }),
        expectedVersion: null,
      }),
    ).rejects.toMatchObject({ code: 'conflict:assessment' });

    // A rating change needs a reason and is kept in the history.
    await expect(
      updateSource(store, {
        actor: owner,
        sourceId,
        expectedVersion: 1,
        fields: { ...source, reliability: 'B' },
      }),
    ).rejects.toMatchObject({ field: 'reason' });
    await updateSource(store, {
      actor: owner,
      sourceId,
      expectedVersion: 1,
      fields: { ...source, reliability: 'B' },
      reason: 'Two scoops confirmed since.',
    });
    const history = await store.db.select().from(sourceRatings).where(eq(sourceRatings.sourceId, sourceId));
    expect(history.map((h) => [h.previous, h.reliability, h.reason])).toEqual([
      [null, 'C', 'Initial rating'],
      ['C', 'B', 'Two scoops confirmed since.'],
    ]);
    expect((await getClaimDetail(store, { actor: owner, claimId })).evidence[0]!.rating).toBe('B4');
    const actions = (await store.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'claim.create',
        'source.create',
        'evidence.create',
        'assessment.create',
        'evidence.update',
        'source.rate',
      ]),
    );
  });
});

describe('re-anchoring on a new revision', () => {
  it('keeps exact anchors, follows a changed quote (fuzzy) and orphans a deleted passage; an orphan can be re-attached', async () => {
    const a = await createClaim(store, {
      actor: owner,
      passage: passageOf('Most counts put the number at 206'),
      fields: fields(),
    });
    const b = await createClaim(store, {
      actor: owner,
      passage: passageOf('the authorities in Bamako released a large group of detainees'),
      fields: fields({ statement: 'A large group was released' }),
    });
    const c = await createClaim(store, {
      actor: owner,
      passage: passageOf('Nobody who negotiated the deal has described it on the record.'),
      fields: fields({ statement: 'No negotiator has spoken' }),
    });
    const edited = TEXT.replace('released a large group', 'released a very large group').replace(
      'Nobody who negotiated the deal has described it on the record.',
      'Later paragraph.',
    );
    const revision = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.revisionId,
      format: 'text',
      converted: await convertToDocument('text', edited),
    });
    expect(revision.anchors).toEqual({ exact: 1, fuzzy: 1, orphaned: 1 });
    const byClaim = new Map(
      (await listDocumentClaims(store, { actor: owner, documentId: doc.id })).map((x) => [
        x.id,
        x.anchors[0]!,
      ]),
    );
    const newText = (await getRevision(store, { actor: owner, documentId: doc.id })).canonicalText;
    expect(byClaim.get(a.claimId)).toMatchObject({ status: 'exact' });
    expect(newText.slice(byClaim.get(b.claimId)!.start!, byClaim.get(b.claimId)!.end!)).toBe(
      'the authorities in Bamako released a very large group of detainees',
    );
    expect(byClaim.get(b.claimId)!.status).toBe('fuzzy');
    expect(byClaim.get(c.claimId)).toMatchObject({ status: 'orphaned', start: null });

    const start = newText.indexOf('Later paragraph.');
    await reattachAnchor(store, {
      actor: owner,
      anchorId: byClaim.get(c.claimId)!.id,
      passage: { documentId: doc.id, revisionId: revision.id, start, end: start + 16 },
    });
    const after = (await listDocumentClaims(store, { actor: owner, documentId: doc.id })).find(
      (x) => x.id === c.claimId,
    )!;
    expect(after.anchors[0]).toMatchObject({ status: 'exact', start });
    expect((await getClaimDetail(store, { actor: owner, claimId: c.claimId })).anchors[0]).toMatchObject({
      exact: 'Later paragraph.',
    });
  });
});

describe('review fixes', () => {
  it('only owners (and, for a while, the member who moved it) restore trashed claims, evidence and sources', async () => {
    const editor = await member('editor');
    const { claimId } = await createClaim(store, {
      actor: editor,
      passage: passageOf('206'),
      fields: fields(),
    });
    const { evidenceId, sourceId } = await addEvidence(store, {
      actor: editor,
      claimId,
      source: { create: sourceFieldsSchema.parse({ name: 'Wire', kind: 'outlet', reliability: 'B' }) },
      fields: evidenceFieldsSchema.parse({ stance: 'supports', credibility: '2' }),
    });
    const { trashEvidence, restoreEvidence } = await import('./evidence');
    const { trashSource, restoreSource } = await import('./sources');
    await trashEvidence(store, { actor: editor, evidenceId });
    await trashSource(store, { actor: editor, sourceId });
    await trashClaim(store, { actor: editor, claimId });
    // Another editor may not (the one who moved it may undo that for a while: trash-undo.test.ts).
    await expect(restoreClaim(store, { actor: await member('editor'), claimId })).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });
    await expect(restoreSource(store, { actor: await member('editor'), sourceId })).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });
    await restoreClaim(store, { actor: owner, claimId });
    await expect(restoreEvidence(store, { actor: editor, evidenceId })).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });
    // Evidence of a source in the trash goes with it: the source comes back first.
    await expect(restoreEvidence(store, { actor: owner, evidenceId })).rejects.toMatchObject({
      code: 'conflict:evidence',
    });
    await restoreSource(store, { actor: owner, sourceId });
    await restoreEvidence(store, { actor: owner, evidenceId });
  });

  it('counts each piece of evidence once, whatever the number of passages', async () => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields(),
    });
    await addAppearance(store, { actor: owner, claimId, passage: passageOf('Most counts') });
    await addEvidence(store, {
      actor: owner,
      claimId,
      source: { create: sourceFieldsSchema.parse({ name: 'Wire', kind: 'outlet', reliability: 'B' }) },
      fields: evidenceFieldsSchema.parse({ stance: 'supports', credibility: '2' }),
    });
    expect((await listDocumentClaims(store, { actor: owner, documentId: doc.id }))[0]!.evidenceCount).toBe(1);
  });

  it('keeps an orphan orphaned when only the formatting changes', async () => {
    const a = await createClaim(store, {
      actor: owner,
      passage: passageOf('Nobody who negotiated the deal'),
      fields: fields(),
    });
    const r2 = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.revisionId,
      format: 'text',
      converted: await convertToDocument(
        'text',
        TEXT.replace(/Nobody who negotiated the deal has described it on the record\./, 'Gone.'),
      ),
    });
    expect(r2.anchors.orphaned).toBe(1);
    // Same text, different marks: a Markdown version with bold.
    const r3 = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: r2.id,
      format: 'markdown',
      converted: await convertToDocument(
        'markdown',
        TEXT.replace(/Nobody who negotiated the deal has described it on the record\./, '**Gone.**'),
      ),
    });
    expect(r3.anchors).toEqual({ exact: 0, fuzzy: 0, orphaned: 1 });
    const claim = (await listDocumentClaims(store, { actor: owner, documentId: doc.id })).find(
      (c) => c.id === a.claimId,
    )!;
    expect(claim.anchors[0]).toMatchObject({ status: 'orphaned', start: null });
  });
});
