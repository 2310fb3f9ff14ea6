/**
 * Keeps the search index's entries (`search_entries`, see the schema) in step with what they index,
 * inside the transaction of each write, so a search never finds what a rolled-back write said and
 * always finds what a committed one says. The engines index the entries' bodies themselves
 * (drizzle/0015, drizzle-pg/0006). The writes that call in here:
 *
 * - a document's import and each new revision (its metadata and its passages), a metadata edit
 *   (its metadata only): ./documents, ./revisions;
 * - every claim write (statement, topic, tags, passages), through ./live `claimWrite`;
 * - a source's creation and edit: ./sources; evidence added or edited: ./evidence;
 * - a comment written, edited or deleted: ./comments.
 *
 * The trash is not written here: each search joins its rows and leaves out what is in the trash, so
 * a restore needs nothing either. Purging takes the entries with it (the foreign keys cascade).
 * `rebuildSearchIndex` indexes a whole database (an upgrade, a bulk load).
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { splitPassages } from '@/lib/search/passages';
import {
  anchors,
  claims,
  claimTags,
  comments,
  documentRevisions,
  documents,
  evidence,
  searchEntries,
  sources,
  topics,
  type SearchKind,
} from '../schema';
import { first, type Db, type Store, type Tx } from '../store';
import { readSetting, writeSetting } from './settings';

/**
 * The version of what the entries hold. Raising it (a new kind of entry, a body written otherwise)
 * makes the next start index the database again, in the background.
 */
export const SEARCH_INDEX_VERSION = 1;

/**
 * For the benchmark only (bench/search.ts): WARRANT_BENCH_NO_SEARCH_INDEX=1 makes the writes leave
 * the index alone, to measure what indexing adds to them in the same run. Never set it on a server.
 */
const indexing = () => process.env.WARRANT_BENCH_NO_SEARCH_INDEX !== '1';

/**
 * The word naming a workspace's entries of one kind (`search_entries.scope`): letters and digits
 * only, so that FTS5 keeps it as one token.
 */
export function searchScope(kind: SearchKind, workspaceId: string): string {
  return `k${kind}w${workspaceId.replace(/[^0-9A-Za-z]/g, '')}`;
}

/** An entry as the functions below make it; its scope is added when it is written. */
type NewEntry = Omit<typeof searchEntries.$inferInsert, 'scope'>;
const scoped = (entry: NewEntry) => ({ ...entry, scope: searchScope(entry.kind, entry.workspaceId) });
const INSERT_CHUNK = 100;

async function insertEntries(tx: Tx, entries: NewEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    await tx.insert(searchEntries).values(entries.slice(i, i + INSERT_CHUNK).map(scoped));
  }
}

/** Writes the one entry of `kind` for an object (none when `entry` is null), only if it changed. */
async function putEntry(
  tx: Tx,
  kind: SearchKind,
  link: AnySQLiteColumn,
  id: string,
  entry: NewEntry | null,
): Promise<void> {
  const existing = await tx
    .select({ id: searchEntries.id, body: searchEntries.body })
    .from(searchEntries)
    .where(and(eq(link, id), eq(searchEntries.kind, kind)));
  if (entry && existing.length === 1 && existing[0]!.body === entry.body) return;
  if (existing.length) await tx.delete(searchEntries).where(and(eq(link, id), eq(searchEntries.kind, kind)));
  if (entry) await tx.insert(searchEntries).values(scoped(entry));
}

const lines = (...parts: (string | null | undefined)[]) =>
  parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join('\n');

/** A document's metadata entry and, unless `passages` is false, the passages of its current revision. */
export async function indexDocument(tx: Tx, documentId: string, { passages = true } = {}): Promise<void> {
  if (!indexing()) return;
  const doc = await first(tx.select().from(documents).where(eq(documents.id, documentId)).limit(1));
  if (!doc) return;
  await putEntry(tx, 'document', searchEntries.documentId, documentId, {
    workspaceId: doc.workspaceId,
    kind: 'document',
    documentId,
    body: lines(doc.title, doc.author, doc.outlet),
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
  });
  if (!passages) return;
  await tx
    .delete(searchEntries)
    .where(and(eq(searchEntries.documentId, documentId), eq(searchEntries.kind, 'passage')));
  if (!doc.currentRevisionId) return;
  const revision = await first(
    tx
      .select({
        text: documentRevisions.canonicalText,
        createdBy: documentRevisions.createdBy,
        createdAt: documentRevisions.createdAt,
      })
      .from(documentRevisions)
      .where(eq(documentRevisions.id, doc.currentRevisionId))
      .limit(1),
  );
  if (!revision) return;
  await insertEntries(
    tx,
    splitPassages(revision.text).map((p) => ({
      workspaceId: doc.workspaceId,
      kind: 'passage' as const,
      documentId,
      position: p.start,
      body: p.text,
      createdBy: revision.createdBy,
      createdAt: revision.createdAt,
    })),
  );
}

