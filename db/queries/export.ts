/**
 * Exports: the workspace (or one document, or the evidence table's current view) as the export
 * model of lib/export/model.ts. An export reads one snapshot of the data (`store.snapshot`): its
 * layout, its counts and every claim it streams agree, whatever is written meanwhile. The claims
 * in scope are found once, in export order, by one statement read through the snapshot's cursor
 * (../cursor `RowReader`), and their ids kept; then they are read in batches as the serializer
 * asks for them (prepared statements, raw rows), so a 100k-claim export holds the ids and one
 * batch of claims in memory, not the workspace. Blind assessments apply: a member who has not
 * assessed a claim exports only their own assessment of it.
 *
 * The trash applies inside the SQL, to what is exported and to every filter: a passage on a
 * document in the trash is neither exported nor matched (`q`, `document`, `anchor`), and a piece
 * of evidence whose source is in the trash is neither exported, counted nor matched (`source`,
 * `stance`, `credibility`, `reliability`), as if it were in the trash itself.
 */
import { and, asc, desc, eq, exists, inArray, isNull, max, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ExportAnchor, ExportClaim, ExportDecision, ExportSourceData } from '@/lib/export/model';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import type { ClaimKind, Confidence, Credibility, Likelihood, Reliability, Stance } from '@/lib/scales';
import { CONTESTED_REASON_LABELS } from '@/lib/review/contested';
import { canSeeOthersAssessments } from '@/lib/review/visibility';
import { memberLabels, nameKey } from '@/lib/member-names';
import { pagesOf, type PageRun } from '@/lib/documents/pages';
import { fieldPositions, type RawRow, type RowReader } from '../cursor';
import {
  containsText,
  equalsIgnoringCase,
  idList,
  idTable,
  inIds,
  jsonArrayEmpty,
  jsonArrayNotEmpty,
  nullsLast,
  unindexed,
} from '../dialect';
import { first, type Db, type Store } from '../store';
import {
  anchors,
  assessments,
  claims,
  claimTags,
  claimTypes,
  decisions,
  documentRevisions,
  documents,
  evidence,
  memberships,
  sourceRatings,
  sources,
  topics,
  users,
  workspaces,
  type StoredReason,
} from '../schema';
import { authorize, type Actor } from './access';
import { stanceLinks } from './evidence-links';
import { revisionPageRuns } from './revision-pages';

/**
 * Claims per batch: large enough that the six statements per batch cost little, small enough that
 * a batch is collected young. Measured on 100k claims (CSV, raw statements): 50 per batch 6.6 s,
 * 200 5.5 s and ~167 MB peak RSS, 500 ~230 MB, 1,000 6.1 s and ~300 MB. Through the snapshot's
 * row reader, 500 and 1,000 were again slower than 200, with 100–140 MB more.
 */
const BATCH = 200;
/** Ids per batch of the statement that finds the claims in scope (and of the layout's counts). */
const SCOPE_BATCH = 5_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');

/** The workspace's live documents: a passage on a document in the trash is not exported. */
const liveDocumentIds = (db: Db, workspaceId: string) =>
  db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.workspaceId, workspaceId), isNull(documents.deletedAt)));

/** The claims whose passage on a live document of the workspace matches `condition`. */
const withLivePassage = (db: Db, workspaceId: string, condition: SQL) =>
  db
    .select({ claimId: anchors.claimId })
    .from(anchors)
    .where(and(condition, inArray(anchors.documentId, liveDocumentIds(db, workspaceId))));

/**
 * The evidence an export carries: live, of a live source of the workspace (evidence of a source
 * in the trash goes with it), and matching the table's evidence filters. As SQL, for the scope (the
 * claims that have such evidence); the claims' own evidence, and the counts over it, apply the
 * same rules a batch at a time (see `batchEvidence`).
 */
export function evidenceConditions(db: Db, workspaceId: string, filters: EvidenceTableFilters): SQL {
  return and(
    isNull(evidence.deletedAt),
    inArray(
      unindexed(evidence.sourceId),
      db
        .select({ id: sources.id })
        .from(sources)
        .where(and(eq(sources.workspaceId, workspaceId), isNull(sources.deletedAt))),
    ),
    filters.source ? eq(evidence.sourceId, filters.source) : undefined,
    filters.stance ? eq(evidence.stance, filters.stance) : undefined,
    filters.credibility ? eq(evidence.credibility, Number(filters.credibility) as Credibility) : undefined,
    filters.reliability
      ? inArray(
          evidence.sourceId,
          db.select({ id: sources.id }).from(sources).where(eq(sources.reliability, filters.reliability)),
        )
      : undefined,
  )!;
}

/**
 * `evidenceConditions` for a batch's evidence, in two parts. The statement keeps the conditions on
 * columns that no index serves; those on the source (live, of the workspace, the `source` and
 * `reliability` filters) are checked on the workspace's live sources, read once per export.
 * Written in SQL they would let the planner reach the evidence through the source's index (every
 * piece of evidence of every source, for each batch) instead of through the batch's claims.
 */
function batchEvidence(
  filters: EvidenceTableFilters,
  liveSources: ReadonlyMap<string, { reliability: Reliability }>,
): { where: SQL; keep: (sourceId: string) => boolean } {
  return {
    where: and(
      isNull(evidence.deletedAt),
      filters.stance ? eq(evidence.stance, filters.stance) : undefined,
      filters.credibility ? eq(evidence.credibility, Number(filters.credibility) as Credibility) : undefined,
    )!,
    keep: (sourceId) => {
      const source = liveSources.get(sourceId);
      return (
        !!source &&
        (!filters.source || sourceId === filters.source) &&
        (!filters.reliability || source.reliability === filters.reliability)
      );
    },
  };
}

/** The condition on `claims` that selects the claims in scope (the workspace's, the filters'). */
/** Whether a filter bears on the evidence links (a claim is kept for its links that pass). */
export const hasEvidenceFilters = (filters: EvidenceTableFilters) =>
  Boolean(filters.source || filters.stance || filters.credibility || filters.reliability);

/** Whether the only filter on the evidence links is their stance (kept counts serve it). */
export const onlyStanceFilter = (filters: EvidenceTableFilters) =>
  Boolean(filters.stance && !filters.source && !filters.credibility && !filters.reliability);

