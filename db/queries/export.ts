/**
 * Exports: the workspace (or one document, or the evidence table's current view) as the export
 * model of lib/export/model.ts. Claims are read in batches as the serializer asks for them, so a
 * 100k-claim export holds one batch in memory, not the workspace. Blind assessments apply: a
 * member who has not assessed a claim exports only their own assessment of it.
 *
 * The trash applies inside the SQL, to what is exported and to every filter: a passage on a
 * document in the trash is neither exported nor matched (`q`, `document`, `anchor`), and a piece
 * of evidence whose source is in the trash is neither exported, counted nor matched (`source`,
 * `stance`, `credibility`, `reliability`), as if it were in the trash itself.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ExportClaim, ExportDecision, ExportSourceData } from '@/lib/export/model';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import type { ClaimKind, Confidence, Credibility, Likelihood, Reliability, Stance } from '@/lib/scales';
import { CONTESTED_REASON_LABELS } from '@/lib/review/contested';
import { canSeeOthersAssessments } from '@/lib/review/visibility';
import { memberLabels, nameKey } from '@/lib/member-names';
import { getDb, type Db } from '../client';
import {
  anchors,
  assessments,
  claims,
  claimTags,
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

/**
 * Claims per batch: large enough that the six statements per batch cost little, small enough that
 * a batch is collected young. Measured on 100k claims (CSV): 50 per batch 6.6 s, 200 5.5 s and
 * ~167 MB peak RSS, 500 ~230 MB, 1,000 6.1 s and ~300 MB.
 */
const BATCH = 200;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');

/** Passages on the workspace's live documents only: a document in the trash shows none. */
const liveAnchor = (workspaceId: string) =>
  sql`${anchors.documentId} in (select ${documents.id} from ${documents} where ${documents.workspaceId} = ${workspaceId} and ${documents.deletedAt} is null)`;

