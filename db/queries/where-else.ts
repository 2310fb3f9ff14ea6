/**
 * "Where else?" (lib/search/where-else): the other passages of the workspace that hold a claim's
 * quote or a selection, word for word or nearly, so that an analyst can add them to the claim (how
 * a story spreading from outlet to outlet is tracked). The search index proposes candidates; each
 * is checked for the quote itself. A claim's own passages, and the selection itself, are left out.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { AppError, notFound } from '@/lib/errors';
import {
  bestOccurrence,
  candidateQuery,
  WHERE_ELSE_MAX_QUOTE,
  WHERE_ELSE_MIN_QUOTE,
} from '@/lib/search/where-else';
import { anchors, documentRevisions, documents } from '../schema';
import { first, type Store } from '../store';
import { authorizeAs, type Actor } from './access';
import { loadClaim } from './claims';
import { passageCandidates } from './search';

export interface WhereElseHit {
  documentId: string;
  title: string;
  revisionId: string;
  start: number;
  end: number;
  /** The text found, and a little of what comes before and after it. */
  exact: string;
  before: string;
  after: string;
  /** 1 for the same words; less when a few characters differ. */
  similarity: number;
}

export interface WhereElse {
  quote: string;
  hits: WhereElseHit[];
}

const CONTEXT = 60;
const MAX_HITS = 20;

async function find(
  store: Store,
  workspaceId: string,
  quote: string,
  mine: { documentId: string; start: number | null; end: number | null }[],
): Promise<WhereElse> {
  const q = quote.trim();
  if (q.length < WHERE_ELSE_MIN_QUOTE)
    throw new AppError(
      'invalid',
      'passage',
      `"Where else?" needs a passage of at least ${WHERE_ELSE_MIN_QUOTE} characters.`,
      {
        field: 'passage',
      },
    );
  if (q.length > WHERE_ELSE_MAX_QUOTE)
    throw new AppError(
      'invalid',
      'passage',
      `"Where else?" looks for passages of at most ${WHERE_ELSE_MAX_QUOTE.toLocaleString('en')} characters; choose a shorter one.`,
      { field: 'passage' },
    );
  const hits: WhereElseHit[] = [];
  for (const c of await passageCandidates(store, workspaceId, candidateQuery(q))) {
    const found = bestOccurrence(c.body, q);
    if (!found) continue;
    const start = c.position + found.start;
    const end = c.position + found.end;
    const own = mine.some(
      (m) =>
        m.documentId === c.documentId && m.start !== null && m.end !== null && m.start < end && start < m.end,
    );
    if (own) continue;
    hits.push({
      documentId: c.documentId,
      title: c.title,
      revisionId: c.revisionId,
      start,
      end,
      exact: c.body.slice(found.start, found.end),
      before: c.body.slice(Math.max(0, found.start - CONTEXT), found.start),
      after: c.body.slice(found.end, found.end + CONTEXT),
      similarity: Math.round(found.similarity * 1000) / 1000,
    });
  }
  hits.sort((a, b) => b.similarity - a.similarity || a.title.localeCompare(b.title) || a.start - b.start);
  return { quote: q, hits: hits.slice(0, MAX_HITS) };
}

/** Where else a claim's quote (its first passage) appears, leaving out the claim's own passages. */
export async function whereElseForClaim(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
): Promise<WhereElse> {
  const claim = await loadClaim(store.db, actor, claimId, 'workspace.read');
  const mine = await store.db
    .select({ documentId: anchors.documentId, start: anchors.start, end: anchors.end, exact: anchors.exact })
    .from(anchors)
    .where(eq(anchors.claimId, claimId))
    .orderBy(asc(anchors.createdAt), asc(anchors.id));
  if (!mine.length) throw new AppError('invalid', 'passage', 'This claim has no passage to look for.');
  return find(store, claim.workspaceId, mine[0]!.exact, mine);
}

/** Where else a selection of a document's current text appears, leaving out the selection itself. */
export async function whereElseForSelection(
  store: Store,
  { actor, documentId, start, end }: { actor: Actor; documentId: string; start: number; end: number },
): Promise<WhereElse> {
  const doc = await first(
    store.db
      .select({ workspaceId: documents.workspaceId, text: documentRevisions.canonicalText })
      .from(documents)
      .innerJoin(documentRevisions, eq(documentRevisions.id, documents.currentRevisionId))
      .where(and(eq(documents.id, documentId), isNull(documents.deletedAt)))
      .limit(1),
  );
  if (!doc) throw notFound('document');
  await authorizeAs(store.db, actor, doc.workspaceId, 'workspace.read', 'document');
  if (!(
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    0 <= start &&
    start < end &&
    end <= doc.text.length
  ))
    throw new AppError('invalid', 'passage', 'The selection is not a passage of the current text.', {
      field: 'passage',
    });
  return find(store, doc.workspaceId, doc.text.slice(start, end), [{ documentId, start, end }]);
}
