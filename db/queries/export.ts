/**
 * Exports: the workspace (or one document, or the evidence table's current view) as the export
 * model of lib/export/model.ts. Claims are read in batches as the serializer asks for them, so a
 * 100k-claim export holds one batch in memory, not the workspace. Blind assessments apply: a
 * member who has not assessed a claim exports only their own assessment of it.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ExportClaim, ExportDecision, ExportSourceData } from '@/lib/export/model';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import { CONTESTED_REASON_LABELS } from '@/lib/review/contested';
import { canSeeOthersAssessments } from '@/lib/review/visibility';
import { getDb, type Db } from '../client';
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
  sourceRatings,
  sources,
  topics,
  users,
  workspaces,
} from '../schema';
import { authorize, type Actor } from './access';

const BATCH = 500;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');

/** The ids of the claims in scope, in export order (by topic, claims without one last, then age). */
function claimIdsInScope(db: Db, workspaceId: string, filters: EvidenceTableFilters): string[] {
  const conditions = [eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt)];
  if (filters.document) {
    conditions.push(
      sql`${claims.id} in (select ${anchors.claimId} from ${anchors} where ${anchors.documentId} = ${filters.document})`,
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
  if (filters.source || filters.stance) {
    conditions.push(
      sql`${claims.id} in (select ${evidence.claimId} from ${evidence} where ${evidence.deletedAt} is null${
        filters.source ? sql` and ${evidence.sourceId} = ${filters.source}` : sql``
      }${filters.stance ? sql` and ${evidence.stance} = ${filters.stance}` : sql``})`,
    );
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`(${claims.statement} like ${pattern} escape '\\' or ${claims.id} in (select ${anchors.claimId} from ${anchors} where ${anchors.exact} like ${pattern} escape '\\'))`,
    );
  }
  return db
    .select({ id: claims.id })
    .from(claims)
    .leftJoin(topics, eq(topics.id, claims.topicId))
    .where(and(...conditions))
    .orderBy(sql`${topics.question} is null`, asc(topics.question), asc(claims.createdAt), asc(claims.id))
    .all()
    .map((r) => r.id);
}

/** Display names that tell namesakes apart ("Ana Costa", "Ana Costa (2)"). */
function uniqueNames(rows: { id: string; name: string }[]): Map<string, string> {
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const r of [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))) {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    out.set(r.id, n === 1 ? r.name : `${r.name} (${n})`);
  }
  return out;
}

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
}): Promise<ExportSourceData> {
  const db = getDb();
  const role = authorize(db, actor, workspaceId, 'workspace.export');
  const workspace = db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).get()!;
  const me = db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).get();
  const ids = claimIdsInScope(db, workspaceId, filters);
  const names = uniqueNames(db.select({ id: users.id, name: users.name }).from(users).all());
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);

  // Blind assessments: claims on which this member may see only their own.
  const mine = new Set(
    db
      .select({ claimId: assessments.claimId })
      .from(assessments)
      .innerJoin(claims, eq(claims.id, assessments.claimId))
      .where(and(eq(assessments.userId, actor.userId), eq(claims.workspaceId, workspaceId)))
      .all()
      .map((a) => a.claimId),
  );
  const sees = (claimId: string) =>
    canSeeOthersAssessments({ blind: workspace.blindAssessments, role, hasOwnAssessment: mine.has(claimId) });

  // The layout (columns) is fixed before streaming: the most tags and passages of any claim, and
  // every analyst whose assessment will be exported.
  const idsJson = JSON.stringify(ids);
  const scope = sql`(select value from json_each(${idsJson}))`;
  const maxOf = (table: 'claim_tags' | 'anchors') =>
    (
      db.$client
        .prepare(
          `select coalesce(max(c), 0) as n from (select count(*) as c from ${table} where claim_id in (select value from json_each(?)) group by claim_id)`,
        )
        .get(idsJson) as { n: number }
    ).n;
  const analystIds = db
    .selectDistinct({ userId: assessments.userId, claimId: assessments.claimId })
    .from(assessments)
    .where(sql`${assessments.claimId} in ${scope}`)
    .all()
    .filter((a) => a.userId === actor.userId || sees(a.claimId))
    .map((a) => a.userId);
  const layout = {
    maxTags: maxOf('claim_tags'),
    maxPassages: maxOf('anchors'),
    analysts: [...new Set(analystIds)].map((id) => nameOf(id)!).sort((a, b) => a.localeCompare(b)),
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
    claims: () => readClaims(ids, { nameOf, sees, actorId: actor.userId, filters }),
  };
}

