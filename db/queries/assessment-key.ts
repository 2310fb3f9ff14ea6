/**
 * Each claim's place in the evidence table's "Likelihood · confidence" order, kept on the claim
 * (`claims.assessment_key`): the rank of its middle assessment, as lib/review/assessment-order.ts
 * defines it, or null without any. A sort by that column then reads no assessment: computing the
 * cell's text for every claim in scope took about 1.1 s per page at 100,000 claims.
 *
 * Kept by every claim write (./live `claimWrite`, for the claims it touches: an assessment
 * recorded or revised touches its claim), inside its transaction. db/queries/assessment-key.test.ts
 * checks it against lib/review/assessment-order.ts after each write, on both engines.
 */
import { sql, type SQL } from 'drizzle-orm';
import { CONFIDENCES, LIKELIHOOD_KEYS } from '@/lib/scales';
import type { Tx } from '../store';
import { claims } from '../schema';

const col = (table: string, column: string) => sql`${sql.identifier(table)}.${sql.identifier(column)}`;

/** `values[i]` → i, as SQL over `column`. */
const indexOf = (column: SQL, values: readonly string[]) =>
  sql`(case ${column} ${sql.join(
    values.map((v, i) => sql`when ${sql.raw(`'${v}'`)} then ${sql.raw(String(i))}`),
    sql` `,
  )} end)`;

/** One assessment's rank (lib/review/assessment-order `assessmentRank`), read through the alias `as`. */
const rank = (as: string) =>
  sql`(${indexOf(col(as, 'likelihood'), LIKELIHOOD_KEYS)} * 10 + ${indexOf(col(as, 'confidence'), CONFIDENCES)})`;

const of = (as: string) =>
  sql`${sql.identifier('assessments')} as ${sql.identifier(as)} where ${col(as, 'claim_id')} = ${col('claims', 'id')}`;

/**
 * The kept value of the claim of the outer statement (`claims`), as SQL: the smallest rank that at
 * least half of its assessments (rounded up) do not exceed — the lower middle one.
 */
export const assessmentKeyValue = sql<
  number | null
>`(select min(${rank('a1')}) from ${of('a1')} and (select count(*) from ${of('a2')} and ${rank('a2')} <= ${rank('a1')}) >= ((select count(*) from ${of('a3')}) + 1) / 2)`;

/**
 * Computes again every claim's kept value (as the migration that added it did): for data loaded
 * around the data layer (the benches' bulk loaders) and for tests.
 */
export async function keepAllAssessmentKeys(tx: Tx): Promise<void> {
  await tx.update(claims).set({ assessmentKey: assessmentKeyValue });
}