/** What a claim's search entry holds. */
export interface ClaimEntryParts {
  workspaceId: string;
  statement: string;
  /** The topic's question. */
  topic: string | null;
  tags: readonly string[];
  /** The quotes of its passages, oldest passage first. */
  quotes: readonly string[];
  createdBy: string | null;
  createdAt: Date;
}

/** A claim entry's body: its statement, topic, tags (sorted, as #tag) and quotes, one per line. */
export function claimEntryBody({ statement, topic, tags, quotes }: ClaimEntryParts): string {
  return lines(
    statement,
    topic,
    [...tags]
      .sort()
      .map((t) => `#${t}`)
      .join(' '),
    ...new Set(quotes.map((q) => `“${q}”`)),
  );
}

/**
 * The claims' entries: statement, topic, tags and the quotes of their passages (two reads, then
 * the writes that changed). A claim this write made, given in `made` with its parts, is written
 * at once: it has no entry yet, and its parts are at hand.
 */
export async function indexClaims(
  tx: Tx,
  claimIds: readonly string[],
  made: ReadonlyMap<string, ClaimEntryParts> = new Map(),
): Promise<void> {
  if (!indexing()) return;
  for (const [claimId, parts] of made) {
    await tx.insert(searchEntries).values(
      scoped({
        workspaceId: parts.workspaceId,
        kind: 'claim',
        claimId,
        body: claimEntryBody(parts),
        createdBy: parts.createdBy,
        createdAt: parts.createdAt,
      }),
    );
  }
  const ids = [...new Set(claimIds)].filter((id) => !made.has(id));
  if (!ids.length) return;
  const rows = await tx
    .select({
      id: claims.id,
      workspaceId: claims.workspaceId,
      statement: claims.statement,
      topic: topics.question,
      createdBy: claims.createdBy,
      createdAt: claims.createdAt,
      entryId: searchEntries.id,
      entryBody: searchEntries.body,
    })
    .from(claims)
    .leftJoin(topics, eq(topics.id, claims.topicId))
    .leftJoin(searchEntries, and(eq(searchEntries.claimId, claims.id), eq(searchEntries.kind, 'claim')))
    .where(inArray(claims.id, ids));
  // Tags and quotes in one read: [claim, 0 = tag | 1 = quote, text, order].
  const parts = await tx
    .select({ claimId: claimTags.claimId, part: sql<number>`0`, text: claimTags.tag, at: sql<number>`0` })
    .from(claimTags)
    .where(inArray(claimTags.claimId, ids))
    .unionAll(
      tx
        .select({
          claimId: anchors.claimId,
          part: sql<number>`1`,
          text: anchors.exact,
          at: sql<number>`${anchors.createdAt}`,
        })
        .from(anchors)
        .where(inArray(anchors.claimId, ids)),
    );
  const seen = new Set<string>();
  for (const claim of rows) {
    // A claim with two entries (a write that raced, before this one): rewritten once, below.
    if (seen.has(claim.id)) continue;
    seen.add(claim.id);
    const own = parts.filter((p) => p.claimId === claim.id);
    const body = claimEntryBody({
      ...claim,
      tags: own.filter((p) => Number(p.part) === 0).map((p) => p.text),
      quotes: own
        .filter((p) => Number(p.part) === 1)
        .sort((a, b) => Number(a.at) - Number(b.at) || a.text.localeCompare(b.text))
        .map((q) => q.text),
    });
    const entries = rows.filter((r) => r.id === claim.id && r.entryId !== null).length;
    if (entries === 1 && claim.entryBody === body) continue;
    if (entries) {
      await tx
        .delete(searchEntries)
        .where(and(eq(searchEntries.claimId, claim.id), eq(searchEntries.kind, 'claim')));
    }
    await tx.insert(searchEntries).values(
      scoped({
        workspaceId: claim.workspaceId,
        kind: 'claim',
        claimId: claim.id,
        body,
        createdBy: claim.createdBy,
        createdAt: claim.createdAt,
      }),
    );
  }
}

export async function indexSource(tx: Tx, sourceId: string): Promise<void> {
  if (!indexing()) return;
  const source = await first(tx.select().from(sources).where(eq(sources.id, sourceId)).limit(1));
  if (!source) return;
  await putEntry(tx, 'source', searchEntries.sourceId, sourceId, {
    workspaceId: source.workspaceId,
    kind: 'source',
    sourceId,
    body: lines(source.name, source.description),
    createdBy: source.createdBy,
    createdAt: source.createdAt,
  });
}

/** A piece of evidence's quote and note (no entry when it has neither). */
export async function indexEvidence(tx: Tx, evidenceId: string): Promise<void> {
  if (!indexing()) return;
  const row = await first(
    tx
      .select({ e: evidence, workspaceId: claims.workspaceId })
      .from(evidence)
      .innerJoin(claims, eq(claims.id, evidence.claimId))
      .where(eq(evidence.id, evidenceId))
      .limit(1),
  );
  if (!row) return;
  const body = lines(row.e.quote, row.e.note);
  await putEntry(
    tx,
    'evidence',
    searchEntries.evidenceId,
    evidenceId,
    body
      ? {
          workspaceId: row.workspaceId,
          kind: 'evidence',
          evidenceId,
          claimId: row.e.claimId,
          sourceId: row.e.sourceId,
          body,
          createdBy: row.e.createdBy,
          createdAt: row.e.createdAt,
        }
      : null,
  );
}

