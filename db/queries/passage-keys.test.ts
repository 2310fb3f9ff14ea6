/**
 * Each claim's passages as the evidence table sorts them, kept by the writes (./passage-keys):
 * after every write that can change them, the kept values equal what the passages say (computed
 * here from the rows), and the migration's carry-over of existing data gives the same values.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { twoDecimals } from '../dialect';
import { anchors, claims, documents } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import { migrationStatement } from '../testing';
import { addAppearance, reattachAnchor, removeAppearance } from './claims';
import { purgeDocument, restoreDocument, trashDocument, updateDocumentMetadata } from './documents';
import { acceptMatch, detachPassage } from './passage-review';
import { keepAllPassageKeys } from './passage-keys';
import { addRevision } from './revisions';

// Our own reports, and the claims made from them.
const BULLETIN =
  'Gao bulletin: the council said eleven hostages were freed at dawn, and the ransom was paid in cash by an intermediary.';
const NOTEBOOK =
  'Kidal notebook: witnesses saw a convoy of four trucks leave the town, and a mediator later confirmed the hostages were freed.';

type Doc = { id: string; revisionId: string; text: string };
interface Kept {
  passageKey: string | null;
  passageCount: number;
  documentKey: string | null;
  anchorKey: string | null;
  firstDocument: string | null;
}

let team: Team;
let bulletin: Doc;
let notebook: Doc;
let freed: string;
let convoy: string;

/** The kept values by claim, after checking every claim's against its passages. */
async function kept(): Promise<Record<'freed' | 'convoy', Kept>> {
  const db = team.store.db;
  const rows = await db
    .select({
      id: claims.id,
      passageKey: claims.passageKey,
      passageCount: claims.passageCount,
      documentKey: claims.documentKey,
      anchorKey: claims.anchorKey,
      firstDocument: claims.firstDocument,
    })
    .from(claims)
    .where(eq(claims.workspaceId, team.workspaceId));
  const passages = await db
    .select({
      claimId: anchors.claimId,
      exact: anchors.exact,
      status: anchors.status,
      score: twoDecimals(anchors.score),
      title: documents.title,
    })
    .from(anchors)
    .innerJoin(documents, and(eq(documents.id, anchors.documentId), isNull(documents.deletedAt)))
    .orderBy(anchors.createdAt, anchors.id);
  for (const { id, ...values } of rows) {
    const list = passages.filter((p) => p.claimId === id);
    expect(values, `claim ${id}`).toEqual({
      passageKey: list[0]?.exact ?? null,
      passageCount: list.length,
      documentKey: list.length ? [...new Set(list.map((p) => p.title))].join('\n') : null,
      anchorKey: list.length
        ? list.map((p) => (p.status === 'fuzzy' ? `fuzzy (${String(p.score)})` : p.status)).join(', ')
        : null,
      firstDocument: list[0]?.title ?? null,
    });
  }
  const of = (claimId: string) => {
    const { id: _, ...values } = rows.find((r) => r.id === claimId)!;
    return values;
  };
  return { freed: of(freed), convoy: of(convoy) };
}

const passageOf = (doc: Doc, quote: string) => {
  const start = doc.text.indexOf(quote);
  if (start < 0) throw new Error(`Not in the document: ${quote}`);
  return { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length };
};

async function anchorsOf(claimId: string) {
  return team.store.db
    .select()
    .from(anchors)
    .where(eq(anchors.claimId, claimId))
    .orderBy(anchors.createdAt, anchors.id);
}

const seen = (a: { revisionId: string; start: number | null; end: number | null }) => ({
  revisionId: a.revisionId,
  start: a.start!,
  end: a.end!,
});

const only = (passage: string, title: string, anchor = 'exact'): Kept => ({
  passageKey: passage,
  passageCount: 1,
  documentKey: title,
  anchorKey: anchor,
  firstDocument: title,
});
const NONE: Kept = {
  passageKey: null,
  passageCount: 0,
  documentKey: null,
  anchorKey: null,
  firstDocument: null,
};

beforeEach(async () => {
  team = await makeTeam();
  bulletin = await team.document('Gao bulletin', BULLETIN);
  notebook = await team.document('Kidal notebook', NOTEBOOK);
  freed = await team.claim(team.owner, bulletin, 'eleven hostages were freed', 'Eleven hostages were freed');
  convoy = await team.claim(
    team.owner,
    notebook,
    'a convoy of four trucks',
    'A convoy of four trucks left Kidal',
  );
});

