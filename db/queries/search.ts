/**
 * Search in a workspace (the search page, the API): one query per kind of result over the search
 * index (./search-index), ranked by each engine's relevance (bm25 on SQLite's FTS5, ts_rank_cd on
 * PostgreSQL), with a snippet around the words found. Membership is checked first; the trash and
 * every filter are applied inside the query, before its LIMIT, so a page is never short of results
 * that a later filter removed. Assessments are not indexed at all, so blind assessments stay
 * hidden.
 */
import { sql, type SQL } from 'drizzle-orm';
import { isSearchable, parseSearchQuery, toFts5, toTsquery, type SearchQuery } from '@/lib/search/query';
import { SNIPPET_END, SNIPPET_START, type HitTarget } from '@/lib/search/snippet';
import { SEARCH_KINDS, type SearchKind } from '../schema';
import { byEngine } from '../dialect';
import type { Store } from '../store';
import { searchScope } from './search-index';
import { authorize, type Actor } from './access';

export interface SearchFilters {
  kinds?: readonly SearchKind[];
  documentId?: string;
  typeId?: string;
  sourceId?: string;
  /** The member who wrote it (imported the document, made the claim, wrote the comment…). */
  by?: string;
  /** Written on or after (ms since the epoch). */
  from?: number;
  /** Written before (ms since the epoch). */
  to?: number;
}

/** A result: what it is and where it opens (lib/search/snippet `HitTarget`), with its snippet. */
export interface SearchHit extends HitTarget {
  /** What it belongs to: the document's title, the claim's statement or the source's name. */
  context: string;
  /** The text around the words found, the words between SNIPPET_START and SNIPPET_END. */
  snippet: string;
  createdAt: number;
  createdBy: string | null;
}

export interface SearchGroup {
  kind: SearchKind;
  hits: SearchHit[];
  /** More results of this kind than shown. */
  more: boolean;
}

export const MAX_SEARCH_LIMIT = 50;

/**
 * At most this many matches of a kind are ranked: the newest ones that pass every filter (the
 * trash, membership and the filters are applied before this limit, never after it). A search
 * matching fewer is ranked whole; one whose words are in more passages than this (a word in most
 * of a large workspace) shows the best of its newest matches, in a time that does not grow with
 * the workspace (ranking 400,000 matches took 0.3 s; with 10,000, the bench's p95 was 55 ms, with
 * 5,000 46 ms; docs/benchmarks.md).
 */
export const RANKED_MATCHES = 5_000;

const never = sql`0 = 1`;

function visibility(kind: SearchKind): SQL {
  switch (kind) {
    case 'passage':
    case 'document':
      return sql`inner join documents on documents.id = search_entries.document_id and documents.deleted_at is null`;
    case 'claim':
      return sql`inner join claims on claims.id = search_entries.claim_id and claims.deleted_at is null`;
    case 'evidence':
      return sql`inner join evidence on evidence.id = search_entries.evidence_id and evidence.deleted_at is null
        inner join claims on claims.id = search_entries.claim_id and claims.deleted_at is null
        inner join sources on sources.id = evidence.source_id`;
    case 'comment':
      return sql`inner join comments on comments.id = search_entries.comment_id and comments.deleted_at is null
        inner join claims on claims.id = search_entries.claim_id and claims.deleted_at is null`;
    case 'source':
      return sql`inner join sources on sources.id = search_entries.source_id and sources.deleted_at is null`;
  }
}

/** What a hit belongs to, named. */
function context(kind: SearchKind): SQL {
  switch (kind) {
    case 'passage':
    case 'document':
      return sql`documents.title`;
    case 'claim':
    case 'evidence':
    case 'comment':
      return sql`claims.statement`;
    case 'source':
      return sql`sources.name`;
  }
}