/** The ids of the claims in scope, in export order (by topic, claims without one last, then age). */
function claimIdsInScope(
  db: Db,
  workspaceId: string,
  filters: EvidenceTableFilters,
  viewer: { userId: string; seesAll: boolean },
): string[] {
  const conditions = [eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt)];
  if (filters.likelihood || filters.confidence) {
    // Only assessments this member may see count (blind assessments: their own, or all of a claim
    // they have assessed themselves).
    const visible = viewer.seesAll
      ? sql``
      : sql` and (${assessments.userId} = ${viewer.userId} or exists (select 1 from ${assessments} mine where mine.claim_id = ${assessments.claimId} and mine.user_id = ${viewer.userId}))`;
    conditions.push(
      sql`${claims.id} in (select ${assessments.claimId} from ${assessments} where 1 = 1${
        filters.likelihood ? sql` and ${assessments.likelihood} = ${filters.likelihood}` : sql``
      }${filters.confidence ? sql` and ${assessments.confidence} = ${filters.confidence}` : sql``}${visible})`,
    );
  }
  if (filters.document) {
    conditions.push(
      sql`${claims.id} in (select ${anchors.claimId} from ${anchors} where ${anchors.documentId} = ${filters.document} and ${liveAnchor(workspaceId)})`,
    );
  }
  if (filters.type) conditions.push(eq(claims.typeId, filters.type));
  if (filters.topic) conditions.push(eq(claims.topicId, filters.topic));
  if (filters.status) conditions.push(eq(claims.status, filters.status));
  if (filters.contested === 'yes') conditions.push(sql`${claims.contested} <> '[]'`);
  if (filters.contested === 'no') conditions.push(sql`${claims.contested} = '[]'`);
  if (filters.tag) {
    conditions.push(
      sql`${claims.id} in (select ${claimTags.claimId} from ${claimTags} where ${claimTags.tag} = ${filters.tag} collate nocase)`,
    );
  }
  if (filters.anchor) {
    conditions.push(
      sql`${claims.id} in (select ${anchors.claimId} from ${anchors} where ${anchors.status} = ${filters.anchor} and ${liveAnchor(workspaceId)})`,
    );
  }
  if (filters.author) conditions.push(eq(claims.createdBy, filters.author));
  if (filters.reviewer === 'none') conditions.push(isNull(claims.reviewerId));
  else if (filters.reviewer) conditions.push(eq(claims.reviewerId, filters.reviewer));
  if (filters.source || filters.stance || filters.credibility || filters.reliability) {
    conditions.push(
      sql`${claims.id} in (select ${evidence.claimId} from ${evidence} where ${evidence.deletedAt} is null and ${evidence.sourceId} in (select ${sources.id} from ${sources} where ${sources.workspaceId} = ${workspaceId} and ${sources.deletedAt} is null)${
        filters.source ? sql` and ${evidence.sourceId} = ${filters.source}` : sql``
      }${filters.stance ? sql` and ${evidence.stance} = ${filters.stance}` : sql``}${
        filters.credibility ? sql` and ${evidence.credibility} = ${Number(filters.credibility)}` : sql``
      }${
        filters.reliability
          ? sql` and ${evidence.sourceId} in (select ${sources.id} from ${sources} where ${sources.reliability} = ${filters.reliability})`
          : sql``
      })`,
    );
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(${claims.statement} like ${pattern} escape '\\' or ${claims.id} in (select ${anchors.claimId} from ${anchors} where ${anchors.exact} like ${pattern} escape '\\' and ${liveAnchor(workspaceId)}))`,
    );
  }
  // Built with the query builder, run raw: 100k ids as plain strings, not 100k mapped rows.
  const query = db
    .select({ id: claims.id })
    .from(claims)
    .leftJoin(topics, eq(topics.id, claims.topicId))
    .where(and(...conditions))
    .orderBy(sql`${topics.question} is null`, asc(topics.question), asc(claims.createdAt), asc(claims.id))
    .toSQL();
  return db.$client
    .prepare(query.sql)
    .pluck()
    .all(...query.params) as string[];
}

/**
 * Display names that tell the workspace's namesakes apart ("Ana Costa", "Ana Costa (2)", numbered
 * in the order they joined: lib/member-names.ts), scoped to its members: nobody elsewhere on the
 * instance changes them. Someone no longer a member (an author, an analyst who left) keeps their
 * name, marked "(former member)" when a member has the same one.
 */
function workspaceNames(db: Db, workspaceId: string): (id: string | null) => string | null {
  const members = db
    .select({ id: users.id, name: users.name, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .all();
  const labels = memberLabels(members);
  const memberKeys = new Set(members.map((m) => nameKey(m.name)));
  const formerName = db.$client.prepare('select name from users where id = ?').pluck();
  return (id) => {
    if (!id) return null;
    let label = labels.get(id);
    if (label === undefined) {
      const name = formerName.get(id) as string | undefined;
      label = name === undefined ? '' : memberKeys.has(nameKey(name)) ? `${name} (former member)` : name;
      labels.set(id, label);
    }
    return label || null;
  };
}

/** An export's data, with what the evidence table page needs over all the claims in scope. */
export type OpenedExport = ExportSourceData & { claimCount: number } & ReturnType<typeof scopeSummary>;

export async function openExport({
  actor,
  workspaceId,
  baseUrl,
  filters = {},
}: {
  actor: Actor;
  workspaceId: string;
  baseUrl: string;
  filters?: EvidenceTableFilters;
}): Promise<OpenedExport> {
  const db = getDb();
  const role = authorize(db, actor, workspaceId, 'workspace.export');
  const workspace = db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).get()!;
  const me = db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).get();
  const nameOf = workspaceNames(db, workspaceId);

  // Blind assessments: on some claims this member may see only their own assessment. Whether they
  // see the others' depends on their having assessed the claim, which each batch reads with the
  // claim's assessments.
  const sees = (hasOwnAssessment: boolean) =>
    canSeeOthersAssessments({ blind: workspace.blindAssessments, role, hasOwnAssessment });
  const seesAll = sees(false);
  const ids = claimIdsInScope(db, workspaceId, filters, { userId: actor.userId, seesAll });

  // The layout (columns) is fixed before streaming: the most tags and passages of any claim, and
  // every analyst whose assessment will be exported (all of them, or under blind assessments this
  // member and those who assessed a claim this member assessed too).
  const idsJson = JSON.stringify(ids);
  const maxOf = (table: 'claim_tags' | 'anchors') =>
    (
      db.$client
        .prepare(
          `select coalesce(max(c), 0) as n from (select count(*) as c from ${table} where claim_id in (select value from json_each(?))${
            // Passages on documents in the trash are not exported: they take no column.
            table === 'anchors'
              ? ' and document_id in (select id from documents where workspace_id = ? and deleted_at is null)'
              : ''
          } group by claim_id)`,
        )
        .get(idsJson, ...(table === 'anchors' ? [workspaceId] : [])) as { n: number }
    ).n;
  const analystIds = (
    seesAll
      ? db.$client
          .prepare(
            'select distinct user_id from assessments where claim_id in (select value from json_each(?))',
          )
          .pluck()
          .all(idsJson)
      : db.$client
          .prepare(
            `select distinct a.user_id from assessments a where a.claim_id in (select value from json_each(?))
               and (a.user_id = ? or exists (select 1 from assessments m where m.claim_id = a.claim_id and m.user_id = ?))`,
          )
          .pluck()
          .all(idsJson, actor.userId, actor.userId)
  ) as string[];
  const layout = {
    maxTags: maxOf('claim_tags'),
    maxPassages: maxOf('anchors'),
    analysts: analystIds.map((id) => nameOf(id) ?? 'a former member').sort((a, b) => a.localeCompare(b)),
  };

  const docRows = db
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
    .orderBy(asc(documents.title))
    .all();
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
  const ratingsBySource = new Map<string, ExportSourceData['sources'][number]['ratings']>();
  for (const r of db
    .select({ r: sourceRatings })
    .from(sourceRatings)
    .innerJoin(sources, eq(sources.id, sourceRatings.sourceId))
    .where(eq(sources.workspaceId, workspaceId))
    .orderBy(asc(sourceRatings.id))
    .all()) {
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
    sources: db
      .select()
      .from(sources)
      .where(and(eq(sources.workspaceId, workspaceId), isNull(sources.deletedAt)))
      .orderBy(asc(sources.name))
      .all()
      .map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        url: s.url,
        description: s.description,
        reliability: s.reliability,
        ratings: ratingsBySource.get(s.id) ?? [],
        createdAt: iso(s.createdAt),
      })),
    claims: () => readClaims(ids, { nameOf, sees, actorId: actor.userId, workspaceId, filters }),
    claimCount: ids.length,
    ...scopeSummary(workspaceId, ids, filters),
  };
}

/** A row of `readClaims`' queries, as better-sqlite3 returns it in raw mode (columns in order). */
type Raw = unknown[];

/** The index of the first row at or after `from` whose claim position (first column) is not below `at`. */
function seek(rows: Raw[], from: number, at: number): number {
  while (from < rows.length && (rows[from]![0] as number) < at) from++;
  return from;
}

/** The index past the rows from `from` on whose claim position is `at`. */
function end(rows: Raw[], from: number, at: number): number {
  while (from < rows.length && rows[from]![0] === at) from++;
  return from;
}

const DAY_MS = 86_400_000;
let isoDay = Number.NaN;
let isoDayPrefix = '';

/**
 * A stored time (ms since the epoch) as `Date.prototype.toISOString` writes it, "" for none. The
 * date part is formatted once per day and the time appended: an export formats about ten times
 * per claim, and `toISOString` was a tenth of the time spent reading claims.
 */
function isoOf(ms: unknown): string {
  if (typeof ms !== 'number') return '';
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
 * The batch (a JSON array of claim ids, the one parameter of every statement) as a table: its
 * `key` is the claim's position in the batch. It is always the outer loop (`cross join` fixes
 * the order in SQLite): with a filter on the source, the planner would otherwise walk all the
 * source's evidence and scan the batch for each.
 */
const BATCH_TABLE = 'json_each(?) j';

/**
 * The evidence an export carries (alias `e`): live, of a live source of the workspace (evidence of
 * a source in the trash goes with it), and matching the table's evidence filters. The source
 * conditions must not pick the source's index (`+` keeps the column out of it): the claim's index
 * finds a claim's evidence directly.
 */
function evidenceFilter(
  workspaceId: string,
  filters: EvidenceTableFilters,
): { where: string; params: (string | number)[] } {
  const parts = [
    'e.deleted_at is null',
    '+e.source_id in (select id from sources where workspace_id = ? and deleted_at is null)',
  ];
  const params: (string | number)[] = [workspaceId];
  if (filters.source) {
    parts.push('+e.source_id = ?');
    params.push(filters.source);
  }
  if (filters.stance) {
    parts.push('e.stance = ?');
    params.push(filters.stance);
  }
  if (filters.credibility) {
    parts.push('e.credibility = ?');
    params.push(Number(filters.credibility));
  }
  if (filters.reliability) {
    parts.push('+e.source_id in (select id from sources where reliability = ?)');
    params.push(filters.reliability);
  }
  return { where: parts.join(' and '), params };
}

/**
 * Counts and the source-centred view over ALL the claims in scope, straight from SQL (the table
 * page shows only its first rows of claims): how many rows the table has (one per claim and
 * evidence link, one for a claim without evidence), and for each source the claims its evidence
 * touches, in export order (the first `perSource` of them, and how many in all).
 */
function scopeSummary(workspaceId: string, ids: string[], filters: EvidenceTableFilters) {
  const sqlite = getDb().$client;
  const scope = JSON.stringify(ids);
  const { where, params } = evidenceFilter(workspaceId, filters);
  return {
    rowCount: () =>
      sqlite
        .prepare(
          `select coalesce(sum(max(1, (select count(*) from evidence e where e.claim_id = j.value and ${where}))), 0)
           from json_each(?) j`,
        )
        .pluck()
        .get(...params, scope) as number,
    sourceTouches: (perSource: number) => {
      const bySource = new Map<
        string,
        { count: number; claims: { claimId: string; statement: string; stance: string; rating: string }[] }
      >();
      const rows = sqlite
        .prepare(
          `select e.source_id, c.id, c.statement, e.stance, s.reliability || e.credibility
           from json_each(?) j cross join evidence e on e.claim_id = j.value
             join claims c on c.id = e.claim_id join sources s on s.id = e.source_id
           where ${where} order by e.source_id, j.key, e.created_at`,
        )
        .raw()
        .iterate(scope, ...params) as Iterable<[string, string, string, string, string]>;
      for (const [sourceId, claimId, statement, stance, rating] of rows) {
        let entry = bySource.get(sourceId);
        if (!entry) bySource.set(sourceId, (entry = { count: 0, claims: [] }));
        entry.count++;
        if (entry.claims.length < perSource) entry.claims.push({ claimId, statement, stance, rating });
      }
      return bySource;
    },
  };
}

/**
 * The claims, one batch of ids at a time. Each batch is read with one prepared statement per table
 * (prepared once per pass; raw rows; only the columns the model needs; the claim named by its
 * position in the batch); documents and sources are looked up once per export rather than joined
 * into every row. 100k claims took ~12 s through the query builder, mostly in per-row mapping.
 */
async function* readClaims(
  ids: string[],
  opts: {
    nameOf: (id: string | null) => string | null;
    /** Whether this member sees the others' assessments of a claim (blind assessments). */
    sees: (hasOwnAssessment: boolean) => boolean;
    actorId: string;
    workspaceId: string;
    filters: EvidenceTableFilters;
  },
): AsyncGenerator<ExportClaim> {
  const sqlite = getDb().$client;
  const { nameOf } = opts;
  const claimStatement = sqlite
    .prepare(
      `select j.key, c.statement, ty.name, tp.question, c.kind, c.quantity_min, c.quantity_max, c.quantity_unit,
         c.status, c.alternative_of, c.contested, c.created_by, c.reviewer_id, c.created_at, c.updated_at
       from ${BATCH_TABLE} cross join claims c on c.id = j.value join claim_types ty on ty.id = c.type_id
         left join topics tp on tp.id = c.topic_id
       order by j.key`,
    )
    .raw();
  const tagStatement = sqlite
    .prepare(
      `select j.key, t.tag from ${BATCH_TABLE} cross join claim_tags t on t.claim_id = j.value order by j.key, t.tag`,
    )
    .raw();
  const anchorStatement = sqlite
    .prepare(
      `select j.key, a.id, a.document_id, a.revision_id, a.exact, a.prefix, a.suffix, a.start, a."end", a.status,
         a.score, a.created_by, a.created_at, a.updated_at
       from ${BATCH_TABLE} cross join anchors a on a.claim_id = j.value order by j.key, a.created_at`,
    )
    .raw();
  const { where: evidenceWhere, params: evidenceParams } = evidenceFilter(opts.workspaceId, opts.filters);
  const evidenceStatement = sqlite
    .prepare(
      `select j.key, e.id, e.source_id, e.stance, e.credibility, e.quote, e.locator, e.note, e.accessed_on,
         e.created_by, e.created_at, e.updated_at
       from ${BATCH_TABLE} cross join evidence e on e.claim_id = j.value
       where ${evidenceWhere} order by j.key, e.created_at`,
    )
    .raw();
  const assessmentStatement = sqlite
    .prepare(
      `select j.key, s.id, s.user_id, s.likelihood, s.confidence, s.rationale, s.created_at, s.updated_at
       from ${BATCH_TABLE} cross join assessments s on s.claim_id = j.value order by j.key, s.created_at`,
    )
    .raw();
  const decisionStatement = sqlite
    .prepare(
      `select j.key, d.outcome, d.rationale, d.decided_by, d.created_at, d.preferred_claim_id
       from ${BATCH_TABLE} cross join decisions d on d.claim_id = j.value order by j.key, d.created_at desc`,
    )
    .raw();

  // A handful of documents and sources serve thousands of claims: each is read once, when first
  // met (a document in the trash has no title: its passages are left out, as before).
  const documentTitle = sqlite
    .prepare('select title from documents where id = ? and deleted_at is null')
    .pluck();
  const titles = new Map<string, string | null>();
  const titleOf = (documentId: string) => {
    let title = titles.get(documentId);
    if (title === undefined) {
      title = (documentTitle.get(documentId) as string | undefined) ?? null;
      titles.set(documentId, title);
    }
    return title;
  };
  const sourceRow = sqlite.prepare(
    'select id, name, kind, url, reliability from sources where id = ? and deleted_at is null',
  );
  type SourceRow = { id: string; name: string; kind: string; url: string | null; reliability: Reliability };
  const sourceCache = new Map<string, SourceRow | null>();
  const sourceOf = (sourceId: string) => {
    let source = sourceCache.get(sourceId);
    if (source === undefined) {
      source = (sourceRow.get(sourceId) as SourceRow | undefined) ?? null;
      sourceCache.set(sourceId, source);
    }
    return source;
  };

  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const scope = JSON.stringify(batch);
    // Every statement returns its rows in claim order (by position in the batch), so each claim's
    // rows are a run, walked with an index: no per-batch lists or maps. Anything kept for a whole
    // batch risks being allocated in the old generation by V8 (pretenuring), where, dead, it still
    // keeps the rows it points to alive through young collections: 100k claims then took ~100 MB
    // more memory and a fifth more time.
    const claimRows = claimStatement.all(scope) as Raw[];
    const tagRows = tagStatement.all(scope) as Raw[];
    const anchorRows = anchorStatement.all(scope) as Raw[];
    const evidenceRows = evidenceStatement.all(scope, ...evidenceParams) as Raw[];
    const assessmentRows = assessmentStatement.all(scope) as Raw[];
    const decisionRows = decisionStatement.all(scope) as Raw[];
    let tag = 0;
    let anchor = 0;
    let link = 0;
    let assessment = 0;
    let decision = 0;
    for (const c of claimRows) {
      const at = c[0] as number;
      const id = batch[at]!;

      const tags: string[] = [];
      tag = seek(tagRows, tag, at);
      for (; tag < tagRows.length && tagRows[tag]![0] === at; tag++) tags.push(tagRows[tag]![1] as string);

      const anchorList: ExportClaim['anchors'] = [];
      anchor = seek(anchorRows, anchor, at);
      for (; anchor < anchorRows.length && anchorRows[anchor]![0] === at; anchor++) {
        const r = anchorRows[anchor]!;
        const title = titleOf(r[2] as string);
        if (title === null) continue;
        anchorList.push({
          id: r[1] as string,
          documentId: r[2] as string,
          documentTitle: title,
          revisionId: r[3] as string,
          exact: r[4] as string,
          prefix: r[5] as string,
          suffix: r[6] as string,
          start: r[7] as number | null,
          end: r[8] as number | null,
          status: r[9] as ExportClaim['anchors'][number]['status'],
          score: r[10] as number,
          createdBy: nameOf(r[11] as string | null),
          createdAt: isoOf(r[12]),
          updatedAt: isoOf(r[13]),
        });
      }

      const evidenceList: ExportClaim['evidence'] = [];
      link = seek(evidenceRows, link, at);
      for (; link < evidenceRows.length && evidenceRows[link]![0] === at; link++) {
        const r = evidenceRows[link]!;
        const source = sourceOf(r[2] as string);
        if (!source) continue;
        evidenceList.push({
          id: r[1] as string,
          sourceId: source.id,
          sourceName: source.name,
          sourceKind: source.kind,
          sourceUrl: source.url,
          reliability: source.reliability,
          stance: r[3] as Stance,
          credibility: r[4] as Credibility,
          quote: r[5] as string | null,
          locator: r[6] as string | null,
          note: r[7] as string | null,
          accessedOn: r[8] as string | null,
          createdBy: nameOf(r[9] as string | null),
          createdAt: isoOf(r[10]),
          updatedAt: isoOf(r[11]),
        });
      }

      // Blind assessments: whether this member sees the others' depends on their own.
      assessment = seek(assessmentRows, assessment, at);
      const last = end(assessmentRows, assessment, at);
      let hasOwn = false;
      for (let k = assessment; k < last; k++) if (assessmentRows[k]![2] === opts.actorId) hasOwn = true;
      const visible = opts.sees(hasOwn);
      const assessmentList: ExportClaim['assessments'] = [];
      for (; assessment < last; assessment++) {
        const r = assessmentRows[assessment]!;
        if (!visible && r[2] !== opts.actorId) continue;
        assessmentList.push({
          id: r[1] as string,
          analyst: nameOf(r[2] as string) ?? 'a former member',
          likelihood: r[3] as Likelihood,
          confidence: r[4] as Confidence,
          rationale: r[5] as string,
          createdAt: isoOf(r[6]),
          updatedAt: isoOf(r[7]),
        });
      }

      // The latest decision is the first of the claim's.
      decision = seek(decisionRows, decision, at);
      const latest = decisionRows[decision]?.[0] === at ? decisionRows[decision]! : null;

      const contested = c[10] as string;
      const min = c[5] as number | null;
      const max = c[6] as number | null;
      yield {
        id,
        statement: c[1] as string,
        type: c[2] as string,
        topic: c[3] as string | null,
        tags,
        kind: c[4] as ClaimKind,
        quantity: min !== null && max !== null ? { min, max, unit: (c[7] as string | null) ?? '' } : null,
        status: c[8] as ExportClaim['status'],
        alternativeOf: c[9] as string | null,
        contested:
          contested === '[]'
            ? []
            : [
                ...new Set(
                  (JSON.parse(contested) as StoredReason[]).map((r) => CONTESTED_REASON_LABELS[r.kind]),
                ),
              ],
        author: nameOf(c[11] as string | null),
        reviewer: nameOf(c[12] as string | null),
        decision: latest
          ? {
              status: latest[1] as ExportDecision['status'],
              rationale: latest[2] as string,
              decidedBy: nameOf(latest[3] as string | null) ?? 'a former member',
              decidedAt: isoOf(latest[4]),
              preferredClaimId: latest[5] as string | null,
            }
          : null,
        createdAt: isoOf(c[13]),
        updatedAt: isoOf(c[14]),
        anchors: anchorList,
        evidence: evidenceList,
        assessments: assessmentList,
      };
    }
    // Let the response stream flush between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