export function claimScope(
  db: Db,
  workspaceId: string,
  filters: EvidenceTableFilters,
  viewer: { userId: string; seesAll: boolean },
): SQL {
  const conditions: (SQL | undefined)[] = [eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt)];
  if (filters.likelihood || filters.confidence) {
    // Only assessments this member may see count (blind assessments: their own, or all of a claim
    // they have assessed themselves).
    conditions.push(
      inArray(
        claims.id,
        db
          .select({ claimId: assessments.claimId })
          .from(assessments)
          .where(
            and(
              filters.likelihood ? eq(assessments.likelihood, filters.likelihood) : undefined,
              filters.confidence ? eq(assessments.confidence, filters.confidence) : undefined,
              viewer.seesAll ? undefined : visibleTo(db, viewer.userId),
            ),
          ),
      ),
    );
  }
  if (filters.document) {
    conditions.push(
      inArray(claims.id, withLivePassage(db, workspaceId, eq(anchors.documentId, filters.document))),
    );
  }
  if (filters.type) conditions.push(eq(claims.typeId, filters.type));
  if (filters.topic) conditions.push(eq(claims.topicId, filters.topic));
  if (filters.status) conditions.push(eq(claims.status, filters.status));
  if (filters.contested === 'yes') conditions.push(jsonArrayNotEmpty(claims.contested));
  if (filters.contested === 'no') conditions.push(jsonArrayEmpty(claims.contested));
  if (filters.tag) {
    conditions.push(
      inArray(
        claims.id,
        db
          .select({ claimId: claimTags.claimId })
          .from(claimTags)
          .where(equalsIgnoringCase(claimTags.tag, filters.tag)),
      ),
    );
  }
  if (filters.anchor) {
    conditions.push(inArray(claims.id, withLivePassage(db, workspaceId, eq(anchors.status, filters.anchor))));
  }
  if (filters.author) conditions.push(eq(claims.createdBy, filters.author));
  if (filters.reviewer === 'none') conditions.push(isNull(claims.reviewerId));
  else if (filters.reviewer) conditions.push(eq(claims.reviewerId, filters.reviewer));
  if (onlyStanceFilter(filters)) {
    // The claims with a live link of that stance: their kept count (./evidence-links).
    conditions.push(sql`${stanceLinks(filters.stance!)} > 0`);
  } else if (hasEvidenceFilters(filters)) {
    conditions.push(
      inArray(
        claims.id,
        db
          .select({ claimId: evidence.claimId })
          .from(evidence)
          .where(evidenceConditions(db, workspaceId, filters)),
      ),
    );
  }
  if (filters.q) {
    conditions.push(
      or(
        containsText(claims.statement, filters.q),
        inArray(claims.id, withLivePassage(db, workspaceId, containsText(anchors.exact, filters.q))),
      ),
    );
  }
  return and(...conditions)!;
}

/**
 * Under blind assessments, the assessments `userId` may see: their own, and all those of a claim
 * they assessed themselves.
 */
const visibleTo = (db: Db, userId: string) =>
  or(
    eq(assessments.userId, userId),
    inArray(
      assessments.claimId,
      db.select({ claimId: assessments.claimId }).from(assessments).where(eq(assessments.userId, userId)),
    ),
  );

/**
 * The ids of a batch of claims, as a table (`idTable`): the prepared statements that read a
 * batch's rows start from it, its ids bound at each run (`{ ids: idList(batch) }`).
 */
const IDS = sql.placeholder('ids');
const BATCH_IDS = idTable(IDS);

/**
 * The claims in scope, read once per export through the snapshot's cursor: their ids in export
 * order (by topic, claims without one last, then age: one statement, which also reads each claim's
 * kept count of passages on documents not in the trash, ./passage-keys), and, a batch of ids at a
 * time as they come, the rest of what the layout needs (the most tags of any claim, and every
 * analyst whose assessment will be exported: all of them, or under blind assessments this member
 * and those who assessed a claim this member assessed too). The filters are applied once, by
 * that one statement; the ids are kept (about 60 bytes each), not the claims.
 */
async function claimsInScope(
  db: Db,
  rows: RowReader,
  scope: SQL,
  viewer: { userId: string; seesAll: boolean },
): Promise<{ ids: string[]; maxTags: number; maxPassages: number; analystIds: Set<string> }> {
  const ordered = rows.prepare(
    db
      .select({ id: claims.id, passages: claims.passageCount })
      .from(claims)
      .leftJoin(topics, eq(topics.id, claims.topicId))
      .where(scope)
      .orderBy(...nullsLast(topics.question), asc(claims.createdAt), asc(claims.id)),
  );
  // The most tags of any claim of a batch, in SQL: one row, not one per claim.
  const { from, id: batchId, position } = BATCH_IDS;
  const tagsPerClaim = db
    .select({ n: sql<number>`count(*)`.as('n') })
    .from(from)
    .crossJoin(claimTags)
    .where(eq(claimTags.claimId, batchId))
    .groupBy(position)
    .as('per_claim');
  const mostTags = rows.prepare(db.select({ most: max(tagsPerClaim.n) }).from(tagsPerClaim));
  const mine = alias(assessments, 'mine');
  const analystsOf = rows.prepare(
    db
      .selectDistinct({ userId: assessments.userId })
      .from(from)
      .crossJoin(assessments)
      .where(
        and(
          eq(assessments.claimId, batchId),
          viewer.seesAll
            ? undefined
            : or(
                eq(assessments.userId, viewer.userId),
                exists(
                  db
                    .select({ one: sql`1` })
                    .from(mine)
                    .where(and(eq(mine.claimId, assessments.claimId), eq(mine.userId, viewer.userId))),
                ),
              ),
        ),
      ),
  );
  const ids: string[] = [];
  let maxTags = 0;
  let maxPassages = 0;
  const analystIds = new Set<string>();
  for await (const batch of ordered.batches(SCOPE_BATCH)) {
    const chunk = batch.map((r) => r[0] as string);
    for (const id of chunk) ids.push(id);
    for (const r of batch) maxPassages = Math.max(maxPassages, Number(r[1]));
    // Sorted (for the counts, any order will do): each statement then walks the indexes it reads
    // from one end to the other rather than hopping about, which measured up to a third faster.
    const values = { ids: idList(chunk.slice().sort()) };
    // A statement per turn of the event loop.
    maxTags = Math.max(maxTags, Number((await mostTags.rows(values))[0]?.[0] ?? 0));
    await nextTurn();
    for (const [userId] of await analystsOf.rows(values)) analystIds.add(userId as string);
  }
  return { ids, maxTags, maxPassages, analystIds };
}