/** The claims, one batch of ids at a time (each batch read in a handful of queries). */
async function* readClaims(
  ids: string[],
  opts: {
    nameOf: (id: string | null) => string | null;
    sees: (claimId: string) => boolean;
    actorId: string;
    filters: EvidenceTableFilters;
  },
): AsyncGenerator<ExportClaim> {
  const db = getDb();
  const { nameOf } = opts;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const rows = db
      .select({ c: claims, type: claimTypes.name, topic: topics.question })
      .from(claims)
      .innerJoin(claimTypes, eq(claimTypes.id, claims.typeId))
      .leftJoin(topics, eq(topics.id, claims.topicId))
      .where(inArray(claims.id, batch))
      .all();
    const group = <T extends { claimId: string }>(list: T[]) => {
      const map = new Map<string, T[]>();
      for (const item of list) {
        const l = map.get(item.claimId) ?? [];
        l.push(item);
        map.set(item.claimId, l);
      }
      return map;
    };
    const tags = group(
      db
        .select({ claimId: claimTags.claimId, tag: claimTags.tag })
        .from(claimTags)
        .where(inArray(claimTags.claimId, batch))
        .orderBy(asc(claimTags.tag))
        .all(),
    );
    const anchorRows = group(
      db
        .select({ a: anchors, title: documents.title, claimId: anchors.claimId })
        .from(anchors)
        .innerJoin(documents, eq(documents.id, anchors.documentId))
        .where(and(inArray(anchors.claimId, batch), isNull(documents.deletedAt)))
        .orderBy(asc(anchors.createdAt))
        .all(),
    );
    const evidenceRows = group(
      db
        .select({ e: evidence, s: sources, claimId: evidence.claimId })
        .from(evidence)
        .innerJoin(sources, eq(sources.id, evidence.sourceId))
        .where(
          and(
            inArray(evidence.claimId, batch),
            isNull(evidence.deletedAt),
            opts.filters.source ? eq(evidence.sourceId, opts.filters.source) : undefined,
            opts.filters.stance ? eq(evidence.stance, opts.filters.stance) : undefined,
          ),
        )
        .orderBy(asc(evidence.createdAt))
        .all(),
    );
    const assessmentRows = group(
      db
        .select()
        .from(assessments)
        .where(inArray(assessments.claimId, batch))
        .orderBy(asc(assessments.createdAt))
        .all(),
    );
    const latest = new Map<string, ExportDecision>();
    for (const d of db
      .select()
      .from(decisions)
      .where(inArray(decisions.claimId, batch))
      .orderBy(desc(decisions.decidedAt))
      .all()) {
      if (latest.has(d.claimId)) continue;
      latest.set(d.claimId, {
        status: d.outcome,
        rationale: d.rationale,
        decidedBy: nameOf(d.decidedBy) ?? 'a former member',
        decidedAt: iso(d.decidedAt),
        preferredClaimId: d.preferredClaimId,
      });
    }
    const byId = new Map(rows.map((r) => [r.c.id, r]));
    for (const id of batch) {
      const row = byId.get(id);
      if (!row) continue;
      const { c } = row;
      const visible = opts.sees(c.id);
      yield {
        id: c.id,
        statement: c.statement,
        type: row.type,
        topic: row.topic,
        tags: (tags.get(c.id) ?? []).map((t) => t.tag),
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
        decision: latest.get(c.id) ?? null,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
        anchors: (anchorRows.get(c.id) ?? []).map(({ a, title }) => ({
          id: a.id,
          documentId: a.documentId,
          documentTitle: title,
          revisionId: a.revisionId,
          exact: a.exact,
          prefix: a.prefix,
          suffix: a.suffix,
          start: a.start,
          end: a.end,
          status: a.status,
          score: a.score,
          createdBy: nameOf(a.createdBy),
          createdAt: iso(a.createdAt),
          updatedAt: iso(a.updatedAt),
        })),
        evidence: (evidenceRows.get(c.id) ?? []).map(({ e, s }) => ({
          id: e.id,
          sourceId: s.id,
          sourceName: s.name,
          sourceKind: s.kind,
          sourceUrl: s.url,
          reliability: s.reliability,
          stance: e.stance,
          credibility: e.credibility,
          quote: e.quote,
          locator: e.locator,
          note: e.note,
          accessedOn: e.accessedOn,
          createdBy: nameOf(e.createdBy),
          createdAt: iso(e.createdAt),
          updatedAt: iso(e.updatedAt),
        })),
        assessments: (assessmentRows.get(c.id) ?? [])
          .filter((a) => visible || a.userId === opts.actorId)
          .map((a) => ({
            id: a.id,
            analyst: nameOf(a.userId) ?? 'a former member',
            likelihood: a.likelihood,
            confidence: a.confidence,
            rationale: a.rationale,
            createdAt: iso(a.createdAt),
            updatedAt: iso(a.updatedAt),
          })),
      };
    }
    // Let the response stream flush between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
