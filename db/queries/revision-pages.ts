/**
 * The pages of a revision imported from a PDF (lib/documents/pages.ts), kept for the revisions
 * read last. A revision never changes (a trigger refuses any UPDATE of one), so its page runs,
 * once computed from its content, stay true for as long as it exists.
 *
 * Only a revision imported from a PDF, or edited in the reader (an edit keeps the page marks of
 * the text it kept), can have pages: the content of any other is not even read. The caller checks
 * access first; this only reads.
 */
import { eq } from 'drizzle-orm';
import { pageRuns, pagesOf, type PageRun } from '@/lib/documents/pages';
import type { PmJson } from '@/lib/documents/canonical-text';
import { first, type Db } from '../store';
import { documentRevisions } from '../schema';

/** At most this many revisions' runs (a few numbers per page each). */
const KEEP = 256;
const runsByRevision = new Map<string, PageRun[]>();

const MAY_HAVE_PAGES = new Set(['pdf', 'edit']);

export async function revisionPageRuns(db: Db, revisionId: string): Promise<PageRun[]> {
  const hit = runsByRevision.get(revisionId);
  if (hit) {
    runsByRevision.delete(revisionId);
    runsByRevision.set(revisionId, hit);
    return hit;
  }
  const row = await first(
    db
      .select({ format: documentRevisions.format })
      .from(documentRevisions)
      .where(eq(documentRevisions.id, revisionId))
      .limit(1),
  );
  if (!row) return [];
  let runs: PageRun[] = [];
  if (MAY_HAVE_PAGES.has(row.format)) {
    const stored = await first(
      db
        .select({ content: documentRevisions.content })
        .from(documentRevisions)
        .where(eq(documentRevisions.id, revisionId))
        .limit(1),
    );
    runs = stored ? pageRuns(stored.content as unknown as PmJson) : [];
  }
  runsByRevision.set(revisionId, runs);
  if (runsByRevision.size > KEEP) runsByRevision.delete(runsByRevision.keys().next().value!);
  return runs;
}

/**
 * Each passage with the pages it stands on (ascending; empty for a passage without a place, or
 * on a revision without pages), in the order given.
 */
export async function withPages<P extends { revisionId: string; start: number | null; end: number | null }>(
  db: Db,
  passages: P[],
): Promise<(Omit<P, 'revisionId'> & { pages: number[] })[]> {
  const revisionIds = [...new Set(passages.map((p) => p.revisionId))];
  const runs = new Map(
    await Promise.all(revisionIds.map(async (id) => [id, await revisionPageRuns(db, id)] as const)),
  );
  return passages.map(({ revisionId, ...p }) => ({
    ...p,
    pages: p.start === null || p.end === null ? [] : pagesOf(runs.get(revisionId) ?? [], p.start, p.end),
  }));
}
