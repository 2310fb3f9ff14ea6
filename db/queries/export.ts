/**
 * Exports: the workspace (or one document, or the evidence table's current view) as the export
 * model of lib/export/model.ts. An export reads one snapshot of the data (`store.snapshot`): its
 * layout, its counts and every claim it streams agree, whatever is written meanwhile. Claims are
 * read in batches as the serializer asks for them (../cursor: keyset pages of the claims in
 * export order, then each batch's rows), so a 100k-claim export holds a page of ids and one batch
 * of claims in memory, not the workspace. Blind assessments apply: a member who has not assessed
 * a claim exports only their own assessment of it.
 *
 * The trash applies inside the SQL, to what is exported and to every filter: a passage on a
 * document in the trash is neither exported nor matched (`q`, `document`, `anchor`), and a piece
 * of evidence whose source is in the trash is neither exported, counted nor matched (`source`,
 * `stance`, `credibility`, `reliability`), as if it were in the trash itself.
 */
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  inArray,
  isNull,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { ExportClaim, ExportSourceData } from '@/lib/export/model';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import type { Credibility, Reliability } from '@/lib/scales';
import { CONTESTED_REASON_LABELS } from '@/lib/review/contested';
import { canSeeOthersAssessments } from '@/lib/review/visibility';
import { memberLabels, nameKey } from '@/lib/member-names';
import { keysetBatches } from '../cursor';
import {
  containsText,
  equalsIgnoringCase,
  inIds,
  jsonArrayEmpty,
  jsonArrayNotEmpty,
  nullsLast,
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
} from '../schema';
import { authorize, type Actor } from './access';

/**
 * Claims per batch: large enough that the six statements per batch cost little, small enough that
 * a batch is collected young. Measured on 100k claims (CSV, raw statements): 50 per batch 6.6 s,
 * 200 5.5 s and ~167 MB peak RSS, 500 ~230 MB, 1,000 6.1 s and ~300 MB; through the query builder,
 * 200 still does best (500: a tenth slower and ~100 MB more).
 */
const BATCH = 200;
/**
 * Claim ids per keyset page of the export order. No index serves that order (by topic, then age),
 * so each page costs a pass over the workspace's claims: a page holds many batches (100k claims,
 * 11 pages, ~0.5 s in all; 25,000 per page saved little and held ~100 MB more).
 */
const PAGE = 10_000;
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
 * in the trash goes with it), and matching the table's evidence filters. As SQL, for the scope and
 * the counts; `readClaims` applies the same rules to a batch's evidence (see `batchEvidence`).
 */
