/** Revisions of a document: every change of its text is a new immutable revision. */
import { and, desc, eq } from 'drizzle-orm';
import { notFound } from '@/lib/errors';
import type { PmJson } from '@/lib/documents/canonical-text';
import type { ConvertedDocument } from '@/lib/documents/convert';
import { wordDiff, type WordDiff } from '@/lib/documents/word-diff';
import { getDb, type Db, type Tx } from '../client';
import { anchors, documentRevisions, documents, users, type RevisionFormat } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { insertRevision, loadDocument, staleConflict } from './documents';
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

export async function listRevisions({
  actor,
  documentId,
}: {
  actor: Actor;
  documentId: string;
}): Promise<RevisionSummary[]> {
  const db = getDb();
  const doc = loadDocument(db, actor, documentId, 'workspace.read');
  return db
    .select(summaryColumns)
    .from(documentRevisions)
    .leftJoin(users, eq(users.id, documentRevisions.createdBy))
    .where(eq(documentRevisions.documentId, documentId))
    .orderBy(desc(documentRevisions.number))
    .all()
    .map((r) => ({ ...r, current: r.id === doc.currentRevisionId }));
}

function readRevision(
  tx: Tx | Db,
  documentId: string,
  currentId: string | null,
  where: { number?: number; id?: string },
) {
  const row = tx
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
    .get();
  if (!row) throw notFound('revision');
  return { ...row, documentId, content: row.content as unknown as PmJson, current: row.id === currentId };
}

/** One revision by number; without a number, the current one. */
export async function getRevision({
  actor,
  documentId,
  number,
}: {
  actor: Actor;
  documentId: string;
  number?: number;
}): Promise<RevisionView> {
  const db = getDb();
  const doc = loadDocument(db, actor, documentId, 'workspace.read');
  return readRevision(
    db,
    documentId,
    doc.currentRevisionId,
    number ? { number } : { id: doc.currentRevisionId ?? '' },
  );
}

/**
 * Adds a revision (an edit in the reader or a newly imported version). `baseRevisionId` is the
 * revision the change was made on: when another revision was saved meanwhile, the change is
 * refused as a conflict instead of silently replacing the other person's text.
 */
export async function addRevision({
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
}): Promise<RevisionSummary & { anchors: ReanchorCounts }> {
  return getDb().transaction(
    (tx) => {
      const doc = loadDocument(tx, actor, documentId, 'document.write');
      if (doc.currentRevisionId !== baseRevisionId) throw staleConflict(doc);
      const current = readRevision(tx, documentId, doc.currentRevisionId, { id: baseRevisionId });
      if (
        current.canonicalText === converted.text &&
        JSON.stringify(current.content) === JSON.stringify(converted.content)
      ) {
        const unchanged = tx
          .select({ status: anchors.status })
          .from(anchors)
          .where(eq(anchors.documentId, documentId))
          .all();
        const counts = { exact: 0, fuzzy: 0, orphaned: 0 };
        for (const a of unchanged) counts[a.status]++;
        return { ...current, current: true, anchors: counts };
      }
      const number = doc.revisionCount + 1;
      const id = insertRevision(tx, { documentId, number, format, converted, actor, note });
      const anchorsStatus = reanchorDocument(tx, documentId, current.canonicalText, converted.text, id);
      tx.update(documents)
        .set({
          currentRevisionId: id,
          revisionCount: number,
          wordCount: converted.words,
          version: doc.version + 1,
          updatedAt: new Date(),
        })
        .where(eq(documents.id, documentId))
        .run();
      audit(tx, {
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
      return { ...readRevision(tx, documentId, id, { id }), anchors: anchorsStatus };
    },
    { behavior: 'immediate' },
  );
}

export async function compareRevisions({
  actor,
  documentId,
  from,
  to,
}: {
  actor: Actor;
  documentId: string;
  from: number;
  to: number;
}): Promise<{ from: RevisionSummary; to: RevisionSummary; diff: WordDiff }> {
  const db = getDb();
  const doc = loadDocument(db, actor, documentId, 'workspace.read');
  const a = readRevision(db, documentId, doc.currentRevisionId, { number: from });
  const b = readRevision(db, documentId, doc.currentRevisionId, { number: to });
  const strip = ({ content: _c, canonicalText: _t, documentId: _d, ...rest }: RevisionView) => rest;
  return { from: strip(a), to: strip(b), diff: wordDiff(a.canonicalText, b.canonicalText) };
}