/**
 * Display names that tell the workspace's namesakes apart ("Ana Costa", "Ana Costa (2)", numbered
 * in the order they joined: lib/member-names.ts), scoped to its members: nobody elsewhere on the
 * instance changes them. Someone no longer a member (an author, an analyst who left) keeps their
 * name, marked "(former member)" when a member has the same one. `load` reads the names of the
 * ids not met yet; `nameOf` answers for loaded ids (and null for an unknown one).
 */
async function workspaceNames(db: Db, workspaceId: string) {
  const members = await db
    .select({ id: users.id, name: users.name, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId));
  const labels = memberLabels(members);
  const memberKeys = new Set(members.map((m) => nameKey(m.name)));
  return {
    async load(ids: Iterable<string | null>): Promise<void> {
      const missing = [...new Set(ids)].filter((id): id is string => !!id && !labels.has(id));
      if (missing.length === 0) return;
      const found = new Map(
        (await db.select({ id: users.id, name: users.name }).from(users).where(inIds(users.id, missing))).map(
          (u) => [u.id, u.name],
        ),
      );
      for (const id of missing) {
        const name = found.get(id);
        labels.set(
          id,
          name === undefined ? '' : memberKeys.has(nameKey(name)) ? `${name} (former member)` : name,
        );
      }
    },
    nameOf(id: string | null): string | null {
      return id ? labels.get(id) || null : null;
    },
    /** Whether `id`'s name is loaded. */
    has(id: string): boolean {
      return labels.has(id);
    },
    /** Every name loaded so far, by id (the members' at least). */
    loaded(): Record<string, string> {
      return Object.fromEntries([...labels].filter(([, name]) => name));
    },
  };
}

type Names = Awaited<ReturnType<typeof workspaceNames>>;
type Source = typeof sources.$inferSelect;

/** A source's claims in the source-centred view: the first few in export order, and how many. */
export type SourceTouches = Map<
  string,
  { count: number; claims: { claimId: string; statement: string; stance: string; rating: string }[] }
>;

/** An export's data, with what the evidence table page needs over all the claims in scope. */
export type OpenedExport = ExportSourceData & {
  claimCount: number;
  /** The evidence table's rows (one per claim and evidence link, one for a claim without). */
  rowCount: () => Promise<number>;
  /** For each source, the claims its evidence touches, in export order (the first `perSource`). */
  sourceTouches: (perSource: number) => Promise<SourceTouches>;
};

/**
 * Opens an export and hands it to `use`, which reads it (serializes it, shows its first rows):
 * everything it reads comes from one snapshot of the database, held until `use` settles. The
 * export's claims(), rowCount() and sourceTouches() must be read before that: afterwards they fail.
 */
export async function openExport<T>(
  store: Store,
  params: {
    actor: Actor;
    workspaceId: string;
    baseUrl: string;
    filters?: EvidenceTableFilters;
  },
  use: (data: OpenedExport) => Promise<T>,
): Promise<T> {
  return store.snapshot(async (db, rows) => use(await readExport(db, rows, params)));
}

/** The export read through `db` and `rows`, one snapshot's handles (see `openExport`). */
/** The names of what the filters name by id (a type, a topic, a source, a member), in this workspace. */
async function scopeNames(db: Db, workspaceId: string, filters: EvidenceTableFilters) {
  const out: Record<string, string> = {};
  const one = async (key: string, query: Promise<{ name: string }[]>) => {
    const [row] = await query;
    if (row) out[key] = row.name;
  };
  if (filters.type)
    await one(
      'type',
      db
        .select({ name: claimTypes.name })
        .from(claimTypes)
        .where(and(eq(claimTypes.id, filters.type), eq(claimTypes.workspaceId, workspaceId))),
    );
  if (filters.topic)
    await one(
      'topic',
      db
        .select({ name: topics.question })
        .from(topics)
        .where(and(eq(topics.id, filters.topic), eq(topics.workspaceId, workspaceId))),
    );
  if (filters.source)
    await one(
      'source',
      db
        .select({ name: sources.name })
        .from(sources)
        .where(and(eq(sources.id, filters.source), eq(sources.workspaceId, workspaceId))),
    );
  if (filters.document)
    await one(
      'document',
      db
        .select({ name: documents.title })
        .from(documents)
        .where(and(eq(documents.id, filters.document), eq(documents.workspaceId, workspaceId))),
    );
  for (const key of ['author', 'reviewer'] as const) {
    const id = filters[key];
    if (id && id !== 'none')
      await one(key, db.select({ name: users.name }).from(users).where(eq(users.id, id)));
  }
  return out;
}

async function readExport(
  db: Db,
  rows: RowReader,
  {
    actor,
    workspaceId,
    baseUrl,
    filters = {},
  }: {
    actor: Actor;
    workspaceId: string;
    baseUrl: string;
    filters?: EvidenceTableFilters;
  },
): Promise<OpenedExport> {
  const role = await authorize(db, actor, workspaceId, 'workspace.export');
  const workspace = (await first(
    db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1),
  ))!;
  const me = await first(
    db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).limit(1),
  );
  const names = await workspaceNames(db, workspaceId);
  const { nameOf } = names;

  // Blind assessments: on some claims this member may see only their own assessment. Whether they
  // see the others' depends on their having assessed the claim, which each batch reads with the
  // claim's assessments.
  const sees = (hasOwnAssessment: boolean) =>
    canSeeOthersAssessments({ blind: workspace.blindAssessments, role, hasOwnAssessment });
  const seesAll = sees(false);
  const scope = claimScope(db, workspaceId, filters, { userId: actor.userId, seesAll });

  // The layout (columns) is fixed before streaming: the claims in scope are read once for it, in
  // export order, and their ids kept for the batches.
  const inScope = await claimsInScope(db, rows, scope, { userId: actor.userId, seesAll });
  const analystIds = [...inScope.analystIds];
  await names.load(analystIds);
  const pagedDocuments = await pdfDocumentIds(db, workspaceId, filters.document);
  const layout = {
    maxTags: inScope.maxTags,
    maxPassages: inScope.maxPassages,
    pages: pagedDocuments.size > 0,
    analysts: analystIds.map((id) => nameOf(id) ?? 'a former member').sort((a, b) => a.localeCompare(b)),
  };
  const claimCount = inScope.ids.length;

  const docRows = await db
    .select({ d: documents, number: documentRevisions.number })
    .from(documents)
    .leftJoin(documentRevisions, eq(documentRevisions.id, documents.currentRevisionId))
    .where(
      and(
        eq(documents.workspaceId, workspaceId),
        isNull(documents.deletedAt),
        filters.document ? eq(documents.id, filters.document) : undefined,
      ),
    )
    .orderBy(asc(documents.title));
  const context = {
    workspace: { id: workspace.id, name: workspace.name },
    baseUrl,
    exportedAt: new Date().toISOString(),
    exportedBy: me?.name ?? 'a member',
    scope: {
      ...(filters.document ? { documentId: filters.document } : {}),
      filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>,
      names: await scopeNames(db, workspaceId, filters),
    },
  };
  const { sourceRows, list: sourceList } = await liveSourceRows(db, workspaceId, names);
  const liveSources = new Map(sourceRows.map((s) => [s.id, s]));
  const documentTitles = new Map(
    (
      await db
        .select({ id: documents.id, title: documents.title })
        .from(documents)
        .where(and(eq(documents.workspaceId, workspaceId), isNull(documents.deletedAt)))
    ).map((d) => [d.id, d.title]),
  );
  const evidenceKept = batchEvidence(filters, liveSources);
  const inScopeReading: ScopeReading = { db, rows, ids: inScope.ids, evidence: evidenceKept };
  return {
    context,
    layout,
    documents: docRows.map(({ d, number }) => ({
      id: d.id,
      title: d.title,
      url: `${baseUrl}/w/${workspaceId}/documents/${d.id}`,
      sourceUrl: d.sourceUrl,
      author: d.author,
      publishedOn: d.publishedOn,
      revisionId: d.currentRevisionId ?? '',
      revisionNumber: number ?? 1,
    })),
    sources: sourceList,
    claims: () =>
      readClaims(db, rows, inScope.ids, {
        evidence: evidenceKept,
        sources: liveSources,
        documentTitles,
        pagedDocuments,
        db,
        names,
        sees,
        actorId: actor.userId,
      }),
    claimCount,
    rowCount: () => rowCount(inScopeReading),
    sourceTouches: (perSource) => sourceTouches(inScopeReading, liveSources, perSource),
  };
}

