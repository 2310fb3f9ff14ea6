/** Documents: import, list, read, edit metadata, trash, restore, purge. */
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { conflict, notFound } from '@/lib/errors';
import type { ConvertedDocument } from '@/lib/documents/convert';
import type { DocumentListQuery, DocumentMetadata } from '@/lib/documents/metadata';
import type { Action } from '@/lib/permissions';
import { getDb, type Db, type Tx } from '../client';
import { documentRevisions, documents, users, type Document, type RevisionFormat } from '../schema';
import { audit } from '../audit';
import { authorize, authorizeAs, type Actor } from './access';

export interface DocumentSummary {
  id: string;
  /** Live claims with a passage in the document (set by the list; 0 elsewhere). */
  claimCount?: number;
  title: string;
  author: string | null;
  outlet: string | null;
  publishedOn: string | null;
  language: string | null;
  wordCount: number;
  revisionCount: number;
  updatedAt: Date;
}

export interface DocumentView extends DocumentSummary {
  workspaceId: string;
  sourceUrl: string | null;
  notes: string | null;
  version: number;
  currentRevisionId: string;
  createdAt: Date;
  deletedAt: Date | null;
}

function summary(d: Document): DocumentSummary {
  return {
    id: d.id,
    title: d.title,
    author: d.author,
    outlet: d.outlet,
    publishedOn: d.publishedOn,
    language: d.language,
    wordCount: d.wordCount,
    revisionCount: d.revisionCount,
    updatedAt: d.updatedAt,
  };
}

export function presentDocument(d: Document): DocumentView {
  return {
    ...summary(d),
    workspaceId: d.workspaceId,
    sourceUrl: d.sourceUrl,
    notes: d.notes,
    version: d.version,
    currentRevisionId: d.currentRevisionId ?? '',
    createdAt: d.createdAt,
    deletedAt: d.deletedAt,
  };
}

/**
 * Loads a document and authorizes the actor in its workspace. A document of a workspace the actor
 * is not in, or in the trash (unless `trashed`), is not found.
 */
export function loadDocument(
  tx: Tx | Db,
  actor: Actor,
  documentId: string,
  action: Action,
  { trashed = false }: { trashed?: boolean } = {},
): Document {
  const doc = tx.select().from(documents).where(eq(documents.id, documentId)).get();
  if (!doc) throw notFound('document');
  authorizeAs(tx, actor, doc.workspaceId, action, 'document');
  if (Boolean(doc.deletedAt) !== trashed) throw notFound('document');
  return doc;
}

export function insertRevision(
  tx: Tx,
  {
    documentId,
    number,
    format,
    converted,
    actor,
    note,
  }: {
    documentId: string;
    number: number;
    format: RevisionFormat;
    converted: ConvertedDocument;
    actor: Actor;
    note?: string | null;
  },
): string {
  const id = randomUUID();
  tx.insert(documentRevisions)
    .values({
      id,
      documentId,
      number,
      format,
      content: converted.content as unknown as Record<string, unknown>,
      canonicalText: converted.text,
      wordCount: converted.words,
      note: note ?? null,
      createdBy: actor.userId,
    })
    .run();
  return id;
}

/** Creates a document and its first revision in one transaction. */
export async function importDocument({
  actor,
  workspaceId,
  metadata,
  format,
  converted,
}: {
  actor: Actor;
  workspaceId: string;
  metadata: DocumentMetadata;
  format: RevisionFormat;
  converted: ConvertedDocument;
}): Promise<DocumentView> {
  return getDb().transaction(
    (tx) => {
      authorize(tx, actor, workspaceId, 'document.write');
      const id = randomUUID();
      tx.insert(documents)
        .values({ id, workspaceId, ...metadata, createdBy: actor.userId })
        .run();
      const revisionId = insertRevision(tx, { documentId: id, number: 1, format, converted, actor });
      const row = tx
        .update(documents)
        .set({ currentRevisionId: revisionId, revisionCount: 1, wordCount: converted.words })
        .where(eq(documents.id, id))
        .returning()
        .get();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId,
        action: 'document.import',
        objectType: 'document',
        objectId: id,
        ip: actor.ip,
        details: { title: metadata.title, format, words: converted.words },
      });
      return presentDocument(row);
    },
    { behavior: 'immediate' },
  );
}

const SORT_COLUMNS = {
  updated: documents.updatedAt,
  title: documents.title,
  published: documents.publishedOn,
  outlet: documents.outlet,
  author: documents.author,
} as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listDocuments({
  actor,
  workspaceId,
  query = {},
  trashed = false,
}: {
  actor: Actor;
  workspaceId: string;
  query?: DocumentListQuery;
  trashed?: boolean;
}): Promise<DocumentSummary[]> {
  const db = getDb();
  authorize(db, actor, workspaceId, trashed ? 'trash.purge' : 'workspace.read');
  const where: (SQL | undefined)[] = [
    eq(documents.workspaceId, workspaceId),
    trashed ? isNotNull(documents.deletedAt) : isNull(documents.deletedAt),
  ];
  if (query.q)
    where.push(sql`${documents.title} like ${`%${escapeLike(query.q)}%`} escape '\\' collate nocase`);
  if (query.outlet) where.push(eq(documents.outlet, query.outlet));
  if (query.author) where.push(eq(documents.author, query.author));
  if (query.from) where.push(gte(documents.publishedOn, query.from));
  if (query.to) where.push(lte(documents.publishedOn, query.to));
  const column = SORT_COLUMNS[query.sort ?? 'updated'];
  const dir =
    query.dir ??
    (query.sort === undefined || query.sort === 'updated' || query.sort === 'published' ? 'desc' : 'asc');
  const order = dir === 'asc' ? asc(column) : desc(column);
  // Live claims with a passage in each document.
  const claimCount = sql<number>`(select count(distinct a.claim_id) from anchors a
    join claims c on c.id = a.claim_id
    where a.document_id = "documents"."id" and c.deleted_at is null)`;
  return db
    .select({ document: documents, claimCount })
    .from(documents)
    .where(and(...where))
    .orderBy(sql`${column} is null`, order, asc(documents.title))
    .all()
    .map((r) => ({ ...summary(r.document), claimCount: Number(r.claimCount) }));
}