function evidenceConditions(db: Db, workspaceId: string, filters: EvidenceTableFilters): SQL {
  return and(
    isNull(evidence.deletedAt),
    inArray(
      evidence.sourceId,
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
function claimScope(
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
  if (filters.source || filters.stance || filters.credibility || filters.reliability) {
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
 * The ids of the claims in scope, in export order (by topic, claims without one last, then age),
 * a keyset page at a time: the claims with a topic by (question, created_at, id), then those
 * without one by (created_at, id). Two keysets, so that no part of a key is ever null.
 */
async function* claimIdPages(db: Db, scope: SQL, size: number): AsyncGenerator<string[]> {
  const withTopic = keysetBatches(
    (after) =>
      db
        .select({ id: claims.id, question: topics.question, createdAt: claims.createdAt })
        .from(claims)
        .innerJoin(topics, eq(topics.id, claims.topicId))
        .where(and(scope, after)),
    [
      { column: topics.question, value: (r) => r.question },
      { column: claims.createdAt, value: (r) => r.createdAt },
      { column: claims.id, value: (r) => r.id },
    ],
    size,
  );
  for await (const rows of withTopic) yield rows.map((r) => r.id);
  const withoutTopic = keysetBatches(
    (after) =>
      db
        .select({ id: claims.id, createdAt: claims.createdAt })
        .from(claims)
        .where(and(scope, isNull(claims.topicId), after)),
    [
      { column: claims.createdAt, value: (r) => r.createdAt },
      { column: claims.id, value: (r) => r.id },
    ],
    size,
  );
  for await (const rows of withoutTopic) yield rows.map((r) => r.id);
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
  return store.snapshot(async (db) => use(await readExport(db, params)));
}

/** The export read through `db`, one snapshot's handle (see `openExport`). */
async function readExport(
  db: Db,
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
  const inScope = db.select({ id: claims.id }).from(claims).where(scope);

  // The layout (columns) is fixed before streaming: the most tags and passages of any claim, and
  // every analyst whose assessment will be exported (all of them, or under blind assessments this
  // member and those who assessed a claim this member assessed too).
  // One pass over the claims in scope: how many, and the most tags and passages of any (a passage
  // on a document in the trash is not exported: it takes no column).
  const tagsOfClaim = db.select({ n: count() }).from(claimTags).where(eq(claimTags.claimId, claims.id));
  const passagesOfClaim = db
    .select({ n: count() })
    .from(anchors)
    .innerJoin(documents, eq(documents.id, anchors.documentId))
    .where(and(eq(anchors.claimId, claims.id), isNull(documents.deletedAt)));
  const totals = await first(
    db
      .select({
        claims: count(),
        maxTags: sql<number | null>`max(${tagsOfClaim})`.mapWith(Number),
        maxPassages: sql<number | null>`max(${passagesOfClaim})`.mapWith(Number),
      })
      .from(claims)
      .where(scope),
  );
  const analystIds = (
    await db
      .selectDistinct({ userId: assessments.userId })
      .from(assessments)
      .where(and(inArray(assessments.claimId, inScope), seesAll ? undefined : visibleTo(db, actor.userId)))
  ).map((a) => a.userId);
  await names.load(analystIds);
  const layout = {
    maxTags: totals?.maxTags ?? 0,
    maxPassages: totals?.maxPassages ?? 0,
    analysts: analystIds.map((id) => nameOf(id) ?? 'a former member').sort((a, b) => a.localeCompare(b)),
  };
  const claimCount = totals?.claims ?? 0;

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
    },
  };
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

  const liveSources = new Map(sourceRows.map((s) => [s.id, s]));
  const documentTitles = new Map(
    (
      await db
        .select({ id: documents.id, title: documents.title })
        .from(documents)
        .where(and(eq(documents.workspaceId, workspaceId), isNull(documents.deletedAt)))
    ).map((d) => [d.id, d.title]),
  );
  const evidenceWhere = evidenceConditions(db, workspaceId, filters);
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
    sources: sourceRows.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      url: s.url,
      description: s.description,
      reliability: s.reliability,
      ratings: ratingsBySource.get(s.id) ?? [],
      createdAt: iso(s.createdAt),
    })),
    claims: () =>
      readClaims(db, {
        scope,
        evidence: batchEvidence(filters, liveSources),
        sources: liveSources,
        documentTitles,
        names,
        sees,
        actorId: actor.userId,
      }),
    claimCount,
    rowCount: () => rowCount(db, scope, evidenceWhere, claimCount),
    sourceTouches: (perSource) => sourceTouches(db, scope, evidenceWhere, perSource),
  };
}

/**
 * How many rows the evidence table has over ALL the claims in scope (the page shows only its first
 * rows): one per claim and evidence link, one for a claim without evidence.
 */
async function rowCount(db: Db, scope: SQL, evidenceWhere: SQL, claimCount: number): Promise<number> {
  const links = await first(
    db
      .select({ rows: count(), claims: countDistinct(evidence.claimId) })
      .from(evidence)
      .where(
        and(inArray(evidence.claimId, db.select({ id: claims.id }).from(claims).where(scope)), evidenceWhere),
      ),
  );
  return claimCount + (links?.rows ?? 0) - (links?.claims ?? 0);
}

/**
 * The source-centred view over ALL the claims in scope: for each source, how many evidence links
 * of those claims it has, and the first `perSource` of them in export order (by the claim's
 * place, then the link's age). One statement: each link is numbered within its source (a window
 * function), and only the first `perSource` of each source are read.
 */
async function sourceTouches(
  db: Db,
  scope: SQL,
  evidenceWhere: SQL,
  perSource: number,
): Promise<SourceTouches> {
  const exportOrder = sql.join(
    [...nullsLast(topics.question), asc(claims.createdAt), asc(claims.id), asc(evidence.createdAt)],
    sql`, `,
  );
  const numbered = db
    .select({
      sourceId: evidence.sourceId,
      claimId: claims.id,
      statement: claims.statement,
      stance: evidence.stance,
      reliability: sources.reliability,
      credibility: evidence.credibility,
      place: sql<number>`row_number() over (partition by ${evidence.sourceId} order by ${exportOrder})`
        .mapWith(Number)
        .as('place'),
      links: sql<number>`count(*) over (partition by ${evidence.sourceId})`.mapWith(Number).as('links'),
    })
    .from(evidence)
    .innerJoin(claims, eq(claims.id, evidence.claimId))
    .innerJoin(sources, eq(sources.id, evidence.sourceId))
    .leftJoin(topics, eq(topics.id, claims.topicId))
    .where(and(scope, evidenceWhere))
    .as('numbered');
  const rows = await db
    .select()
    .from(numbered)
    .where(lte(numbered.place, perSource))
    .orderBy(asc(numbered.sourceId), asc(numbered.place));
  const bySource: SourceTouches = new Map();
  for (const r of rows) {
    let entry = bySource.get(r.sourceId);
    if (!entry) bySource.set(r.sourceId, (entry = { count: r.links, claims: [] }));
    entry.claims.push({
      claimId: r.claimId,
      statement: r.statement,
      stance: r.stance,
      rating: `${r.reliability}${r.credibility}`,
    });
  }
  return bySource;
}