/** A comment's text; a deleted comment has no entry. */
export async function indexComment(tx: Tx, commentId: string): Promise<void> {
  if (!indexing()) return;
  const c = await first(tx.select().from(comments).where(eq(comments.id, commentId)).limit(1));
  await putEntry(
    tx,
    'comment',
    searchEntries.commentId,
    commentId,
    c && !c.deletedAt && c.body.trim()
      ? {
          workspaceId: c.workspaceId,
          kind: 'comment',
          commentId,
          claimId: c.claimId,
          body: c.body,
          createdBy: c.authorId,
          createdAt: c.createdAt,
        }
      : null,
  );
}

async function idsOf(
  db: Db,
  table: typeof claims | typeof sources | typeof evidence | typeof comments | typeof documents,
) {
  return (await db.select({ id: table.id }).from(table).orderBy(asc(table.id))).map((r) => r.id);
}

/**
 * Indexes everything in the database again, in short transactions (one per document, batches of
 * the rest), so that the server keeps serving while it runs. Each step replaces the entries it
 * writes, so running it twice, or beside the writes of analysts, leaves one entry per object.
 */
export async function rebuildSearchIndex(
  store: Store,
  { batchSize = 200, pause = 0 }: { batchSize?: number; pause?: number } = {},
): Promise<{ entries: number }> {
  const rest = () => (pause ? new Promise((r) => setTimeout(r, pause)) : Promise.resolve());
  for (const id of await idsOf(store.db, documents)) {
    await store.transaction((tx) => indexDocument(tx, id));
    await rest();
  }
  const inBatches = async (ids: string[], index: (tx: Tx, batch: string[]) => Promise<void>) => {
    for (let i = 0; i < ids.length; i += batchSize) {
      await store.transaction((tx) => index(tx, ids.slice(i, i + batchSize)));
      await rest();
    }
  };
  await inBatches(await idsOf(store.db, claims), indexClaims);
  await inBatches(await idsOf(store.db, sources), async (tx, batch) => {
    for (const id of batch) await indexSource(tx, id);
  });
  await inBatches(await idsOf(store.db, evidence), async (tx, batch) => {
    for (const id of batch) await indexEvidence(tx, id);
  });
  const liveComments = (
    await store.db
      .select({ id: comments.id })
      .from(comments)
      .where(isNull(comments.deletedAt))
      .orderBy(asc(comments.id))
  ).map((r) => r.id);
  await inBatches(liveComments, async (tx, batch) => {
    for (const id of batch) await indexComment(tx, id);
  });
  const [row] = await store.db.select({ n: sql<number>`count(*)` }).from(searchEntries);
  return { entries: Number(row?.n ?? 0) };
}

/** Whether the database holds anything to index (a new database does not: its writes index themselves). */
async function holdsData(db: Db): Promise<boolean> {
  for (const table of [documents, claims, sources] as const) {
    if (await first(db.select({ id: table.id }).from(table).limit(1))) return true;
  }
  return false;
}

/**
 * At start, before anything is seeded: whether the database needs indexing. A new database (nothing
 * in it yet: its writes, the seed's too, index themselves) is marked as indexed at once; one from
 * before the search index, or from an older SEARCH_INDEX_VERSION, needs `indexSearchInBackground`.
 */
export async function searchIndexNeeded(store: Store): Promise<boolean> {
  if ((await readSetting(store.db, 'searchIndexVersion')) === SEARCH_INDEX_VERSION) return false;
  if (await holdsData(store.db)) return true;
  await store.transaction((tx) => writeSetting(tx, 'searchIndexVersion', SEARCH_INDEX_VERSION));
  return false;
}

/**
 * Indexes the database in the background while the server serves, then records the version.
 * Resolves with the number of entries, or null when it failed (the next start tries again). Two
 * processes starting together may both index: each step replaces what it writes, so the result is
 * the same.
 */
export async function indexSearchInBackground(
  store: Store,
  { log = console.log, pause = 5 }: { log?: (line: string) => void; pause?: number } = {},
): Promise<number | null> {
  try {
    const started = Date.now();
    const { entries } = await rebuildSearchIndex(store, { pause });
    await store.transaction((tx) => writeSetting(tx, 'searchIndexVersion', SEARCH_INDEX_VERSION));
    log(
      `Indexed the workspaces for search in the background (${entries} entries, ${Math.round((Date.now() - started) / 1000)} s).`,
    );
    return entries;
  } catch (error) {
    log(
      `Could not index the workspaces for search (the next start tries again): ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
}