function filtersFor(kind: SearchKind, f: SearchFilters): SQL[] {
  const where: SQL[] = [];
  const ofClaim = kind === 'claim' || kind === 'evidence' || kind === 'comment';
  if (f.documentId) {
    if (kind === 'passage' || kind === 'document')
      where.push(sql`search_entries.document_id = ${f.documentId}`);
    else if (ofClaim)
      where.push(
        sql`exists (select 1 from anchors where anchors.claim_id = search_entries.claim_id and anchors.document_id = ${f.documentId})`,
      );
    else where.push(never);
  }
  if (f.typeId) where.push(ofClaim ? sql`claims.type_id = ${f.typeId}` : never);
  if (f.sourceId) {
    if (kind === 'evidence' || kind === 'source') where.push(sql`search_entries.source_id = ${f.sourceId}`);
    else if (kind === 'claim')
      where.push(
        sql`exists (select 1 from evidence e where e.claim_id = search_entries.claim_id and e.source_id = ${f.sourceId} and e.deleted_at is null)`,
      );
    else where.push(never);
  }
  if (f.by) where.push(sql`search_entries.created_by = ${f.by}`);
  if (f.from !== undefined) where.push(sql`search_entries.created_at >= ${f.from}`);
  if (f.to !== undefined) where.push(sql`search_entries.created_at < ${f.to}`);
  return where;
}

/**
 * The index's FROM item and the match of a workspace's entries of one kind, for each engine. On
 * SQLite the workspace and kind are asked of the index itself (the scope column, see the schema);
 * the query's words match the body only.
 */
function matching(q: SearchQuery, workspaceId: string, kind: SearchKind) {
  const fts = `scope : "${searchScope(kind, workspaceId)}" AND body : (${toFts5(q)})`;
  const tsq = toTsquery(q);
  return {
    from: byEngine(
      sql`search_entries_fts inner join search_entries on search_entries.id = search_entries_fts.rowid`,
      sql`search_entries cross join to_tsquery('warrant_search', ${tsq}) as search_q`,
    ),
    match: byEngine(
      sql`search_entries_fts match ${fts}`,
      sql`warrant_search_vector(search_entries.body) @@ search_q`,
    ),
    // The order in which the index gives its matches cheaply: newest first.
    newest: byEngine(sql`search_entries_fts.rowid`, sql`search_entries.id`),
    // Lower is better on both; on SQLite the scope column weighs nothing.
    rank: byEngine(
      sql`bm25(search_entries_fts, 1.0, 0.0)`,
      sql`-ts_rank_cd(warrant_search_vector(search_entries.body), search_q)`,
    ),
  };
}

/** A row found, in the order of the select below (raw rows: the same arrays on both engines). */
type Row = [
  entryId: number | string,
  documentId: string | null,
  claimId: string | null,
  sourceId: string | null,
  evidenceId: string | null,
  commentId: string | null,
  position: number | null,
  context: string,
  createdAt: number | string,
  createdBy: string | null,
];