/** The workspace's live sources (by name), and each one's rating history (oldest first). */
async function liveSourceRows(db: Db, workspaceId: string, names: Names) {
  const { nameOf } = names;
  const ratings = await db
    .select({ r: sourceRatings })
    .from(sourceRatings)
    .innerJoin(sources, eq(sources.id, sourceRatings.sourceId))
    .where(eq(sources.workspaceId, workspaceId))
    .orderBy(asc(sourceRatings.id));
  await names.load(ratings.map((r) => r.r.changedBy));
  const ratingsBySource = new Map<string, ExportSourceData['sources'][number]['ratings']>();
  for (const r of ratings) {
    const list = ratingsBySource.get(r.r.sourceId) ?? [];
    list.push({
      reliability: r.r.reliability,
      previous: r.r.previous,
      reason: r.r.reason,
      changedBy: nameOf(r.r.changedBy),
      changedAt: iso(r.r.changedAt),
    });
    ratingsBySource.set(r.r.sourceId, list);
  }
  const sourceRows = await db
    .select()
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), isNull(sources.deletedAt)))
    .orderBy(asc(sources.name));
  const list: ExportSourceData['sources'] = sourceRows.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: s.url,
    description: s.description,
    reliability: s.reliability,
    ratings: ratingsBySource.get(s.id) ?? [],
    createdAt: iso(s.createdAt),
  }));
  return { sourceRows, list };
}

/**
 * What the evidence table page reads (db/queries/evidence-table.ts), which chooses the rows of a
 * page in SQL itself: the scope and evidence conditions the exports apply, and the claims of the
 * ids it chose, read as an export reads them (the same batch statements, the same claims).
 */
export interface TableReading {
  /** The condition on `claims` that selects the claims in scope (`claimScope`). */
  scope: SQL;
  /** The condition on `evidence` for the evidence carried (`evidenceConditions`). */
  evidence: SQL;
  /** Whether this member sees every assessment (workspace not blind, or a role that may not assess). */
  seesAll: boolean;
  /** The display names of the workspace's members (and those loaded since), by id. */
  names: () => Record<string, string>;
  /** The workspace's live sources, by name, with their ratings. */
  sources: ExportSourceData['sources'];
  /** The claims of these ids in their order (a claim gone since is left out). */
  claims: (ids: readonly string[]) => Promise<ExportClaim[]>;
  /**
   * For each source, how many evidence links of the claims in scope it has (`counts`, from SQL),
   * and the first `perSource` in export order; claims are read in export order only until every
   * source has its first ones.
   */
  sourceTouches: (perSource: number, counts: ReadonlyMap<string, number>) => Promise<SourceTouches>;
}

/** Reads what the evidence table page needs from one snapshot (`db`, `rows`): see `TableReading`. */
export async function openTableReading(
  db: Db,
  rows: RowReader,
  { actor, workspaceId, filters = {} }: { actor: Actor; workspaceId: string; filters?: EvidenceTableFilters },
): Promise<TableReading> {
  const role = await authorize(db, actor, workspaceId, 'workspace.export');
  const [workspace] = await db
    .select({ blind: workspaces.blindAssessments })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  const sees = (hasOwnAssessment: boolean) =>
    canSeeOthersAssessments({ blind: !!workspace?.blind, role, hasOwnAssessment });
  const seesAll = sees(false);
  const names = await workspaceNames(db, workspaceId);
  const { sourceRows, list } = await liveSourceRows(db, workspaceId, names);
  const liveSources = new Map(sourceRows.map((s) => [s.id, s]));
  const documentTitles = new Map(
    (
      await db
        .select({ id: documents.id, title: documents.title })
        .from(documents)
        .where(and(eq(documents.workspaceId, workspaceId), isNull(documents.deletedAt)))
    ).map((d) => [d.id, d.title]),
  );
  const pagedDocuments = await pdfDocumentIds(db, workspaceId);
  const evidenceKept = batchEvidence(filters, liveSources);
  const reading: ClaimReading = {
    evidence: evidenceKept,
    sources: liveSources,
    documentTitles,
    pagedDocuments,
    db,
    names,
    sees,
    actorId: actor.userId,
  };
  const scope = claimScope(db, workspaceId, filters, { userId: actor.userId, seesAll });
  return {
    scope,
    evidence: evidenceConditions(db, workspaceId, filters),
    seesAll,
    names: () => names.loaded(),
    sources: list,
    async claims(ids) {
      const out: ExportClaim[] = [];
      for await (const claim of readClaims(db, rows, ids, reading)) out.push(claim);
      return out;
    },
    async sourceTouches(perSource, counts) {
      const bySource: SourceTouches = new Map();
      // Sources whose first links are not all found yet.
      let open = [...counts.values()].filter((n) => n > 0).length;
      const scopeReading: ScopeReading = { db, rows, ids: [], evidence: evidenceKept };
      for await (const batch of claimsInExportOrder(db, rows, workspaceId, scope)) {
        if (open === 0) break;
        scopeReading.ids = batch;
        for await (const links of scopeLinks(scopeReading)) {
          for (const [claimId, sourceId, stance, credibility] of links) {
            let entry = bySource.get(sourceId);
            if (!entry) bySource.set(sourceId, (entry = { count: counts.get(sourceId) ?? 0, claims: [] }));
            if (entry.claims.length >= perSource) continue;
            entry.claims.push({
              claimId,
              statement: '',
              stance,
              rating: `${liveSources.get(sourceId)!.reliability}${credibility}`,
            });
            if (entry.claims.length === Math.min(perSource, entry.count)) open--;
          }
        }
      }
      await fillStatements(db, bySource);
      return bySource;
    },
  };
}

