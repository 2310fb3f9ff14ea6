/**
 * Each claim's passages as the evidence table shows and sorts them, kept on the claim (see the
 * schema: `claims.passage_key`, `passage_count`, `document_key`, `anchor_key`, `first_document`),
 * so that a sort or a grouping by passage, document or anchor state reads no passage at all: at
 * 100,000 claims, computing them for every claim in scope took 400–870 ms per page.
 *
 * Only passages on documents not in the trash count, as in the table's cells. Kept by the writes
 * that change them, inside their transactions, by computing the claim's values again from its
 * passages (a handful of rows):
 * - every claim write (./live `claimWrite`: a claim made, a passage added, re-attached, removed,
 *   accepted or relocated), for the claims it touches;
 * - a new revision's re-anchoring (./reanchor `applyReanchor`: statuses and scores), for the claims
 *   anchored on the document;
 * - a document renamed, moved to the trash, back, or purged (./documents), likewise.
 * db/queries/passage-keys.test.ts checks the kept values against the passages after each of them,
 * on both engines.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../store';
import { anchors, claims } from '../schema';
import { inIds, orderedConcat, twoDecimals } from '../dialect';

/** A column written with its table: in an UPDATE of one table Drizzle would write it alone. */
const col = (table: string, column: string) => sql`${sql.identifier(table)}.${sql.identifier(column)}`;

const CLAIM_ID = col('claims', 'id');
const A = (column: string) => col('anchors', column);
const D = (column: string) => col('documents', column);

/** The passages of the claim of the outer statement on documents not in the trash. */
const livePassages = sql`${sql.identifier('anchors')} inner join ${sql.identifier('documents')} on ${D('id')} = ${A('document_id')} and ${D('deleted_at')} is null where ${A('claim_id')} = ${CLAIM_ID}`;

/** The first passage's `value` (by age, then id), or null without a passage. */
const ofFirst = (value: SQL) =>
  sql`(select ${value} from ${livePassages} order by ${A('created_at')}, ${A('id')} limit 1)`;

/**
 * The kept values of the claim of the outer statement (`claims`), as SQL: what an UPDATE of claims
 * sets them to.
 */
export const passageKeyValues = {
  /** The first passage's quote: the cell shows “first quote” (+n). */
  passageKey: sql<string | null>`${ofFirst(A('exact'))}`,
  /** How many passages. */
  passageCount: sql<number>`(select count(*) from ${livePassages})`,
  /** The passages' documents' titles, each once, in the order of their first passage, one per line. */
  documentKey: sql<
    string | null
  >`(select ${orderedConcat(sql`title`, '\n', sql`first_at, title`)} from (select ${D('title')} as title, min(${A('created_at')}) as first_at from ${livePassages} group by ${D('title')}) as titles)`,
  /** Each passage's anchor state ("exact", "fuzzy (0.88)", "orphaned"), by age, joined with ", ". */
  anchorKey: sql<string | null>`(select ${orderedConcat(
    sql`(case when ${A('status')} = 'fuzzy' then 'fuzzy (' || ${twoDecimals(A('score'))} || ')' else ${A('status')} end)`,
    ', ',
    sql`${A('created_at')}, ${A('id')}`,
  )} from ${livePassages})`,
  /** The first passage's document's title: the claim's group when grouped by document. */
  firstDocument: sql<string | null>`${ofFirst(D('title'))}`,
};

/** Computes again the kept passage values of these claims. */
export async function keepPassageKeys(tx: Tx, claimIds: readonly string[]): Promise<void> {
  if (claimIds.length === 0) return;
  await tx
    .update(claims)
    .set(passageKeyValues)
    .where(inIds(CLAIM_ID, [...new Set(claimIds)]));
}

/** Computes again the kept passage values of every claim with a passage on the document. */
export async function keepDocumentPassageKeys(tx: Tx, documentId: string): Promise<void> {
  await keepPassageKeys(tx, await claimsOnDocument(tx, documentId));
}

/** The claims with a passage on the document (trashed claims too: they may come back). */
export async function claimsOnDocument(tx: Tx, documentId: string): Promise<string[]> {
  return (
    await tx
      .selectDistinct({ claimId: anchors.claimId })
      .from(anchors)
      .where(eq(anchors.documentId, documentId))
  ).map((r) => r.claimId);
}

/**
 * Computes again every claim's kept passage values (as the migration that added them did): for
 * data loaded around the data layer (the benches' bulk loaders) and for tests.
 */
export async function keepAllPassageKeys(tx: Tx): Promise<void> {
  await tx.update(claims).set(passageKeyValues);
}
