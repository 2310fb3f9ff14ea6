/**
 * The evidence table page: the same claims and rows as the exports (db/queries/export.ts, so the
 * table and its "export this view" agree), shaped for display, with the filters' choices.
 *
 * A page is chosen in SQL (issue 15): the claims in scope (the exports' `claimScope`), ordered by
 * the SQL expression of what the sorted column shows, then by export order (topic, age, id; then
 * the evidence link's age) as the unique tie-breaker, cut at the page's size; only the claims of
 * that page are then read, by the exports' batch reader (`TableReading.claims`). The next page
 * starts after the last row shown (keyset paging: `TableCursor`), and the totals are counts in SQL.
 * Read from one snapshot: the rows shown and the totals agree.
 *
 * Two shapes of query. A column of the claim (its statement, tags, passage, assessments…) orders
 * claims, and a claim's rows follow one another (its evidence by age): the claims alone are
 * ordered, each giving one row or more. A column of the evidence (source, reliability, stance,
 * credibility) or grouping by source orders the rows themselves: claims joined to their evidence
 * (a claim without evidence keeps one row, blank there, so last).
 *
 * Text is ordered as db/dialect `foldedText` says: ASCII letters folded, then code points. That is
 * the order of the old in-memory sort (lib/export/table-view.ts `sortRows`, an English collator,
 * numbers by value, case and accents ignored) for plain words; it differs for accented letters
 * ("é" after "z"), for digits inside text ("claim 10" before "claim 9") and for some punctuation.
 */
import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ExportClaim, ExportSource } from '@/lib/export/model';
import { CLAIM_STATUS_LABELS } from '@/lib/export/model';
import { evidenceRows, type EvidenceRow } from '@/lib/export/rows';
import type { EvidenceTableFilters } from '@/lib/export/table-filters';
import { displayRow, type ColumnKey, type DisplayRow, type GroupKey } from '@/lib/export/table-view';
import { CONTESTED_REASON_LABELS } from '@/lib/review/contested';
import { CREDIBILITY_CODES, STANCES, type Credibility } from '@/lib/scales';
import type { Store } from '../store';
import {
  assessments,
  claims,
  claimTags,
  claimTypes,
  documents,
  evidence,
  memberships,
  sources,
  topics,
  users,
} from '../schema';
import { foldedText, inIds, jsonArrayItems, jsonLookup, jsonArrayEmpty, orderedConcat } from '../dialect';
import { authorize, type Actor } from './access';
import { stanceLinks } from './evidence-links';
import { hasEvidenceFilters, onlyStanceFilter, openTableReading, type TableReading } from './export';

/** The most rows a page holds (the table page chooses fewer: lib/export/table-view `ROWS_PER_PAGE`); the exports carry everything. */
export const TABLE_ROW_LIMIT = 1000;

/** Evidence links (claim, stance, rating) listed per source in the source view; the count says how many in all. */
export const CLAIMS_PER_SOURCE = 50;

/**
 * Where the next page starts: the order terms' values of the last row shown (`v`) and, when the
 * page ordered claims, how many rows of that claim were shown (`s`). Made by this module and
 * carried in the URL (`encodeCursor`); anything else found there is no cursor (the first page).
 */
export interface TableCursor {
  v: (string | number | null)[];
  s: number;
}

const cursorSchema = z.object({
  v: z.array(z.union([z.string().max(20_000), z.number().finite(), z.null()])).max(16),
  s: z.number().int().min(0).max(1_000_000),
});