/** The most topics whose claims in scope are read in one statement by `claimsInExportOrder`. */
const TOPICS_PER_BATCH = 20;
/** The claims `claimsInExportOrder` hands on at a time: a reader may stop after any of them. */
const CLAIMS_PER_YIELD = 1_000;

/**
 * The ids of the claims in scope (`scope`) in export order, a batch at a time, read topic by
 * topic: the topics in the order of their questions (one topic per question in a workspace), one
 * at first, then twice as many each time up to `topicsPerBatch`, each batch's claims through the
 * index on their topic, handed on `CLAIMS_PER_YIELD` at a time; then the claims without a topic.
 * A reader that stops early (the by-source view, once each source has its first links) sorts only
 * the claims it reads, not every claim in scope.
 */
export async function* claimsInExportOrder(
  db: Db,
  rows: RowReader,
  workspaceId: string,
  scope: SQL,
  topicsPerBatch = TOPICS_PER_BATCH,
): AsyncGenerator<string[]> {
  const questions = await db
    .select({ id: topics.id, question: topics.question })
    .from(topics)
    .where(eq(topics.workspaceId, workspaceId))
    .orderBy(asc(topics.question));
  let size = 1;
  for (let i = 0; i < questions.length; size = Math.min(size * 2, topicsPerBatch)) {
    const end = Math.min(i + size, questions.length);
    const ids = await db
      .select({ id: claims.id })
      .from(claims)
      .innerJoin(topics, eq(topics.id, claims.topicId))
      .where(
        and(
          scope,
          inIds(
            claims.topicId,
            questions.slice(i, end).map((t) => t.id),
          ),
        ),
      )
      .orderBy(asc(topics.question), asc(claims.createdAt), asc(claims.id));
    i = end;
    for (let at = 0; at < ids.length; at += CLAIMS_PER_YIELD)
      yield ids.slice(at, at + CLAIMS_PER_YIELD).map((r) => r.id);
  }
  const untopical = rows.prepare(
    db
      .select({ id: claims.id })
      .from(claims)
      .where(and(scope, isNull(claims.topicId)))
      .orderBy(asc(claims.createdAt), asc(claims.id)),
  );
  for await (const batch of untopical.batches(CLAIMS_PER_YIELD)) yield batch.map((r) => r[0] as string);
}

/** What `rowCount` and `sourceTouches` read: the claims in scope and which evidence counts. */
interface ScopeReading {
  db: Db;
  rows: RowReader;
  /** The ids of the claims in scope, in export order. */
  ids: readonly string[];
  /** Which evidence the export carries (`batchEvidence`). */
  evidence: ReturnType<typeof batchEvidence>;
}

/**
 * The evidence links of the claims in scope, a batch of claims at a time in export order: each
 * link as [its claim's id, its source's id, stance, credibility], the links of a claim by age.
 */
async function* scopeLinks({ db, rows, ids, evidence: which }: ScopeReading) {
  const links = rows.prepare(
    db
      .select({
        at: BATCH_IDS.position,
        sourceId: evidence.sourceId,
        stance: evidence.stance,
        credibility: evidence.credibility,
      })
      .from(BATCH_IDS.from)
      .crossJoin(evidence)
      .where(and(eq(evidence.claimId, BATCH_IDS.id), which.where))
      .orderBy(BATCH_IDS.position, asc(evidence.createdAt)),
  );
  for (let i = 0; i < ids.length; i += SCOPE_BATCH) {
    if (i > 0) await nextTurn();
    const batch = ids.slice(i, i + SCOPE_BATCH);
    const kept: [claimId: string, sourceId: string, stance: string, credibility: number][] = [];
    for (const [at, sourceId, stance, credibility] of await links.rows({ ids: idList(batch) })) {
      if (which.keep(sourceId as string))
        kept.push([batch[at as number]!, sourceId as string, stance as string, credibility as number]);
    }
    yield kept;
  }
}

/**
 * How many rows the evidence table has over ALL the claims in scope (the page shows only its first
 * rows): one per claim and evidence link, one for a claim without evidence.
 */
async function rowCount(reading: ScopeReading): Promise<number> {
  let total = reading.ids.length;
  for await (const links of scopeLinks(reading)) {
    let claimsWithLinks = 0;
    for (let i = 0; i < links.length; i++)
      if (i === 0 || links[i]![0] !== links[i - 1]![0]) claimsWithLinks++;
    total += links.length - claimsWithLinks;
  }
  return total;
}

/**
 * The source-centred view over ALL the claims in scope: for each source, how many evidence links
 * of those claims it has, and the first `perSource` of them in export order (by the claim's
 * place, then the link's age), with their claims' statements.
 */
async function sourceTouches(
  reading: ScopeReading,
  liveSources: ReadonlyMap<string, Source>,
  perSource: number,
): Promise<SourceTouches> {
  const bySource: SourceTouches = new Map();
  for await (const links of scopeLinks(reading)) {
    for (const [claimId, sourceId, stance, credibility] of links) {
      let entry = bySource.get(sourceId);
      if (!entry) bySource.set(sourceId, (entry = { count: 0, claims: [] }));
      entry.count++;
      if (entry.claims.length < perSource)
        entry.claims.push({
          claimId,
          statement: '',
          stance,
          rating: `${liveSources.get(sourceId)!.reliability}${credibility}`,
        });
    }
  }
  await fillStatements(reading.db, bySource);
  return bySource;
}

