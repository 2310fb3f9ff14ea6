/** Revisions of a document: every change of its text is a new immutable revision. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { notFound } from '@/lib/errors';
import type { PmJson } from '@/lib/documents/canonical-text';
import type { ConvertedDocument } from '@/lib/documents/convert';
import { wordDiff, type WordDiff } from '@/lib/documents/word-diff';
import { ANCHOR_STATUSES, tally } from '@/lib/vocabulary';
import { first, type Db, type Store } from '../store';
import { anchors, documentRevisions, documents, users, type RevisionFormat } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { documentRaceError, insertRevision, loadDocument, staleConflict } from './documents';
import { reanchorDocument, type ReanchorCounts } from './reanchor';

export interface RevisionSummary {
  id: string;
  number: number;
  format: RevisionFormat;
  wordCount: number;
  note: string | null;
  createdAt: Date;
  createdByName: string | null;
  current: boolean;
}

export interface RevisionView extends RevisionSummary {
  documentId: string;
  content: PmJson;
  canonicalText: string;
}

const summaryColumns = {
  id: documentRevisions.id,
  number: documentRevisions.number,
  format: documentRevisions.format,
  wordCount: documentRevisions.wordCount,
  note: documentRevisions.note,
  createdAt: documentRevisions.createdAt,
  createdByName: users.name,
};

export async function listRevisions(
  store: Store,
  {
    actor,
    documentId,
  }: {
    actor: Actor;
    documentId: string;
  },
): Promise<RevisionSummary[]> {
  const db = store.db;
  const doc = await loadDocument(db, actor, documentId, 'workspace.read');
  const rows = await db
    .select(summaryColumns)
    .from(documentRevisions)
    .leftJoin(users, eq(users.id, documentRevisions.createdBy))
    .where(eq(documentRevisions.documentId, documentId))
    .orderBy(desc(documentRevisions.number));
  return rows.map((r) => ({ ...r, current: r.id === doc.currentRevisionId }));
}

async function readRevision(
  tx: Db,
  documentId: string,
  currentId: string | null,
  where: { number?: number; id?: string },
) {
  const row = await first(
    tx
      .select({
        ...summaryColumns,
        content: documentRevisions.content,
        canonicalText: documentRevisions.canonicalText,
      })
      .from(documentRevisions)
      .leftJoin(users, eq(users.id, documentRevisions.createdBy))
      .where(
        and(
          eq(documentRevisions.documentId, documentId),
          where.id ? eq(documentRevisions.id, where.id) : eq(documentRevisions.number, where.number ?? -1),
        ),
      )
      .limit(1),
  );
  if (!row) throw notFound('revision');
  return { ...row, documentId, content: row.content as unknown as PmJson, current: row.id === currentId };
}

/** One revision by number; without a number, the current one. */
export async function getRevision(
  store: Store,
  {
    actor,
    documentId,
    number,
  }: {
    actor: Actor;
    documentId: string;
    number?: number;
  },
): Promise<RevisionView> {
  const db = store.db;
  const doc = await loadDocument(db, actor, documentId, 'workspace.read');
  return readRevision(
    db,
    documentId,
    doc.currentRevisionId,
    number ? { number } : { id: doc.currentRevisionId ?? '' },
  );
}

/**
 * Refuses early (before a large body is read and converted) when the actor may not add a
 * revision to the document. `addRevision` checks again inside its transaction.
 */
export async function assertMayReviseDocument(
  store: Store,
  { actor, documentId }: { actor: Actor; documentId: string },
): Promise<void> {
  await loadDocument(store.db, actor, documentId, 'document.write');
}

/**
 * Adds a revision (an edit in the reader or a newly imported version). `baseRevisionId` is the
 * revision the change was made on: when another revision was saved meanwhile, the change is
 * refused as a conflict instead of silently replacing the other person's text. The document is
 * converted by the caller, before the transaction; the passages are re-anchored inside it.
 *
 * Three statements, so that the document's key to its current revision (one of its own: see
 * db/schema.ts) holds at each of them, inside the one transaction (a throw undoes them all):
 * 1. the document row claims the next revision number, by an update conditional on
 *    `baseRevisionId` still being current and on the revision count read being still the count:
 *    the one statement checks the row and changes what it checks (the count), so of two revisions
 *    made on the same base only one claims a number, whatever the engine and however their
 *    statements interleave, and the other is refused as a conflict before anything is inserted;
 * 2. the revision row is inserted with that number;
 * 3. the document's pointer moves to it.
 */
export async function addRevision(
  store: Store,
  {
    actor,
    documentId,
    baseRevisionId,
    format,
    converted,
    note,
  }: {
    actor: Actor;
    documentId: string;
    baseRevisionId: string;
    format: RevisionFormat;
    converted: ConvertedDocument;
    note?: string | null;
  },
): Promise<RevisionSummary & { anchors: ReanchorCounts }> {
  return store.transaction(async (tx) => {
    const doc = await loadDocument(tx, actor, documentId, 'document.write');
    if (doc.currentRevisionId !== baseRevisionId) throw staleConflict(doc);
    const current = await readRevision(tx, documentId, doc.currentRevisionId, { id: baseRevisionId });
    if (
      current.canonicalText === converted.text &&
      JSON.stringify(current.content) === JSON.stringify(converted.content)
    ) {
      const unchanged = await tx
        .select({ status: anchors.status })
        .from(anchors)
        .where(eq(anchors.documentId, documentId));
      const counts = tally(
        ANCHOR_STATUSES,
        unchanged.map((a) => a.status),
      );
      return { ...current, current: true, anchors: counts };
    }
    const [claimed] = await tx
      .update(documents)
      .set({
        revisionCount: sql`${documents.revisionCount} + 1`,
        wordCount: converted.words,
        version: sql`${documents.version} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(documents.id, documentId),
          eq(documents.currentRevisionId, baseRevisionId),
          eq(documents.revisionCount, doc.revisionCount),
          isNull(documents.deletedAt),
        ),
      )
      .returning({ number: documents.revisionCount });
    if (!claimed) throw await documentRaceError(tx, documentId);
    const number = claimed.number;
    const id = await insertRevision(tx, { documentId, number, format, converted, actor, note });
    await tx.update(documents).set({ currentRevisionId: id }).where(eq(documents.id, documentId));
    const anchorsStatus = await reanchorDocument(tx, documentId, current.canonicalText, converted.text, id);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: doc.workspaceId,
      action: 'document.revise',
      objectType: 'document',
      objectId: documentId,
      ip: actor.ip,
      details: {
        revision: number,
        format,
        wordsBefore: current.wordCount,
        wordsAfter: converted.words,
        anchors: anchorsStatus,
      },
    });
    return { ...(await readRevision(tx, documentId, id, { id })), anchors: anchorsStatus };
  });
}

export async function compareRevisions(
  store: Store,
  {
    actor,
    documentId,
    from,
    to,
  }: {
    actor: Actor;
    documentId: string;
    from: number;
    to: number;
  },
): Promise<{ from: RevisionSummary; to: RevisionSummary; diff: WordDiff }> {
  const db = store.db;
  const doc = await loadDocument(db, actor, documentId, 'workspace.read');
  const [a, b] = await Promise.all([
    readRevision(db, documentId, doc.currentRevisionId, { number: from }),
    readRevision(db, documentId, doc.currentRevisionId, { number: to }),
  ]);
  const strip = ({ content: _c, canonicalText: _t, documentId: _d, ...rest }: RevisionView) => rest;
  return { from: strip(a), to: strip(b), diff: wordDiff(a.canonicalText, b.canonicalText) };
}
