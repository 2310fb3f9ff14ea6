/**
 * The evidence table page: the same claims and rows as the exports (db/queries/export.ts, so the
 * table and its "export this view" agree), shaped for display, with the filters' choices. The
 * table is read from one snapshot, as an export is.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ExportClaim, ExportSource } from '@/lib/export/model';
import { evidenceRows } from '@/lib/export/rows';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import { displayRow, topRows, type ColumnKey } from '@/lib/export/table-view';
import type { Store } from '../store';
import { claims, claimTags, claimTypes, documents, memberships, sources, topics, users } from '../schema';
import { authorize, type Actor } from './access';
import { openExport, type SourceTouches } from './export';

/** The page shows this many rows at most; the exports carry everything. */
export const TABLE_ROW_LIMIT = 1000;

/** Evidence links (claim, stance, rating) listed per source in the source view; the count says how many in all. */
export const CLAIMS_PER_SOURCE = 50;

export async function getEvidenceTable(
  store: Store,
  {
    actor,
    workspaceId,
    filters,
    baseUrl,
    view = 'evidence',
    sort,
    dir = 'asc',
    limit = TABLE_ROW_LIMIT,
  }: {
    actor: Actor;
    workspaceId: string;
    filters: EvidenceTableFilters;
    baseUrl: string;
    /** Which view the page shows: only its data is read. */
    view?: 'evidence' | 'claims' | 'sources';
    /** The column the page is sorted by: the rows shown are the first of all rows in that order. */
    sort?: ColumnKey;
    dir?: 'asc' | 'desc';
    limit?: number;
  },
) {
  // One snapshot: the rows shown and the totals agree.
  return openExport(store, { actor, workspaceId, baseUrl, filters }, async (data) => {
    const shown = topRows(sort, dir, limit);
    const claimList: ExportClaim[] = [];
    // Only as many claims as the view shows are read; a sorted table reads them all (its first rows
    // may come from any claim). The totals come from SQL over every claim in scope.
    if (view === 'evidence') {
      let kept = 0;
      for await (const claim of data.claims()) {
        for (const row of evidenceRows(claim)) {
          shown.add(displayRow(row));
          kept++;
        }
        if (!sort && kept >= limit) break;
      }
    } else if (view === 'claims') {
      for await (const claim of data.claims()) {
        claimList.push(claim);
        if (claimList.length >= limit) break;
      }
    }
    // The source-centred view: each source with its rating history and the claims it touches.
    const touching: SourceTouches =
      view === 'sources' ? await data.sourceTouches(CLAIMS_PER_SOURCE) : new Map();
    const sourceView = data.sources
      .map((s: ExportSource) => {
        const t = touching.get(s.id);
        return { ...s, claims: t?.claims ?? [], linkCount: t?.count ?? 0 };
      })
      .filter((s) => s.linkCount > 0 || (!filters.source && !hasClaimFilters(filters)));
    return {
      rows: shown.rows(),
      claims: claimList,
      sources: sourceView,
      // The row count is a query over every claim in scope: only the evidence view shows it.
      totalRows: view === 'evidence' ? await data.rowCount() : 0,
      totalClaims: data.claimCount,
      analysts: data.layout.analysts,
    };
  });
}

const hasClaimFilters = (f: EvidenceTableFilters) => Object.values(f).some(Boolean);

/** What the filters can choose from. */
export async function getEvidenceTableFacets(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  return {
    types: await db
      .select({ id: claimTypes.id, name: claimTypes.name })
      .from(claimTypes)
      .where(eq(claimTypes.workspaceId, workspaceId))
      .orderBy(asc(claimTypes.position), asc(claimTypes.name)),
    topics: await db
      .select({ id: topics.id, name: topics.question })
      .from(topics)
      .where(eq(topics.workspaceId, workspaceId))
      .orderBy(asc(topics.question)),
    documents: await db
      .select({ id: documents.id, name: documents.title })
      .from(documents)
      .where(and(eq(documents.workspaceId, workspaceId), isNull(documents.deletedAt)))
      .orderBy(asc(documents.title)),
    sources: await db
      .select({ id: sources.id, name: sources.name })
      .from(sources)
      .where(and(eq(sources.workspaceId, workspaceId), isNull(sources.deletedAt)))
      .orderBy(asc(sources.name)),
    members: await db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(asc(users.name)),
    tags: (
      await db
        .selectDistinct({ tag: claimTags.tag })
        .from(claimTags)
        .innerJoin(claims, eq(claims.id, claimTags.claimId))
        .where(and(eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt)))
        .orderBy(asc(claimTags.tag))
    ).map((t) => t.tag),
  };
}
