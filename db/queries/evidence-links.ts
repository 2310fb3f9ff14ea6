/**
 * Each claim's live evidence links (`claims.evidence_links`, see the schema): the links not in the
 * trash whose source is not in the trash either. The evidence table's row count is a sum of them
 * (a claim shows one row per live link, one without any), so it reads the claims in scope and
 * none of their evidence.
 *
 * With it, how many of those links have each stance (`claims.supports_links` and the others,
 * `STANCE_LINKS`): a filter by stance alone keeps the claims with some (`stanceScope`) and counts
 * their rows from them.
 *
 * Kept by the writes that change them, inside their transactions, by counting the claim's links
 * again (a handful of rows): a new link (./evidence `addEvidence`), a link's stance edited
 * (`updateEvidence`), a link to the trash and back (`setEvidenceTrashed`), and a source to the
 * trash and back (./sources), which counts again every claim that source is linked to, the trashed
 * claims too (they may come back). Any other edit of a link keeps its claim, source and stance.
 * db/queries/evidence-links.test.ts checks the kept numbers against a count of the evidence after
 * each of those writes, on both engines.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { STANCES, type Stance } from '@/lib/scales';
import type { Tx } from '../store';
import { claims, evidence } from '../schema';
import { inIds } from '../dialect';

const id = (table: string, column: string) => sql`${sql.identifier(table)}.${sql.identifier(column)}`;

/**
 * The live links of the claim in the outer statement (`claims`). Every column is written with its
 * table: in an UPDATE of one table Drizzle would write a column alone, and `deleted_at` is in both
 * tables of the subquery.
 */
const liveLinks = (stance?: Stance) =>
  sql<number>`(select count(*) from ${sql.identifier('evidence')} inner join ${sql.identifier('sources')} on ${id('sources', 'id')} = ${id('evidence', 'source_id')} where ${id('evidence', 'claim_id')} = ${id('claims', 'id')} and ${id('evidence', 'deleted_at')} is null and ${id('sources', 'deleted_at')} is null${stance ? sql` and ${id('evidence', 'stance')} = ${stance}` : sql``})`;

/** The field of `claims` that keeps how many live links have a stance (`supports_links`…). */
type StanceLinksKey = `${Stance}Links` & keyof typeof claims.$inferSelect;

/** The kept numbers, as SQL over the claim of the outer statement: what an UPDATE of claims sets. */
const keptLinks = {
  evidenceLinks: liveLinks(),
  ...(Object.fromEntries(STANCES.map((stance) => [`${stance}Links`, liveLinks(stance)])) as Record<
    StanceLinksKey,
    SQL<number>
  >),
};

/** The kept count of the claim's live links with this stance (`claims`, in a statement over it). */
export const stanceLinks = (stance: Stance) => id('claims', `${stance}_links`);

/** Counts again the live links of these claims. */
export async function recountEvidenceLinks(tx: Tx, claimIds: readonly string[]): Promise<void> {
  if (claimIds.length === 0) return;
  await tx
    .update(claims)
    .set(keptLinks)
    .where(inIds(id('claims', 'id'), [...new Set(claimIds)]));
}

/** Counts again the live links of every claim linked to the source (trashed claims too). */
export async function recountSourceLinks(tx: Tx, sourceId: string): Promise<void> {
  const linked = (
    await tx
      .selectDistinct({ claimId: evidence.claimId })
      .from(evidence)
      .where(eq(evidence.sourceId, sourceId))
  ).map((r) => r.claimId);
  await recountEvidenceLinks(tx, linked);
}

/**
 * Counts again every claim's live links (as the migration that added the column did): for data
 * loaded around the data layer (the benches' bulk loaders) and for tests.
 */
export async function recountAllEvidenceLinks(tx: Tx): Promise<void> {
  await tx.update(claims).set(keptLinks);
}
