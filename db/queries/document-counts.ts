/**
 * How many live claims have a passage in each document (`document_claim_counts`, see the schema):
 * kept by the writes that change it, inside their transactions, so that the documents list reads
 * at most 256 small rows per document however many claims the workspace holds.
 *
 * A claim counts once per document it has at least one passage in, while it is not in the trash.
 * The writes that change that, all in ./claims: making a claim (+1 in its document), a new passage
 * in a document it had none in (+1), removing its last passage in a document (−1), the claim to the
 * trash (−1 in each of its documents) and back (+1). Purging a document drops its rows (cascade);
 * re-anchoring and re-attaching keep a passage in its document. db/queries/document-counts.test.ts
 * checks the kept counts against a count of the anchors after each of those writes.
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../store';
import { anchors, claims, documentClaimCounts, documents } from '../schema';

/**
 * Buckets per document. With 16, ten analysts making claims in one document at once on PostgreSQL
 * (bench/processes.ts, 400 claims in a burst) wrote the same row often enough that 81 and 84
 * transactions were aborted and run again in two runs; with 256, 2 and 6 (2026-12-07).
 */
export const COUNT_BUCKETS = 256;

/** The bucket a claim counts in: the first two hex digits of its (random) id. */
export function bucketOf(claimId: string): number {
  const digits = Number.parseInt(claimId.slice(0, 2), 16);
  return Number.isNaN(digits) ? claimId.charCodeAt(0) % COUNT_BUCKETS || 0 : digits;
}

/** Adds `delta` to the claim's count in each of the documents (one row written per document). */
export async function countClaimIn(tx: Tx, claimId: string, documentIds: string[], delta: 1 | -1) {
  const bucket = bucketOf(claimId);
  for (const documentId of [...new Set(documentIds)].sort()) {
    await tx
      .insert(documentClaimCounts)
      .values({ documentId, bucket, claims: delta })
      .onConflictDoUpdate({
        target: [documentClaimCounts.documentId, documentClaimCounts.bucket],
        set: { claims: sql`${documentClaimCounts.claims} + ${delta}` },
      });
  }
}

/** The documents the claim has a passage in (leaving out the anchor `except`). */
export async function documentsOfClaim(tx: Db, claimId: string, except?: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ documentId: anchors.documentId })
    .from(anchors)
    .where(except ? and(eq(anchors.claimId, claimId), ne(anchors.id, except)) : eq(anchors.claimId, claimId));
  return rows.map((r) => r.documentId);
}

/** The live claims with a passage in the outer query's document: a subquery over its few rows. */
export const documentClaimCount = sql<number>`(select coalesce(sum(${documentClaimCounts.claims}), 0) from ${documentClaimCounts} where ${documentClaimCounts.documentId} = ${documents.id})`;

/**
 * Counts every document's claims again from the anchors (as the migration that added the table
 * did): for data loaded around the data layer (the bench's bulk loader) and for tests.
 */
export async function recountDocumentClaims(tx: Tx): Promise<void> {
  await tx.delete(documentClaimCounts);
  await tx.insert(documentClaimCounts).select(
    tx
      .select({
        documentId: anchors.documentId,
        bucket: sql<number>`0`.as('bucket'),
        claims: sql<number>`count(distinct ${anchors.claimId})`.as('claims'),
      })
      .from(anchors)
      .innerJoin(claims, eq(claims.id, anchors.claimId))
      .where(isNull(claims.deletedAt))
      .groupBy(anchors.documentId),
  );
}