export function encodeCursor(cursor: TableCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor from the URL, or undefined when it is not one (then the page starts at the first row). */
export function decodeCursor(value: string | undefined): TableCursor | undefined {
  if (!value || value.length > 40_000) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** An order term: an expression and its direction. */
interface Term {
  expr: SQL;
  dir: 'asc' | 'desc';
}

/**
 * The claim's id, qualified by its table: Drizzle writes a column without its table in a statement
 * that reads one table, where a correlated subquery would take it as its own table's.
 */
const CLAIM_ID = sql`${sql.identifier('claims')}.${sql.identifier('id')}`;

/** The columns shown per row of the evidence, as opposed to per claim. */
const EVIDENCE_COLUMNS = new Set<ColumnKey>(['source', 'reliability', 'stance', 'credibility']);

const blankLast = (value: SQL): Term => ({
  expr: sql`(case when ${value} is null or ${value} = '' then 1 else 0 end)`,
  dir: 'asc',
});
/** A text key: blanks last in either direction, then the text as the table orders it. */
const textKey = (value: SQL, dir: 'asc' | 'desc'): Term[] => [
  blankLast(value),
  { expr: sql`coalesce(${foldedText(value)}, '')`, dir },
];

const STATUS_LABELS = JSON.stringify(CLAIM_STATUS_LABELS);
const CONTESTED_LABELS = JSON.stringify(CONTESTED_REASON_LABELS);

/** A member's name as the table shows it: their label in the workspace, else their own name. */
const personName = (names: string, userId: SQL | typeof claims.createdBy) =>
  sql`coalesce(${jsonLookup(names, userId)}, (select ${users.name} from ${users} where ${users.id} = ${userId}))`;

/**
 * The order of a column, as SQL over `claims` (and in the rows' query `evidence` and `sources`):
 * each term what the table's cell shows, or sorts the same.
 */
function columnTerms(
  key: ColumnKey,
  dir: 'asc' | 'desc',
  ctx: { names: string; seesAll: boolean; userId: string },
): Term[] {
  switch (key) {
    case 'statement':
      return textKey(sql`${claims.statement}`, dir);
    case 'type':
      return textKey(sql`${claimTypes.name}`, dir);
    case 'topic':
      return textKey(sql`${topics.question}`, dir);
    case 'tags':
      // Listed by tag, joined with ", " (the batch reads them in that order): kept on the claim.
      return textKey(sql`${claims.tagsKey}`, dir);
    case 'quantity':
      // By value (its lower bound); blank without a quantity.
      return [
        {
          expr: sql`(case when ${claims.quantityMin} is null or ${claims.quantityMax} is null then 1 else 0 end)`,
          dir: 'asc',
        },
        { expr: sql`coalesce(${claims.quantityMin}, 0)`, dir },
      ];
    // The passages' columns are kept on the claim (./passage-keys).
    case 'passage':
      // “first quote” (+n): the first passage's quote, then how many more.
      return [...textKey(sql`${claims.passageKey}`, dir), { expr: sql`${claims.passageCount}`, dir }];
    case 'document':
      // The passages' documents, each once, in the order of their first passage.
      return textKey(sql`${claims.documentKey}`, dir);
    case 'anchor':
      return textKey(sql`${claims.anchorKey}`, dir);
    case 'assessments': {
      // By the judgment the assessments give (lib/review/assessment-order.ts), kept on the claim
      // (./assessment-key). Blind assessments: a member who may see only their own and has not
      // assessed the claim sees none (blank), so its place says nothing of the others'.
      const kept = sql`${claims.assessmentKey}`;
      const visible = ctx.seesAll
        ? kept
        : sql`(case when exists (select 1 from ${assessments} as own where own.claim_id = ${claims.id} and own.user_id = ${ctx.userId}) then ${kept} end)`;
      return [
        { expr: sql`(case when ${visible} is null then 1 else 0 end)`, dir: 'asc' },
        { expr: sql`coalesce(${visible}, 0)`, dir },
      ];
    }
    case 'status':
      return textKey(
        sql`(${jsonLookup(STATUS_LABELS, sql`${claims.status}`)} || (case when ${claims.alternativeOf} is null then '' else ' (alternative)' end))`,
        dir,
      );
    case 'contested':
      // The reasons' labels, each once, in the order of their first reason.
      return textKey(
        sql`(case when ${jsonArrayEmpty(claims.contested)} then null else (select ${orderedConcat(sql`label`, ', ', sql`first_at`)} from (select ${jsonLookup(CONTESTED_LABELS, sql`item.value ->> 'kind'`)} as label, min(item.key) as first_at from ${jsonArrayItems(claims.contested)} group by 1) as reasons) end)`,
        dir,
      );
    case 'author':
      return textKey(
        sql`(case when ${claims.createdBy} is null then null else ${personName(ctx.names, sql`${claims.createdBy}`)} end)`,
        dir,
      );
    case 'reviewer':
      return textKey(
        sql`(case when ${claims.reviewerId} is null then null else ${personName(ctx.names, sql`${claims.reviewerId}`)} end)`,
        dir,
      );
    case 'created':
    case 'updated': {
      // The day (UTC), as the cell shows it; the time within the day is not shown: a tie.
      const at = key === 'created' ? claims.createdAt : claims.updatedAt;
      return [{ expr: sql`(${at} / 86400000)`, dir }];
    }
    case 'source':
      return textKey(sql`${sources.name}`, dir);
    case 'reliability':
      return textKey(sql`${sources.reliability}`, dir);
    case 'stance':
      return textKey(sql`${evidence.stance}`, dir);
    case 'credibility':
      // "B3": the source's reliability, then the link's credibility (one digit).
      return [
        ...textKey(sql`${sources.reliability}`, dir),
        { expr: sql`coalesce(${evidence.credibility}, 0)`, dir },
      ];
  }
}

/** The groups' order (groups by their label, as the page shows it), before the column's. */
function groupTerms(key: GroupKey): Term[] {
  const label = (value: SQL) => [{ expr: foldedText(value), dir: 'asc' as const }];
  switch (key) {
    case 'topic':
      return label(sql`coalesce(${topics.question}, 'No topic')`);
    case 'type':
      return label(sql`${claimTypes.name}`);
    case 'source':
      return label(sql`coalesce(${sources.name}, 'No evidence')`);
    case 'document':
      return label(sql`coalesce(${claims.firstDocument}, 'No passage')`);
  }
}

/** Export order: by topic (claims without one last), then age, then id. Unique per claim. */
const exportOrder: Term[] = [
  { expr: sql`(case when ${topics.question} is null then 1 else 0 end)`, dir: 'asc' },
  { expr: sql`coalesce(${topics.question}, '')`, dir: 'asc' },
  { expr: sql`${claims.createdAt}`, dir: 'asc' },
  { expr: sql`${claims.id}`, dir: 'asc' },
];
/** Within a claim, its evidence by age (a claim without evidence has one row). */
const evidenceOrder: Term[] = [
  { expr: sql`coalesce(${evidence.createdAt}, 0)`, dir: 'asc' },
  { expr: sql`coalesce(${evidence.id}, '')`, dir: 'asc' },
];

/**
 * The rows after `values` in the order of `terms` (or at them too, `inclusive`): the first term
 * further on, or equal and the second further on, and so on.
 */
function after(terms: Term[], values: readonly unknown[], inclusive: boolean): SQL {
  const alternatives: SQL[] = [];
  for (let i = 0; i < terms.length; i++) {
    const equal = terms.slice(0, i).map((t, j) => sql`${t.expr} = ${values[j]}`);
    const t = terms[i]!;
    alternatives.push(
      and(...equal, t.dir === 'asc' ? sql`${t.expr} > ${values[i]}` : sql`${t.expr} < ${values[i]}`)!,
    );
  }
  if (inclusive) alternatives.push(and(...terms.map((t, j) => sql`${t.expr} = ${values[j]}`))!);
  return or(...alternatives)!;
}

const orderBy = (terms: Term[]) =>
  terms.map((t) => (t.dir === 'asc' ? sql`${t.expr} asc` : sql`${t.expr} desc`));

/**
 * The claims in scope from which a page ordered by the evidence first (by source, reliability,
 * credibility or stance, or grouped by source) is found segment by segment (`segmentOf`) rather
 * than by joining every claim in scope to its evidence: below this, the join is the cheaper.
 */
export const SEGMENTED_FROM_CLAIMS = 20_000;

/**
 * How a page ordered first by something of the evidence is found in segments: its leading order
 * terms depend only on the link's source (`source`: its name, reliability, or group; with the
 * link's credibility, `credibility`) or on the link's stance (`stance`). Each segment (the links of
 * the sources, or of the stances, whose leading terms are equal; then the claims without evidence,
 * blank there, at their place in that order) is read through the evidence's index on that column
 * and ordered alone, in the order of the segments, until the page is full: at 100,000 claims, the
 * first segments hold a page's rows, where joining every claim to its evidence cost about 3 µs per
 * claim.
 */
interface Segmenting {
  by: 'source' | 'stance';
  /** Whether the source's leading terms are followed by the link's credibility (also leading). */
  credibility?: boolean;
  /** How many of the order's first terms depend only on those columns. */
  leading: number;
}

/** A segment: the sources (`null`: the claims without evidence) or stances, and the credibility. */
interface Segment {
  values: (string | null)[];
  credibility?: number;
  /** The segment's values of the leading order terms. */
  lead: unknown[];
}

function segmentOf(sort: ColumnKey | undefined, group: GroupKey | undefined): Segmenting | undefined {
  if (group === 'source') return { by: 'source', leading: 1 };
  if (group) return undefined;
  if (sort === 'source' || sort === 'reliability') return { by: 'source', leading: 2 };
  // The source's reliability, then the link's credibility ("B3").
  if (sort === 'credibility') return { by: 'source', credibility: true, leading: 3 };
  if (sort === 'stance') return { by: 'stance', leading: 2 };
  return undefined;
}

/**
 * The segments of a page's order, in that order, from the one holding `from` (none: the first):
 * each the sources' ids or the stances of equal leading terms, `null` among them for the claims
 * without evidence. The leading terms are computed over a table of the candidates named as the
 * table they read (`sources` or `evidence`), holding a row of nulls for the claims without evidence;
 * with the credibility, each source with each credibility.
 */
async function segmentsOf(
  db: Store['db'],
  workspaceId: string,
  segmenting: Segmenting,
  leading: Term[],
  from: TableCursor | undefined,
): Promise<Segment[]> {
  const column = (table: string, name: string) => sql`${sql.identifier(table)}.${sql.identifier(name)}`;
  const listed = (type: 'text' | 'integer', name: string, values: readonly (string | number)[]) =>
    sql`(select cast(null as ${sql.raw(type)}) as ${sql.identifier(name)}${sql.join(
      values.map((v) => sql` union all select cast(${v} as ${sql.raw(type)})`),
      sql``,
    )}) as ${sql.identifier('evidence')}`;
  const candidates =
    segmenting.by === 'source'
      ? sql`(select cast(null as text) as id, cast(null as text) as name, cast(null as text) as reliability union all select ${sources.id}, ${sources.name}, ${sources.reliability} from ${sources} where ${sources.workspaceId} = ${workspaceId} and ${sources.deletedAt} is null) as ${sql.identifier('sources')}${
          segmenting.credibility
            ? sql` cross join ${listed('integer', 'credibility', CREDIBILITY_CODES)}`
            : sql``
        }`
      : listed('text', 'stance', STANCES);
  const fields: Record<string, SQL> = {
    value: segmenting.by === 'source' ? column('sources', 'id') : column('evidence', 'stance'),
  };
  if (segmenting.credibility) fields.credibility = column('evidence', 'credibility');
  leading.forEach((t, i) => (fields[`k${i}`] = t.expr));
  const rows = (await db
    .select(fields)
    .from(candidates)
    .where(
      and(
        // The claims without evidence have no credibility; each source has every one.
        segmenting.credibility
          ? sql`(${column('sources', 'id')} is null) = (${column('evidence', 'credibility')} is null)`
          : undefined,
        from ? after(leading, from.v.slice(0, leading.length), true) : undefined,
      ),
    )
    .orderBy(...orderBy(leading))) as Record<string, unknown>[];
  const segments: Segment[] = [];
  let last: string | undefined;
  for (const row of rows) {
    const lead = leading.map((_, i) => row[`k${i}`]);
    const key = JSON.stringify(lead);
    if (key !== last)
      segments.push({
        values: [],
        credibility: row.credibility == null ? undefined : Number(row.credibility),
        lead,
      });
    segments[segments.length - 1]!.values.push(row.value as string | null);
    last = key;
  }
  return segments;
}

/** What a page of the evidence view is: its rows, and where the next page starts (none: the last page). */
interface EvidencePage {
  rows: DisplayRow[];
  next: TableCursor | null;
}

async function evidencePage(
  store: Store,
  reading: TableReading,
  db: Store['db'],
  {
    sort,
    dir,
    group,
    limit,
    cursor,
    userId,
    workspaceId,
    claimsInScope,
    withoutEvidence,
    keptStances,
    segmentedFrom,
  }: {
    sort?: ColumnKey;
    dir: 'asc' | 'desc';
    group?: GroupKey;
    limit: number;
    cursor?: TableCursor;
    userId: string;
    workspaceId: string;
    /** How many claims are in scope (the page's total). */
    claimsInScope: number;
    /** Whether a claim without evidence has a row (none does when a filter keeps only some links). */
    withoutEvidence: boolean;
    /**
     * Whether each claim's kept count of live links of a stance (./evidence-links) counts the links
     * the page shows of that stance: no filter on the links, or one on their stance only.
     */
    keptStances: boolean;
    segmentedFrom: number;
  },
): Promise<EvidencePage> {
  const ctx = { names: JSON.stringify(reading.names()), seesAll: reading.seesAll, userId };
  const byRow = (sort && EVIDENCE_COLUMNS.has(sort)) || group === 'source';
  const terms = [
    ...(group ? groupTerms(group) : []),
    ...(sort ? columnTerms(sort, dir, ctx) : []),
    ...exportOrder,
    ...(byRow ? evidenceOrder : []),
  ];
  // A cursor made for another order is no cursor.
  const from = cursor && cursor.v.length === terms.length ? cursor : undefined;
  const fields: Record<string, SQL> = { claimId: sql`${claims.id}` };
  if (byRow) fields.evidenceId = sql`${evidence.id}`;
  terms.forEach((t, i) => (fields[`k${i}`] = t.expr));
  const fromCursor = from ? after(terms, from.v, !byRow) : undefined;
  // The claims in scope, joined to their evidence when the page orders rows (`withLinks`, a
  // condition on them; a claim without any keeps one row, blank there).
  const claimRows = (withLinks?: SQL) => {
    let query = db
      .select(fields)
      .from(claims)
      .innerJoin(claimTypes, eq(claimTypes.id, claims.typeId))
      .leftJoin(topics, eq(topics.id, claims.topicId))
      .$dynamic();
    if (byRow)
      query = query
        .leftJoin(evidence, and(eq(evidence.claimId, claims.id), reading.evidence))
        .leftJoin(sources, eq(sources.id, evidence.sourceId));
    return query.where(and(reading.scope, withLinks, fromCursor)).orderBy(...orderBy(terms));
  };
  const segmenting = byRow && claimsInScope >= segmentedFrom ? segmentOf(sort, group) : undefined;
  let found: Record<string, unknown>[] = [];
  const segments = segmenting
    ? await segmentsOf(db, workspaceId, segmenting, terms.slice(0, segmenting.leading), from)
    : undefined;
  // A segment of both sources and the claims without evidence (a source whose leading terms are
  // blank) is not read alone: the page is then read whole.
  if (segments && segmenting && !segments.some((s) => s.values.length > 1 && s.values.includes(null))) {
    for (const segment of segments) {
      const wanted = limit + 1 - found.length;
      if (wanted <= 0) break;
      if (segment.values[0] === null) {
        if (!withoutEvidence) continue;
        // The claims without any live link (their kept count, ./evidence-links).
        found = found.concat(
          (await claimRows(sql`${sql.identifier('claims')}.${sql.identifier('evidence_links')} = 0`).limit(
            wanted,
          )) as Record<string, unknown>[],
        );
        continue;
      }
      const stances = segment.values as (typeof STANCES)[number][];
      // A segment of stances is ordered, within, in export order (then the links' age): its rows
      // are those of its first claims in that order that have a live link of the stance, each at
      // least one (their kept counts, ./evidence-links). So the links read are those of the first
      // `wanted` + 1 such claims from the cursor's (which may have no row left), found in export
      // order, instead of every link of the stance (a third of all links or more) sorted.
      const cursorHere =
        from !== undefined &&
        JSON.stringify(from.v.slice(0, segmenting.leading)) === JSON.stringify(segment.lead);
      const firstClaims =
        segmenting.by === 'stance' && keptStances
          ? db
              .select({ id: claims.id })
              .from(claims)
              .leftJoin(topics, eq(topics.id, claims.topicId))
              .where(
                and(
                  reading.scope,
                  or(...stances.map((stance) => sql`${stanceLinks(stance)} > 0`)),
                  cursorHere
                    ? after(
                        exportOrder,
                        from.v.slice(segmenting.leading, segmenting.leading + exportOrder.length),
                        true,
                      )
                    : undefined,
                ),
              )
              .orderBy(...orderBy(exportOrder))
              .limit(wanted + 1)
          : undefined;
      const links = and(
        firstClaims
          ? and(inArray(evidence.stance, stances), inArray(evidence.claimId, firstClaims))
          : segmenting.by === 'source'
            ? inIds(evidence.sourceId, segment.values as string[])
            : and(
                inArray(evidence.stance, segment.values as (typeof STANCES)[number][]),
                // Through the sources' index, which holds the stance (the evidence has no index
                // of its own on it).
                inArray(
                  evidence.sourceId,
                  db
                    .select({ id: sources.id })
                    .from(sources)
                    .where(and(eq(sources.workspaceId, workspaceId), isNull(sources.deletedAt))),
                ),
              ),
        segment.credibility === undefined
          ? undefined
          : eq(evidence.credibility, segment.credibility as Credibility),
      );
      found = found.concat(
        (await db
          .select(fields)
          .from(evidence)
          .innerJoin(claims, eq(claims.id, evidence.claimId))
          .innerJoin(claimTypes, eq(claimTypes.id, claims.typeId))
          .leftJoin(topics, eq(topics.id, claims.topicId))
          .innerJoin(sources, eq(sources.id, evidence.sourceId))
          .where(and(links, reading.evidence, reading.scope, fromCursor))
          .orderBy(...orderBy(terms))
          .limit(wanted)) as Record<string, unknown>[],
      );
    }
  } else {
    found = (await claimRows().limit(limit + 1)) as Record<string, unknown>[];
  }
  const valuesOf = (r: Record<string, unknown>) => terms.map((_, i) => r[`k${i}`] as string | number | null);

  if (byRow) {
    const shown = found.slice(0, limit);
    const claimList = await reading.claims([...new Set(shown.map((r) => r.claimId as string))]);
    const byId = new Map(claimList.map((c) => [c.id, c]));
    const rows: DisplayRow[] = [];
    for (const r of shown) {
      const claim = byId.get(r.claimId as string);
      if (!claim) continue;
      const link = r.evidenceId ? claim.evidence.find((e) => e.id === r.evidenceId) : undefined;
      if (r.evidenceId && !link) continue;
      rows.push(displayRow({ claim, evidence: link ?? null }));
    }
    return {
      rows,
      next: found.length > limit ? { v: valuesOf(shown[shown.length - 1]!), s: 0 } : null,
    };
  }

  // Claims in order: a page needs `limit` claims at most (each has one row or more).
  const claimIds = found.slice(0, limit).map((r) => r.claimId as string);
  const claimList = await reading.claims(claimIds);
  const byId = new Map(claimList.map((c) => [c.id, c]));
  const rows: DisplayRow[] = [];
  // The claim the cursor stopped in, if it is still there: its rows shown already are skipped.
  let skip = from && found[0] && JSON.stringify(valuesOf(found[0])) === JSON.stringify(from.v) ? from.s : 0;
  let last: { at: number; shown: number } | null = null;
  for (let i = 0; i < claimIds.length && rows.length < limit; i++) {
    const claim = byId.get(claimIds[i]!);
    if (!claim) continue;
    const list: EvidenceRow[] = evidenceRows(claim);
    const start = i === 0 ? Math.min(skip, list.length) : 0;
    skip = 0;
    const take = list.slice(start, start + (limit - rows.length));
    for (const row of take) rows.push(displayRow(row));
    last = { at: i, shown: start + take.length };
  }
  const more =
    last !== null &&
    (last.shown < evidenceRows(byId.get(claimIds[last.at]!)!).length || found.length > last.at + 1);
  return { rows, next: more && last ? { v: valuesOf(found[last.at]!), s: last.shown } : null };
}

export async function getEvidenceTable(
  store: Store,
  {
    actor,
    workspaceId,
    filters,
    view = 'evidence',
    sort,
    dir = 'asc',
    group,
    cursor,
    limit = TABLE_ROW_LIMIT,
    segmentedFrom = SEGMENTED_FROM_CLAIMS,
  }: {
    actor: Actor;
    workspaceId: string;
    filters: EvidenceTableFilters;
    /** Unused: the table links within the app. Kept for the callers' sake. */
    baseUrl?: string;
    /** Which view the page shows: only its data is read. */
    view?: 'evidence' | 'claims' | 'sources';
    /** The column the page is sorted by: the rows shown are the first of all rows in that order. */
    sort?: ColumnKey;
    dir?: 'asc' | 'desc';
    /** Rows grouped by this: the groups in order of their label, the rows in each as sorted. */
    group?: GroupKey;
    /** Where the page starts (`next` of the page before); none, or one for another order: the first row. */
    cursor?: TableCursor;
    limit?: number;
    /** From how many claims in scope a page ordered by the evidence is read in segments (tests: 0). */
    segmentedFrom?: number;
  },
) {
  return store.snapshot(async (db, rowReader) => {
    const reading = await openTableReading(db, rowReader, { actor, workspaceId, filters });
    const [totals] = (await db
      .select({
        claimCount: sql<number>`count(*)`,
        // One row per claim and evidence link, one for a claim without evidence.
        rowCount: sql<number>`coalesce(sum(case when n > 1 then n else 1 end), 0)`,
      })
      .from(
        db
          .select({
            // The evidence links are counted only for the evidence view, which shows the row count:
            // the claims' kept counts of live links (./evidence-links), of a stance when the filter
            // keeps only those, or, when another filter keeps only some links, those links counted.
            n: (view !== 'evidence'
              ? sql<number>`1`
              : onlyStanceFilter(filters)
                ? sql<number>`${stanceLinks(filters.stance!)}`
                : hasEvidenceFilters(filters)
                  ? sql<number>`(select count(*) from ${evidence} where ${evidence.claimId} = ${CLAIM_ID} and ${reading.evidence})`
                  : sql<number>`${sql.identifier('claims')}.${sql.identifier('evidence_links')}`
            ).as('n'),
          })
          .from(claims)
          .where(reading.scope)
          .as('scope'),
      )) as { claimCount: number; rowCount: number }[];
    const page =
      view === 'evidence'
        ? await evidencePage(store, reading, db, {
            sort,
            dir,
            group,
            limit,
            cursor,
            userId: actor.userId,
            workspaceId,
            claimsInScope: Number(totals?.claimCount ?? 0),
            withoutEvidence: !hasEvidenceFilters(filters),
            keptStances: !hasEvidenceFilters(filters) || onlyStanceFilter(filters),
            segmentedFrom,
          })
        : { rows: [], next: null };

    let claimList: ExportClaim[] = [];
    if (view === 'claims') {
      const ids = await db
        .select({ id: claims.id })
        .from(claims)
        .leftJoin(topics, eq(topics.id, claims.topicId))
        .where(reading.scope)
        .orderBy(...orderBy(exportOrder))
        .limit(limit);
      claimList = await reading.claims(ids.map((r) => r.id));
    }
    // The source-centred view: each source with its rating history and the claims it touches.
    let sourceView: (ExportSource & { claims: SourceClaim[]; linkCount: number })[] = [];
    if (view === 'sources') {
      // Each source's links (kept by the filters) of the claims `ofClaims` selects, or of any claim.
      const linksBySource = async (ofClaims?: SQL) =>
        (
          await db
            .select({ sourceId: evidence.sourceId, n: sql<number>`count(*)` })
            .from(evidence)
            .where(
              and(
                reading.evidence,
                ofClaims
                  ? inArray(evidence.claimId, db.select({ id: claims.id }).from(claims).where(ofClaims))
                  : undefined,
              ),
            )
            .groupBy(evidence.sourceId)
        ).map((r) => [r.sourceId, Number(r.n)] as const);
      const counts = new Map<string, number>();
      if (hasClaimLevelFilters(filters)) {
        // The claims in scope as a list, each one's links found through its index (joined, the
        // planner went through every source's links and looked up each one's claim: 4× slower).
        for (const [id, n] of await linksBySource(reading.scope)) counts.set(id, n);
      } else {
        // Every live claim is in scope (a link the filters keep makes its claim so): each source's
        // live links, through its index, less those of the claims in the trash.
        for (const [id, n] of await linksBySource()) counts.set(id, n);
        for (const [id, n] of await linksBySource(
          and(eq(claims.workspaceId, workspaceId), isNotNull(claims.deletedAt)),
        ))
          counts.set(id, (counts.get(id) ?? 0) - n);
      }
      const touching = await reading.sourceTouches(CLAIMS_PER_SOURCE, counts);
      sourceView = reading.sources
        .map((s) => {
          const t = touching.get(s.id);
          return { ...s, claims: t?.claims ?? [], linkCount: counts.get(s.id) ?? 0 };
        })
        .filter((s) => s.linkCount > 0 || (!filters.source && !hasClaimFilters(filters)));
    }
    return {
      rows: page.rows,
      next: page.next,
      claims: claimList,
      sources: sourceView,
      // The row count: only the evidence view shows it.
      totalRows: view === 'evidence' ? Number(totals?.rowCount ?? 0) : 0,
      totalClaims: Number(totals?.claimCount ?? 0),
    };
  });
}

type SourceClaim = { claimId: string; statement: string; stance: string; rating: string };

const hasClaimFilters = (f: EvidenceTableFilters) => Object.values(f).some(Boolean);

/** Whether a filter bears on the claims themselves, not only on their evidence links. */
const hasClaimLevelFilters = (f: EvidenceTableFilters) =>
  Object.entries(f).some(([key, value]) => value && !EVIDENCE_FILTERS.has(key));
const EVIDENCE_FILTERS = new Set(['source', 'stance', 'credibility', 'reliability']);

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