const DAY_MS = 86_400_000;
let isoDay = Number.NaN;
let isoDayPrefix = '';

/**
 * A stored time as `Date.prototype.toISOString` writes it, "" for none. The date part is formatted
 * once per day and the time appended: an export formats about ten times per claim, and
 * `toISOString` was a tenth of the time spent reading claims.
 */
function isoOf(date: Date | null): string {
  if (!date) return '';
  const ms = date.getTime();
  if (!Number.isInteger(ms)) return date.toISOString(); // throws for an invalid time, like before
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    const full = date.toISOString(); // throws for a time out of range, like before
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

/** The rows of one batch, by claim id (each claim's rows in the statement's order). */
function byClaim<R extends { claimId: string }>(rows: R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.claimId);
    if (list) list.push(row);
    else map.set(row.claimId, [row]);
  }
  return map;
}

/** The options of `readClaims` and `readBatch`. */
interface ClaimReading {
  scope: SQL;
  /** Which of a batch's evidence the export carries (`batchEvidence`). */
  evidence: ReturnType<typeof batchEvidence>;
  /** The workspace's live sources, by id. */
  sources: ReadonlyMap<string, Source>;
  /** The titles of the workspace's live documents, by id. */
  documentTitles: ReadonlyMap<string, string>;
  names: Names;
  /** Whether this member sees the others' assessments of a claim (blind assessments). */
  sees: (hasOwnAssessment: boolean) => boolean;
  actorId: string;
}

/**
 * The claims, in export order: a keyset page of ids at a time (claimIdPages), each page read in
 * batches (`readBatch`). A batch's rows are dropped once its claims are made, and each claim once
 * the serializer has taken it, so that little of a batch outlives the young collections made
 * while the serializer works through it.
 */