describe("a claim's passages as the evidence table sorts them", () => {
  it('follow every write that changes them', async () => {
    expect(await kept()).toEqual({
      freed: only('eleven hostages were freed', 'Gao bulletin'),
      convoy: only('a convoy of four trucks', 'Kidal notebook'),
    });

    // A second passage, in the other document.
    await addAppearance(team.store, {
      actor: team.owner,
      claimId: freed,
      passage: passageOf(notebook, 'the hostages were freed'),
    });
    expect((await kept()).freed).toEqual({
      passageKey: 'eleven hostages were freed',
      passageCount: 2,
      documentKey: 'Gao bulletin\nKidal notebook',
      anchorKey: 'exact, exact',
      firstDocument: 'Gao bulletin',
    });

    // A new revision moves the first passage to a close match; accepting it makes it exact again.
    const revised = await addRevision(team.store, {
      actor: team.owner,
      documentId: bulletin.id,
      baseRevisionId: bulletin.revisionId,
      format: 'text',
      converted: await convertToDocument(
        'text',
        BULLETIN.replace('hostages were freed', 'hostages were all freed'),
      ),
    });
    expect(revised.anchors).toMatchObject({ fuzzy: 1 });
    const [first] = await anchorsOf(freed);
    expect((await kept()).freed.anchorKey).toBe(`fuzzy (${first!.score.toFixed(2)}), exact`);
    await acceptMatch(team.store, { actor: team.owner, anchorId: first!.id, seen: seen(first!) });
    expect((await kept()).freed).toMatchObject({
      passageKey: 'eleven hostages were all freed',
      anchorKey: 'exact, exact',
    });

    // Detached (orphaned), then re-attached elsewhere.
    const [place] = await anchorsOf(convoy);
    await detachPassage(team.store, { actor: team.owner, anchorId: place!.id, seen: seen(place!) });
    expect((await kept()).convoy).toEqual(only('a convoy of four trucks', 'Kidal notebook', 'orphaned'));
    await reattachAnchor(team.store, {
      actor: team.owner,
      anchorId: place!.id,
      passage: passageOf(notebook, 'four trucks leave the town'),
    });
    expect((await kept()).convoy).toEqual(only('four trucks leave the town', 'Kidal notebook'));

    // One passage removed.
    const [, second] = await anchorsOf(freed);
    await removeAppearance(team.store, { actor: team.owner, anchorId: second!.id });
    expect((await kept()).freed).toEqual(only('eleven hostages were all freed', 'Gao bulletin'));

    // A document renamed.
    const [row] = await team.store.db.select().from(documents).where(eq(documents.id, notebook.id));
    await updateDocumentMetadata(team.store, {
      actor: team.owner,
      documentId: notebook.id,
      expectedVersion: row!.version,
      metadata: documentMetadataSchema.parse({ title: 'Kidal field notebook' }),
    });
    expect((await kept()).convoy).toEqual(only('four trucks leave the town', 'Kidal field notebook'));

    // A document to the trash takes its passages; back, they are there again; purged, gone.
    await trashDocument(team.store, { actor: team.owner, documentId: bulletin.id });
    expect((await kept()).freed).toEqual(NONE);
    await restoreDocument(team.store, { actor: team.owner, documentId: bulletin.id });
    expect((await kept()).freed).toEqual(only('eleven hostages were all freed', 'Gao bulletin'));
    await trashDocument(team.store, { actor: team.owner, documentId: notebook.id });
    await purgeDocument(team.store, { actor: team.owner, documentId: notebook.id });
    expect(await kept()).toEqual({
      freed: only('eleven hostages were all freed', 'Gao bulletin'),
      convoy: NONE,
    });
  });

  it('are carried over by the migration (and by a recount) with the same values', async () => {
    await addAppearance(team.store, {
      actor: team.owner,
      claimId: convoy,
      passage: passageOf(bulletin, 'the ransom was paid in cash'),
    });
    const [place] = await anchorsOf(freed);
    await detachPassage(team.store, { actor: team.owner, anchorId: place!.id, seen: seen(place!) });
    const before = await kept();
    expect(before.convoy.documentKey).toBe('Kidal notebook\nGao bulletin');
    expect(before.freed.anchorKey).toBe('orphaned');

    const carry = migrationStatement(
      { sqlite: '0022_table_passage_keys.sql', postgres: '0013_table_passage_keys.sql' },
      'passage_key = (',
    );
    expect(carry).toMatch(/UPDATE claims SET/);
    const blank = () =>
      team.store.transaction((tx) =>
        tx.update(claims).set({
          passageKey: 'stale',
          passageCount: 9,
          documentKey: null,
          anchorKey: null,
          firstDocument: null,
        }),
      );
    await blank();
    await team.store.transaction(async (tx) => {
      await tx.run(sql.raw(carry));
    });
    expect(await kept()).toEqual(before);

    await blank();
    await team.store.transaction((tx) => keepAllPassageKeys(tx));
    expect(await kept()).toEqual(before);
  });
});