async function searchKind(
  store: Store,
  workspaceId: string,
  kind: SearchKind,
  q: SearchQuery,
  filters: SearchFilters,
  limit: number,
): Promise<{ rows: Row[]; more: boolean }> {
  const m = matching(q, workspaceId, kind);
  const where = sql.join(
    [
      m.match,
      sql`search_entries.workspace_id = ${workspaceId}`,
      sql`search_entries.kind = ${kind}`,
      ...filtersFor(kind, filters),
    ],
    sql` and `,
  );
  // The newest RANKED_MATCHES matches that pass every filter, ranked; see RANKED_MATCHES.
  const rows = (await store.rows(sql`
    select id, document_id, claim_id, source_id, evidence_id, comment_id, position, context, created_at, created_by
    from (
      select search_entries.id as id, search_entries.document_id as document_id,
        search_entries.claim_id as claim_id, search_entries.source_id as source_id,
        search_entries.evidence_id as evidence_id, search_entries.comment_id as comment_id,
        search_entries.position as position, ${context(kind)} as context,
        search_entries.created_at as created_at, search_entries.created_by as created_by, ${m.rank} as rank
      from ${m.from} ${visibility(kind)}
      where ${where}
      order by ${m.newest} desc
      limit ${RANKED_MATCHES}
    ) found
    order by rank, id
    limit ${limit + 1}`)) as unknown as Row[];
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** The snippets (and the bodies' lengths) of the entries found. */
async function snippets(
  store: Store,
  q: SearchQuery,
  ids: number[],
): Promise<Map<number, { snippet: string; length: number }>> {
  const found = new Map<number, { snippet: string; length: number }>();
  if (!ids.length) return found;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const options = `StartSel=${SNIPPET_START}, StopSel=${SNIPPET_END}, MaxWords=30, MinWords=12, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "`;
  const rows = (await store.rows(
    byEngine(
      sql`select search_entries_fts.rowid,
            snippet(search_entries_fts, 0, ${SNIPPET_START}, ${SNIPPET_END}, '…', 24),
            search_entries.body
          from search_entries_fts inner join search_entries on search_entries.id = search_entries_fts.rowid
          where search_entries_fts match ${`body : (${toFts5(q)})`} and search_entries_fts.rowid in (${list})`,
      sql`select id, ts_headline('warrant_search', body, to_tsquery('warrant_search', ${toTsquery(q)}), ${options}), body
          from search_entries where id in (${list})`,
    ),
  )) as unknown as [id: number | string, snippet: string, body: string][];
  for (const [id, snippet, body] of rows) found.set(Number(id), { snippet, length: body.length });
  return found;
}

/**
 * Searches the workspace. `text` is the search box as typed (lib/search/query); `limit` is per kind.
 * Nothing to search for (exclusions alone, punctuation) finds nothing.
 */
export async function searchWorkspace(
  store: Store,
  {
    actor,
    workspaceId,
    text,
    filters = {},
    limit = 10,
  }: { actor: Actor; workspaceId: string; text: string; filters?: SearchFilters; limit?: number },
): Promise<{ query: SearchQuery; groups: SearchGroup[] }> {
  await authorize(store.db, actor, workspaceId, 'workspace.read');
  const query = parseSearchQuery(text);
  if (!isSearchable(query)) return { query, groups: [] };
  const kinds = filters.kinds?.length ? SEARCH_KINDS.filter((k) => filters.kinds!.includes(k)) : SEARCH_KINDS;
  const per = Math.max(1, Math.min(limit, MAX_SEARCH_LIMIT));
  const groups: SearchGroup[] = [];
  for (const kind of kinds) {
    const { rows, more } = await searchKind(store, workspaceId, kind, query, filters, per);
    if (!rows.length) continue;
    const found = await snippets(
      store,
      query,
      rows.map((r) => Number(r[0])),
    );
    groups.push({
      kind,
      more,
      hits: rows.map(
        ([
          entryId,
          documentId,
          claimId,
          sourceId,
          evidenceId,
          commentId,
          position,
          context,
          createdAt,
          createdBy,
        ]) => {
          const s = found.get(Number(entryId));
          const start = kind === 'passage' && position !== null ? Number(position) : null;
          return {
            kind,
            documentId,
            claimId,
            sourceId,
            evidenceId,
            commentId,
            start,
            end: start !== null && s ? start + s.length : null,
            context,
            snippet: s?.snippet ?? '',
            createdAt: Number(createdAt),
            createdBy,
          };
        },
      ),
    });
  }
  return { query, groups };
}

/**
 * Passages of the workspace's documents (not in the trash) holding every word of `query`, best
 * first: the candidates of "Where else?" (./where-else), with their text and current revision.
 */
export async function passageCandidates(
  store: Store,
  workspaceId: string,
  query: SearchQuery,
  limit = 50,
): Promise<{ documentId: string; position: number; body: string; title: string; revisionId: string }[]> {
  if (!isSearchable(query)) return [];
  const m = matching(query, workspaceId, 'passage');
  const rows = (await store.rows(sql`
    select search_entries.document_id, search_entries.position, search_entries.body, documents.title,
      documents.current_revision_id
    from ${m.from} ${visibility('passage')}
    where ${m.match} and search_entries.workspace_id = ${workspaceId} and search_entries.kind = 'passage'
    order by ${m.rank}, search_entries.id
    limit ${limit}`)) as unknown as [string, number | string, string, string, string][];
  return rows.map(([documentId, position, body, title, revisionId]) => ({
    documentId,
    position: Number(position),
    body,
    title,
    revisionId,
  }));
}