/** The statements of the claims listed in a source view. */
async function fillStatements(db: Db, bySource: SourceTouches): Promise<void> {
  const shown = [...new Set([...bySource.values()].flatMap((e) => e.claims.map((c) => c.claimId)))];
  const statements = new Map<string, string>();
  for (let i = 0; i < shown.length; i += SCOPE_BATCH) {
    const found = await db
      .select({ id: claims.id, statement: claims.statement })
      .from(claims)
      .where(inIds(claims.id, shown.slice(i, i + SCOPE_BATCH)));
    for (const c of found) statements.set(c.id, c.statement);
  }
  for (const entry of bySource.values())
    for (const c of entry.claims) c.statement = statements.get(c.claimId)!;
}

const DAY_MS = 86_400_000;
let isoDay = Number.NaN;
let isoDayPrefix = '';

/**
 * A stored time (its raw value: milliseconds on SQLite, a Date from an engine that makes one) as
 * `Date.prototype.toISOString` writes it, "" for none. The date part is formatted once per day and
 * the time appended: an export formats about ten times per claim, and `toISOString` was a tenth of
 * the time spent reading claims.
 */
function isoOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  const ms = value instanceof Date ? value.getTime() : (value as number);
  // Throws for an invalid time, like before; a fraction of a millisecond is dropped, like a Date.
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    const full = new Date(ms).toISOString(); // throws for a time out of range, like before
    isoDayPrefix = full.slice(0, full.indexOf('T') + 1);
    isoDay = day;
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const f = rest - s * 1000;
  return `${isoDayPrefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}.${f < 10 ? '00' : f < 100 ? '0' : ''}${f}Z`;
}

/**
 * A claim's contested reasons (its raw value: JSON text on SQLite, the array from an engine that
 * parses JSON) as their labels, once each. Most claims are not contested: their empty array (the
 * only JSON array written in two characters) is not parsed.
 */
function contestedLabels(value: unknown): string[] {
  if (typeof value === 'string' && value.length === 2) return [];
  const reasons = (typeof value === 'string' ? JSON.parse(value) : value) as StoredReason[];
  return reasons.length === 0 ? [] : [...new Set(reasons.map((r) => CONTESTED_REASON_LABELS[r.kind]))];
}

/** The options of `readClaims` and `readBatch`. */
interface ClaimReading {
  /** Which of a batch's evidence the export carries (`batchEvidence`). */
  evidence: ReturnType<typeof batchEvidence>;
  /** The workspace's live sources, by id. */
  sources: ReadonlyMap<string, Source>;
  /** The titles of the workspace's live documents, by id. */
  documentTitles: ReadonlyMap<string, string>;
  /** The live documents imported from a PDF: their passages carry the pages they stand on. */
  pagedDocuments: ReadonlySet<string>;
  db: Db;
  names: Names;
  /** Whether this member sees the others' assessments of a claim (blind assessments). */
  sees: (hasOwnAssessment: boolean) => boolean;
  actorId: string;
}

/* The columns a batch reads, table by table (only those the model needs), each row led by its
 * claim's position in the batch, and where each is in a raw row. */
const claimFields = {
  at: BATCH_IDS.position,
  statement: claims.statement,
  type: claimTypes.name,
  topic: topics.question,
  kind: claims.kind,
  quantityMin: claims.quantityMin,
  quantityMax: claims.quantityMax,
  quantityUnit: claims.quantityUnit,
  status: claims.status,
  alternativeOf: claims.alternativeOf,
  contested: claims.contested,
  createdBy: claims.createdBy,
  reviewerId: claims.reviewerId,
  createdAt: claims.createdAt,
  updatedAt: claims.updatedAt,
};
const C = fieldPositions(claimFields);
const tagFields = { at: BATCH_IDS.position, tag: claimTags.tag };
const T = fieldPositions(tagFields);
const anchorFields = {
  at: BATCH_IDS.position,
  id: anchors.id,
  documentId: anchors.documentId,
  revisionId: anchors.revisionId,
  exact: anchors.exact,
  prefix: anchors.prefix,
  suffix: anchors.suffix,
  start: anchors.start,
  end: anchors.end,
  status: anchors.status,
  score: anchors.score,
  heldRevisionId: anchors.heldRevisionId,
  heldRevisionNumber: documentRevisions.number,
  heldStart: anchors.heldStart,
  heldEnd: anchors.heldEnd,
  createdBy: anchors.createdBy,
  createdAt: anchors.createdAt,
  updatedAt: anchors.updatedAt,
};
const A = fieldPositions(anchorFields);
const evidenceFields = {
  at: BATCH_IDS.position,
  id: evidence.id,
  sourceId: evidence.sourceId,
  stance: evidence.stance,
  credibility: evidence.credibility,
  quote: evidence.quote,
  locator: evidence.locator,
  note: evidence.note,
  accessedOn: evidence.accessedOn,
  createdBy: evidence.createdBy,
  createdAt: evidence.createdAt,
  updatedAt: evidence.updatedAt,
};
const E = fieldPositions(evidenceFields);
const assessmentFields = {
  at: BATCH_IDS.position,
  id: assessments.id,
  userId: assessments.userId,
  likelihood: assessments.likelihood,
  confidence: assessments.confidence,
  rationale: assessments.rationale,
  createdAt: assessments.createdAt,
  updatedAt: assessments.updatedAt,
};
const S = fieldPositions(assessmentFields);
const decisionFields = {
  at: BATCH_IDS.position,
  outcome: decisions.outcome,
  rationale: decisions.rationale,
  decidedBy: decisions.decidedBy,
  decidedAt: decisions.decidedAt,
  preferredClaimId: decisions.preferredClaimId,
  likelihood: decisions.likelihood,
  confidence: decisions.confidence,
};
const D = fieldPositions(decisionFields);

/**
 * A batch's statements, prepared once per reading: one per table, the batch's ids the outer loop,
 * each row found through its claim's index, in the batch's order (then as the model orders each
 * claim's rows).
 */