/** The values the list can be filtered by. */
export async function listDocumentFacets({ actor, workspaceId }: { actor: Actor; workspaceId: string }) {
  const db = getDb();
  authorize(db, actor, workspaceId, 'workspace.read');
  const live = and(eq(documents.workspaceId, workspaceId), isNull(documents.deletedAt));
  const distinct = (column: typeof documents.outlet | typeof documents.author) =>
    db
      .selectDistinct({ v: column })
      .from(documents)
      .where(and(live, isNotNull(column)))
      .orderBy(asc(column))
      .all()
      .map((r) => r.v as string);
  return { outlets: distinct(documents.outlet), authors: distinct(documents.author) };
}

export async function getDocument({
  actor,
  documentId,
}: {
  actor: Actor;
  documentId: string;
}): Promise<DocumentView> {
  return presentDocument(loadDocument(getDb(), actor, documentId, 'workspace.read'));
}

/** Changes metadata; refused with a conflict when the document changed since `expectedVersion`. */
export async function updateDocumentMetadata({
  actor,
  documentId,
  expectedVersion,
  metadata,
}: {
  actor: Actor;
  documentId: string;
  expectedVersion: number;
  metadata: DocumentMetadata;
}): Promise<DocumentView> {
  return getDb().transaction(
    (tx) => {
      const doc = loadDocument(tx, actor, documentId, 'document.write');
      if (doc.version !== expectedVersion) throw staleConflict(doc);
      const row = tx
        .update(documents)
        .set({ ...metadata, version: doc.version + 1, updatedAt: new Date() })
        .where(eq(documents.id, documentId))
        .returning()
        .get();
      const changed = Object.fromEntries(
        (Object.keys(metadata) as (keyof DocumentMetadata)[])
          .filter((k) => doc[k] !== metadata[k])
          .map((k) => [k, { from: doc[k], to: metadata[k] }]),
      );
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId: doc.workspaceId,
        action: 'document.update',
        objectType: 'document',
        objectId: documentId,
        ip: actor.ip,
        details: changed,
      });
      return presentDocument(row);
    },
    { behavior: 'immediate' },
  );
}

export function staleConflict(doc: Document) {
  return conflict(
    'document',
    `Someone changed this document since you opened it (now version ${doc.version}, “${doc.title}”). Reload to see their changes; nothing of yours was saved.`,
  );
}

function setTrashed(actor: Actor, documentId: string, trash: boolean) {
  return getDb().transaction(
    (tx) => {
      const doc = loadDocument(tx, actor, documentId, trash ? 'document.write' : 'trash.purge', {
        trashed: !trash,
      });
      tx.update(documents)
        .set({
          deletedAt: trash ? new Date() : null,
          deletedBy: trash ? actor.userId : null,
          version: doc.version + 1,
        })
        .where(eq(documents.id, documentId))
        .run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId: doc.workspaceId,
        action: trash ? 'document.trash' : 'document.restore',
        objectType: 'document',
        objectId: documentId,
        ip: actor.ip,
        details: { title: doc.title },
      });
      return { workspaceId: doc.workspaceId };
    },
    { behavior: 'immediate' },
  );
}

/** Moves a document to the workspace trash (editors and above). */
export async function trashDocument({ actor, documentId }: { actor: Actor; documentId: string }) {
  return setTrashed(actor, documentId, true);
}

/** Brings a document back from the trash (owners). */
export async function restoreDocument({ actor, documentId }: { actor: Actor; documentId: string }) {
  return setTrashed(actor, documentId, false);
}

/** Deletes a trashed document and all its revisions for good (owners). */
export async function purgeDocument({ actor, documentId }: { actor: Actor; documentId: string }) {
  return getDb().transaction(
    (tx) => {
      const doc = loadDocument(tx, actor, documentId, 'trash.purge', { trashed: true });
      tx.delete(documents).where(eq(documents.id, documentId)).run();
      audit(tx, {
        actorUserId: actor.userId,
        workspaceId: doc.workspaceId,
        action: 'document.purge',
        objectType: 'document',
        objectId: documentId,
        ip: actor.ip,
        details: { title: doc.title, revisions: doc.revisionCount },
      });
      return { workspaceId: doc.workspaceId };
    },
    { behavior: 'immediate' },
  );
}

export const creatorName = (tx: Tx | Db, userId: string | null) =>
  userId
    ? (tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? null)
    : null;