async function* readClaims(db: Db, opts: ClaimReading): AsyncGenerator<ExportClaim> {
  for await (const page of claimIdPages(db, opts.scope, PAGE)) {
    for (let i = 0; i < page.length; i += BATCH) {
      const made: (ExportClaim | undefined)[] = await readBatch(db, page.slice(i, i + BATCH), opts);
      for (let k = 0; k < made.length; k++) {
        const claim = made[k]!;
        made[k] = undefined; // Gone once the serializer is done with it.
        yield claim;
      }
      // Let the response stream flush between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/**
 * One batch of claims (in the order of `batch`), with one statement per table: only the columns
 * the model needs, each row found through its claim's index. Documents and sources are looked up
 * among the workspace's live ones, read once per export (a passage on a document in the trash, or
 * evidence of a source in it, is left out); the evidence filters as `batchEvidence` says.
 */
async function readBatch(db: Db, batch: string[], opts: ClaimReading): Promise<ExportClaim[]> {
  const { names, actorId } = opts;
  const { nameOf } = names;
  const out: ExportClaim[] = [];
  const claimRows = await db
    .select({
      id: claims.id,
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
    })
    .from(claims)
    .innerJoin(claimTypes, eq(claimTypes.id, claims.typeId))
    .leftJoin(topics, eq(topics.id, claims.topicId))
    .where(inIds(claims.id, batch));
  const tagRows = byClaim(
    await db
      .select({ claimId: claimTags.claimId, tag: claimTags.tag })
      .from(claimTags)
      .where(inIds(claimTags.claimId, batch))
      .orderBy(asc(claimTags.tag)),
  );
  // A passage on a document in the trash is left out.
  const anchorRows = byClaim(
    (
      await db
        .select({
          claimId: anchors.claimId,
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
          createdBy: anchors.createdBy,
          createdAt: anchors.createdAt,
          updatedAt: anchors.updatedAt,
        })
        .from(anchors)
        .where(inIds(anchors.claimId, batch))
        .orderBy(asc(anchors.createdAt))
    ).filter((a) => opts.documentTitles.has(a.documentId)),
  );
  const evidenceRows = byClaim(
    (
      await db
        .select({
          claimId: evidence.claimId,
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
        })
        .from(evidence)
        .where(and(inIds(evidence.claimId, batch), opts.evidence.where))
        .orderBy(asc(evidence.createdAt))
    ).filter((e) => opts.evidence.keep(e.sourceId)),
  );
  const assessmentRows = byClaim(
    await db
      .select({
        claimId: assessments.claimId,
        id: assessments.id,
        userId: assessments.userId,
        likelihood: assessments.likelihood,
        confidence: assessments.confidence,
        rationale: assessments.rationale,
        createdAt: assessments.createdAt,
        updatedAt: assessments.updatedAt,
      })
      .from(assessments)
      .where(inIds(assessments.claimId, batch))
      .orderBy(asc(assessments.createdAt)),
  );
  // The latest decision is the first of the claim's.
  const decisionRows = byClaim(
    await db
      .select({
        claimId: decisions.claimId,
        outcome: decisions.outcome,
        rationale: decisions.rationale,
        decidedBy: decisions.decidedBy,
        decidedAt: decisions.decidedAt,
        preferredClaimId: decisions.preferredClaimId,
      })
      .from(decisions)
      .where(inIds(decisions.claimId, batch))
      .orderBy(desc(decisions.decidedAt)),
  );

  const people: (string | null)[] = [];
  for (const c of claimRows) people.push(c.createdBy, c.reviewerId);
  for (const list of anchorRows.values()) for (const a of list) people.push(a.createdBy);
  for (const list of evidenceRows.values()) for (const e of list) people.push(e.createdBy);
  for (const list of assessmentRows.values()) for (const a of list) people.push(a.userId);
  for (const list of decisionRows.values()) people.push(list[0]!.decidedBy);
  await names.load(people);

  const claimById = new Map(claimRows.map((c) => [c.id, c]));
  for (const id of batch) {
    const c = claimById.get(id);
    if (!c) continue;

    // Blind assessments: whether this member sees the others' depends on their own.
    const claimAssessments = assessmentRows.get(id) ?? [];
    const visible = opts.sees(claimAssessments.some((a) => a.userId === actorId));
    const latest = decisionRows.get(id)?.[0];
    out.push({
      id,
      statement: c.statement,
      type: c.type,
      topic: c.topic,
      tags: (tagRows.get(id) ?? []).map((t) => t.tag),
      kind: c.kind,
      quantity:
        c.quantityMin !== null && c.quantityMax !== null
          ? { min: c.quantityMin, max: c.quantityMax, unit: c.quantityUnit ?? '' }
          : null,
      status: c.status,
      alternativeOf: c.alternativeOf,
      contested: [...new Set(c.contested.map((r) => CONTESTED_REASON_LABELS[r.kind]))],
      author: nameOf(c.createdBy),
      reviewer: nameOf(c.reviewerId),
      decision: latest
        ? {
            status: latest.outcome,
            rationale: latest.rationale,
            decidedBy: nameOf(latest.decidedBy) ?? 'a former member',
            decidedAt: isoOf(latest.decidedAt),
            preferredClaimId: latest.preferredClaimId,
          }
        : null,
      createdAt: isoOf(c.createdAt),
      updatedAt: isoOf(c.updatedAt),
      anchors: (anchorRows.get(id) ?? []).map((a) => ({
        id: a.id,
        documentId: a.documentId,
        documentTitle: opts.documentTitles.get(a.documentId)!,
        revisionId: a.revisionId,
        exact: a.exact,
        prefix: a.prefix,
        suffix: a.suffix,
        start: a.start,
        end: a.end,
        status: a.status,
        score: a.score,
        createdBy: nameOf(a.createdBy),
        createdAt: isoOf(a.createdAt),
        updatedAt: isoOf(a.updatedAt),
      })),
      evidence: (evidenceRows.get(id) ?? []).map((e) => {
        const source = opts.sources.get(e.sourceId)!;
        return {
          id: e.id,
          sourceId: e.sourceId,
          sourceName: source.name,
          sourceKind: source.kind,
          sourceUrl: source.url,
          reliability: source.reliability,
          stance: e.stance,
          credibility: e.credibility,
          quote: e.quote,
          locator: e.locator,
          note: e.note,
          accessedOn: e.accessedOn,
          createdBy: nameOf(e.createdBy),
          createdAt: isoOf(e.createdAt),
          updatedAt: isoOf(e.updatedAt),
        };
      }),
      assessments: claimAssessments
        .filter((a) => visible || a.userId === actorId)
        .map((a) => ({
          id: a.id,
          analyst: nameOf(a.userId) ?? 'a former member',
          likelihood: a.likelihood,
          confidence: a.confidence,
          rationale: a.rationale,
          createdAt: isoOf(a.createdAt),
          updatedAt: isoOf(a.updatedAt),
        })),
    });
  }
  return out;
}