function batchStatements(db: Db, rows: RowReader, evidenceWhere: SQL) {
  const { from, id, position } = BATCH_IDS;
  return {
    claims: rows.prepare(
      db
        .select(claimFields)
        .from(from)
        .crossJoin(claims)
        .innerJoin(claimTypes, eq(claimTypes.id, claims.typeId))
        .leftJoin(topics, eq(topics.id, claims.topicId))
        .where(eq(claims.id, id))
        .orderBy(position),
    ),
    tags: rows.prepare(
      db
        .select(tagFields)
        .from(from)
        .crossJoin(claimTags)
        .where(eq(claimTags.claimId, id))
        .orderBy(position, asc(claimTags.tag)),
    ),
    anchors: rows.prepare(
      db
        .select(anchorFields)
        .from(from)
        .crossJoin(anchors)
        .leftJoin(documentRevisions, eq(documentRevisions.id, anchors.heldRevisionId))
        .where(eq(anchors.claimId, id))
        .orderBy(position, asc(anchors.createdAt)),
    ),
    evidence: rows.prepare(
      db
        .select(evidenceFields)
        .from(from)
        .crossJoin(evidence)
        .where(and(eq(evidence.claimId, id), evidenceWhere))
        .orderBy(position, asc(evidence.createdAt)),
    ),
    assessments: rows.prepare(
      db
        .select(assessmentFields)
        .from(from)
        .crossJoin(assessments)
        .where(eq(assessments.claimId, id))
        .orderBy(position, asc(assessments.createdAt)),
    ),
    // The latest decision is the first of the claim's.
    decisions: rows.prepare(
      db
        .select(decisionFields)
        .from(from)
        .crossJoin(decisions)
        .where(eq(decisions.claimId, id))
        .orderBy(position, desc(decisions.decidedAt)),
    ),
  };
}

/**
 * Where each claim's rows are in a statement's rows (in the batch's order, first column the
 * claim's position): for the claim at position p, rows `bounds[2p]` up to `bounds[2p + 1]`.
 */
function runs(rows: RawRow[], claimCount: number): Int32Array {
  const bounds = new Int32Array(2 * claimCount);
  for (let i = 0; i < rows.length;) {
    const p = rows[i]![0] as number;
    let j = i + 1;
    while (j < rows.length && rows[j]![0] === p) j++;
    bounds[2 * p] = i;
    bounds[2 * p + 1] = j;
    i = j;
  }
  return bounds;
}

