/**
 * The Admiralty grid of a workspace: how many pieces of evidence carry each rating, the source's
 * reliability (A–F, as it is now) × the evidence's credibility (1–6). Counted as the evidence
 * table counts its rows: live evidence of a live source on a live claim of the workspace (the
 * trash applies), so a cell's count is the number of rows the table shows filtered to it.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { CREDIBILITY_CODES, RELIABILITY_CODES, type Credibility, type Reliability } from '@/lib/scales';
import type { Store } from '../store';
import { claims, evidence, sources } from '../schema';
import { authorize, type Actor } from './access';

export type AdmiraltyGrid = Record<Reliability, Record<Credibility, number>>;

export async function getAdmiraltyGrid(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
): Promise<{ grid: AdmiraltyGrid; total: number }> {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  const rows = await db
    .select({ reliability: sources.reliability, credibility: evidence.credibility, n: count() })
    .from(evidence)
    .innerJoin(sources, eq(sources.id, evidence.sourceId))
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .where(
      and(
        isNull(evidence.deletedAt),
        eq(sources.workspaceId, workspaceId),
        isNull(sources.deletedAt),
        eq(claims.workspaceId, workspaceId),
        isNull(claims.deletedAt),
      ),
    )
    .groupBy(sources.reliability, evidence.credibility);
  const grid = Object.fromEntries(
    RELIABILITY_CODES.map((r) => [r, Object.fromEntries(CREDIBILITY_CODES.map((c) => [c, 0]))]),
  ) as AdmiraltyGrid;
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    const cell = grid[row.reliability]?.[Number(row.credibility) as Credibility];
    if (cell === undefined) continue;
    grid[row.reliability][Number(row.credibility) as Credibility] = n;
    total += n;
  }
  return { grid, total };
}
