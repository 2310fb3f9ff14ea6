/**
 * The claims of each document as the documents list shows them, kept by the writes
 * (./document-counts): after every write that can change a count, the list says what a count of
 * the anchors says, and the migration's carry-over of existing data gives the same numbers.
 */
import { countDistinct, and, eq, isNull, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import type { Store } from '../store';
import { anchors, claims, documentClaimCounts } from '../schema';
import { makeTeam } from '../team-testing';
import { migrationStatement } from '../testing';
import type { Actor } from './access';
import { addAppearance, createClaim, removeAppearance, restoreClaim, trashClaim } from './claims';
import { bucketOf, COUNT_BUCKETS, recountDocumentClaims } from './document-counts';
import { listDocuments, purgeDocument, trashDocument } from './documents';

// Our own two dispatches on the same exchange.
const DISPATCH_A =
  'Bamako dispatch: officials said 206 prisoners were freed before the hostages crossed the border at dawn.';
const DISPATCH_B =
  'Gao dispatch: a local notable counted fewer than two hundred prisoners on the convoy that left on Thursday.';

let store: Store;
let owner: Actor;
let workspaceId: string;
let typeId: string;
const docs: Record<'a' | 'b', { id: string; revisionId: string; text: string }> = {} as never;

function passage(which: 'a' | 'b', quote: string) {
  const doc = docs[which];
  const start = doc.text.indexOf(quote);
  if (start < 0) throw new Error(`Not in dispatch ${which}: ${quote}`);
  return { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length };
}

async function claimOn(which: 'a' | 'b', quote: string, statement: string) {
  return createClaim(store, {
    actor: owner,
    passage: passage(which, quote),
    fields: claimFieldsSchema.parse({ statement, typeId, kind: 'reported' }),
  });
}

/** What the documents list shows, by document, and what a count of the anchors says. */
async function counts() {
  const listed = [
    ...(await listDocuments(store, { actor: owner, workspaceId })),
    ...(await listDocuments(store, { actor: owner, workspaceId, trashed: true })),
  ];
  const byList = Object.fromEntries(
    (['a', 'b'] as const).map((k) => [k, listed.find((d) => d.id === docs[k].id)?.claimCount ?? null]),
  );
  const counted = await store.db
    .select({ documentId: anchors.documentId, n: countDistinct(anchors.claimId) })
    .from(anchors)
    .innerJoin(claims, eq(claims.id, anchors.claimId))
    .where(isNull(claims.deletedAt))
    .groupBy(anchors.documentId);
  const byAnchors = Object.fromEntries(
    (['a', 'b'] as const).map((k) => [
      k,
      listed.some((d) => d.id === docs[k].id)
        ? Number(counted.find((c) => c.documentId === docs[k].id)?.n ?? 0)
        : null,
    ]),
  );
  expect(byList).toEqual(byAnchors);
  return byList;
}

beforeEach(async () => {
  const team = await makeTeam();
  ({ store, owner, workspaceId, typeId } = team);
  docs.a = await team.document('Bamako dispatch', DISPATCH_A);
  docs.b = await team.document('Gao dispatch', DISPATCH_B);
});

describe('the claims of each document, kept by the writes', () => {
  it('follow claims made, passages added and removed, the trash and a purged document', async () => {
    expect(await counts()).toEqual({ a: 0, b: 0 });
    const freed = await claimOn('a', '206 prisoners were freed', 'Bamako freed 206 prisoners');
    const dawn = await claimOn('a', 'crossed the border at dawn', 'The hostages crossed at dawn');
    expect(await counts()).toEqual({ a: 2, b: 0 });

    // A second passage in the same document: still one claim there. One in the other: +1 there.
    const again = await addAppearance(store, {
      actor: owner,
      claimId: freed.claimId,
      passage: passage('a', 'officials said'),
    });
    expect(await counts()).toEqual({ a: 2, b: 0 });
    const inGao = await addAppearance(store, {
      actor: owner,
      claimId: freed.claimId,
      passage: passage('b', 'fewer than two hundred prisoners'),
    });
    expect(await counts()).toEqual({ a: 2, b: 1 });

    // Removing one of two passages in a document keeps the claim there; the last one does not.
    await removeAppearance(store, { actor: owner, anchorId: again.anchorId });
    expect(await counts()).toEqual({ a: 2, b: 1 });
    await removeAppearance(store, { actor: owner, anchorId: inGao.anchorId });
    expect(await counts()).toEqual({ a: 2, b: 0 });
    await addAppearance(store, {
      actor: owner,
      claimId: freed.claimId,
      passage: passage('b', 'the convoy'),
    });

    // The trash: out of every document it is in, and back.
    await trashClaim(store, { actor: owner, claimId: freed.claimId });
    expect(await counts()).toEqual({ a: 1, b: 0 });
    await restoreClaim(store, { actor: owner, claimId: freed.claimId });
    expect(await counts()).toEqual({ a: 2, b: 1 });
    await trashClaim(store, { actor: owner, claimId: dawn.claimId });
    expect(await counts()).toEqual({ a: 1, b: 1 });

    // A purged document takes its rows; the claim stays counted in the other one.
    await trashDocument(store, { actor: owner, documentId: docs.b.id });
    expect(await counts()).toEqual({ a: 1, b: 1 });
    await purgeDocument(store, { actor: owner, documentId: docs.b.id });
    expect(await counts()).toEqual({ a: 1, b: null });
    expect(
      await store.db.select().from(documentClaimCounts).where(eq(documentClaimCounts.documentId, docs.b.id)),
    ).toEqual([]);
  });

  it('spread claims over the buckets by the first two digits of their id', () => {
    expect(COUNT_BUCKETS).toBe(256);
    expect(
      ['0a1b', '7f00', 'a000', 'F123', 'c0ffee', 'ff01', '7', 'zz', ''].map((id) => bucketOf(id)),
    ).toEqual([0x0a, 0x7f, 0xa0, 0xf1, 0xc0, 0xff, 7, 'z'.charCodeAt(0) % COUNT_BUCKETS, 0]);
  });

  it('are carried over from the anchors by the migration (and by a recount) with the same numbers', async () => {
    for (let i = 0; i < 5; i++) await claimOn('a', 'prisoners', `Claim ${i} on the prisoners`);
    const { claimId } = await claimOn('b', 'convoy', 'A convoy left on Thursday');
    await addAppearance(store, { actor: owner, claimId, passage: passage('a', 'hostages') });
    const trashed = await claimOn('b', 'Thursday', 'It left on Thursday');
    await trashClaim(store, { actor: owner, claimId: trashed.claimId });
    const kept = await counts();
    expect(kept).toEqual({ a: 6, b: 1 });

    // The migration's statement after the new table, on this engine, over the existing rows.
    const carry = migrationStatement(
      { sqlite: '0013_document_claim_counts.sql', postgres: '0004_document_claim_counts.sql' },
      'INSERT INTO',
    );
    await store.transaction(async (tx) => {
      await tx.delete(documentClaimCounts);
      await tx.run(sql.raw(carry));
    });
    expect(await counts()).toEqual(kept);
    const rows = await store.db.select().from(documentClaimCounts);
    expect(rows.every((r) => r.bucket === 0)).toBe(true);

    await store.transaction(async (tx) => {
      await tx.delete(documentClaimCounts);
      await recountDocumentClaims(tx);
    });
    expect(await counts()).toEqual(kept);
    // Writes go on from the carried-over counts.
    await trashClaim(store, { actor: owner, claimId });
    expect(await counts()).toEqual({ a: 5, b: 0 });
    expect(
      (
        await store.db
          .select({ n: sql<number>`count(*)` })
          .from(documentClaimCounts)
          .where(and(eq(documentClaimCounts.documentId, docs.a.id)))
      )[0]!.n,
    ).toBeGreaterThanOrEqual(1);
  });
});