/** The claims, in export order: the ids in scope read in batches (`readBatch`). */
async function* readClaims(
  db: Db,
  rows: RowReader,
  ids: readonly string[],
  opts: ClaimReading,
): AsyncGenerator<ExportClaim> {
  const statements = batchStatements(db, rows, opts.evidence.where);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const read = await readBatch(statements, batch, opts);
    // Each claim is made as the serializer asks for it, and dropped once it is done with it: the
    // batch's rows are all that lives through the batch (anything kept longer risks being
    // allocated in the old generation by V8, where, dead, it keeps what it points to alive through
    // the young collections: 100k claims took twice the time in the garbage collector and ~100 MB
    // more when a batch's claims were all made first).
    for (let p = 0; p < batch.length; p++) {
      const claim = makeClaim(read, p, batch[p]!, opts);
      if (claim) yield claim;
    }
    // Let the response stream flush between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * One batch of claims (in the order of `batch`), with one statement per table (raw rows), and
 * where each claim's rows are. The names of the people met for the first time are loaded.
 */
async function readBatch(
  statements: ReturnType<typeof batchStatements>,
  batch: readonly string[],
  { names, pagedDocuments, db }: ClaimReading,
) {
  const values = { ids: idList(batch) };
  const claimRows = await statements.claims.rows(values);
  const tagRows = await statements.tags.rows(values);
  const anchorRows = await statements.anchors.rows(values);
  const evidenceRows = await statements.evidence.rows(values);
  const assessmentRows = await statements.assessments.rows(values);
  const decisionRows = await statements.decisions.rows(values);

  // The names of people met for the first time, in one statement.
  const missing = new Set<string>();
  const meet = (rows: RawRow[], column: number) => {
    for (const row of rows) {
      const id = row[column];
      if (typeof id === 'string' && !names.has(id)) missing.add(id);
    }
  };
  meet(claimRows, C.createdBy);
  meet(claimRows, C.reviewerId);
  meet(anchorRows, A.createdBy);
  meet(evidenceRows, E.createdBy);
  meet(assessmentRows, S.userId);
  meet(decisionRows, D.decidedBy);
  if (missing.size > 0) await names.load(missing);

  // The page runs of the revisions that hold passages of a PDF document (kept per revision).
  const pageRuns = new Map<string, PageRun[]>();
  if (pagedDocuments.size > 0) {
    for (const a of anchorRows) {
      if (!pagedDocuments.has(a[A.documentId] as string)) continue;
      for (const revisionId of [a[A.revisionId], a[A.heldRevisionId]]) {
        if (typeof revisionId === 'string' && !pageRuns.has(revisionId))
          pageRuns.set(revisionId, await revisionPageRuns(db, revisionId));
      }
    }
  }

  const claimAt: (RawRow | undefined)[] = new Array(batch.length);
  for (const c of claimRows) claimAt[c[C.at] as number] = c;
  return {
    claimAt,
    tagRows,
    tagsAt: runs(tagRows, batch.length),
    anchorRows,
    anchorsAt: runs(anchorRows, batch.length),
    evidenceRows,
    evidenceAt: runs(evidenceRows, batch.length),
    assessmentRows,
    assessmentsAt: runs(assessmentRows, batch.length),
    decisionRows,
    decisionsAt: runs(decisionRows, batch.length),
    pageRuns,
  };
}

/**
 * The claim at position `p` of a batch read by `readBatch` (undefined if it is gone). Documents
 * and sources are looked up among the workspace's live ones, read once per export (a passage on a
 * document in the trash, or evidence of a source in it, is left out); the evidence filters as
 * `batchEvidence` says.
 */
/**
 * The workspace's live documents imported from a PDF (a revision of format pdf), or only
 * `documentId` if it is one: their passages carry the pages they stand on.
 */
async function pdfDocumentIds(db: Db, workspaceId: string, documentId?: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: documentRevisions.documentId })
    .from(documentRevisions)
    .innerJoin(documents, eq(documents.id, documentRevisions.documentId))
    .where(
      and(
        eq(documents.workspaceId, workspaceId),
        isNull(documents.deletedAt),
        eq(documentRevisions.format, 'pdf'),
        documentId ? eq(documents.id, documentId) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * The pages of a PDF source a passage stands on: where it is, or an orphan's last known place
 * (empty when neither is known).
 */
function anchorPages(a: RawRow, pageRuns: ReadonlyMap<string, PageRun[]>): number[] {
  const [revisionId, start, end] =
    a[A.start] !== null && a[A.end] !== null
      ? [a[A.revisionId], a[A.start], a[A.end]]
      : [a[A.heldRevisionId], a[A.heldStart], a[A.heldEnd]];
  if (typeof revisionId !== 'string' || start === null || end === null) return [];
  return pagesOf(pageRuns.get(revisionId) ?? [], Number(start), Number(end));
}

/** An orphan's last known place, when it has one. */
function heldOf(a: RawRow): ExportAnchor['held'] {
  const revisionId = a[A.heldRevisionId] as string | null;
  const start = a[A.heldStart] as number | null;
  const end = a[A.heldEnd] as number | null;
  const number = a[A.heldRevisionNumber] as number | null;
  if (revisionId === null || start === null || end === null || number === null) return null;
  return { revisionId, revisionNumber: Number(number), start: Number(start), end: Number(end) };
}

function makeClaim(
  read: Awaited<ReturnType<typeof readBatch>>,
  p: number,
  id: string,
  opts: ClaimReading,
): ExportClaim | undefined {
  const { claimAt, tagRows, tagsAt, anchorRows, anchorsAt, evidenceRows, evidenceAt } = read;
  const { assessmentRows, assessmentsAt, decisionRows, decisionsAt } = read;
  const { actorId } = opts;
  const { nameOf } = opts.names;
  const c = claimAt[p];
  if (!c) return undefined;

  const tags: string[] = [];
  for (let i = tagsAt[2 * p]!, end = tagsAt[2 * p + 1]!; i < end; i++)
    tags.push(tagRows[i]![T.tag] as string);

  const anchorList: ExportClaim['anchors'] = [];
  for (let i = anchorsAt[2 * p]!, end = anchorsAt[2 * p + 1]!; i < end; i++) {
    const a = anchorRows[i]!;
    const documentTitle = opts.documentTitles.get(a[A.documentId] as string);
    if (documentTitle === undefined) continue;
    anchorList.push({
      id: a[A.id] as string,
      documentId: a[A.documentId] as string,
      documentTitle,
      revisionId: a[A.revisionId] as string,
      exact: a[A.exact] as string,
      prefix: a[A.prefix] as string,
      suffix: a[A.suffix] as string,
      start: a[A.start] as number | null,
      end: a[A.end] as number | null,
      status: a[A.status] as ExportAnchor['status'],
      score: a[A.score] as number,
      held: heldOf(a),
      ...(opts.pagedDocuments.has(a[A.documentId] as string) ? { pages: anchorPages(a, read.pageRuns) } : {}),
      createdBy: nameOf(a[A.createdBy] as string | null),
      createdAt: isoOf(a[A.createdAt]),
      updatedAt: isoOf(a[A.updatedAt]),
    });
  }

  const evidenceList: ExportClaim['evidence'] = [];
  for (let i = evidenceAt[2 * p]!, end = evidenceAt[2 * p + 1]!; i < end; i++) {
    const e = evidenceRows[i]!;
    const sourceId = e[E.sourceId] as string;
    if (!opts.evidence.keep(sourceId)) continue;
    const source = opts.sources.get(sourceId)!;
    evidenceList.push({
      id: e[E.id] as string,
      sourceId,
      sourceName: source.name,
      sourceKind: source.kind,
      sourceUrl: source.url,
      reliability: source.reliability,
      stance: e[E.stance] as Stance,
      credibility: e[E.credibility] as Credibility,
      quote: e[E.quote] as string | null,
      locator: e[E.locator] as string | null,
      note: e[E.note] as string | null,
      accessedOn: e[E.accessedOn] as string | null,
      createdBy: nameOf(e[E.createdBy] as string | null),
      createdAt: isoOf(e[E.createdAt]),
      updatedAt: isoOf(e[E.updatedAt]),
    });
  }

  // Blind assessments: whether this member sees the others' depends on their own.
  const firstAssessment = assessmentsAt[2 * p]!;
  const afterAssessments = assessmentsAt[2 * p + 1]!;
  let hasOwn = false;
  for (let i = firstAssessment; i < afterAssessments; i++)
    if (assessmentRows[i]![S.userId] === actorId) hasOwn = true;
  const visible = opts.sees(hasOwn);
  const assessmentList: ExportClaim['assessments'] = [];
  for (let i = firstAssessment; i < afterAssessments; i++) {
    const a = assessmentRows[i]!;
    const userId = a[S.userId] as string;
    if (!visible && userId !== actorId) continue;
    assessmentList.push({
      id: a[S.id] as string,
      analyst: nameOf(userId) ?? 'a former member',
      likelihood: a[S.likelihood] as Likelihood,
      confidence: a[S.confidence] as Confidence,
      rationale: a[S.rationale] as string,
      createdAt: isoOf(a[S.createdAt]),
      updatedAt: isoOf(a[S.updatedAt]),
    });
  }

  const latest = decisionsAt[2 * p + 1]! > decisionsAt[2 * p]! ? decisionRows[decisionsAt[2 * p]!]! : null;
  const min = c[C.quantityMin] as number | null;
  const max = c[C.quantityMax] as number | null;
  return {
    id,
    statement: c[C.statement] as string,
    type: c[C.type] as string,
    topic: c[C.topic] as string | null,
    tags,
    kind: c[C.kind] as ClaimKind,
    quantity:
      min !== null && max !== null ? { min, max, unit: (c[C.quantityUnit] as string | null) ?? '' } : null,
    status: c[C.status] as ExportClaim['status'],
    alternativeOf: c[C.alternativeOf] as string | null,
    contested: contestedLabels(c[C.contested]),
    author: nameOf(c[C.createdBy] as string | null),
    reviewer: nameOf(c[C.reviewerId] as string | null),
    decision: latest
      ? {
          status: latest[D.outcome] as ExportDecision['status'],
          rationale: latest[D.rationale] as string,
          decidedBy: nameOf(latest[D.decidedBy] as string | null) ?? 'a former member',
          decidedAt: isoOf(latest[D.decidedAt]),
          preferredClaimId: latest[D.preferredClaimId] as string | null,
          // The team's judgment anchors like an assessment: under blind assessments it goes with them.
          ...(visible || latest[D.decidedBy] === actorId
            ? {
                likelihood: latest[D.likelihood] as Likelihood | null,
                confidence: latest[D.confidence] as Confidence | null,
              }
            : { likelihood: null, confidence: null }),
        }
      : null,
    createdAt: isoOf(c[C.createdAt]),
    updatedAt: isoOf(c[C.updatedAt]),
    anchors: anchorList,
    evidence: evidenceList,
    assessments: assessmentList,
  };
}
