/** Documents: import, list, read, edit metadata, trash, restore, purge. */
import { and, asc, eq, gte, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { conflict, notFound, type AppError } from '@/lib/errors';
import type { ConvertedDocument } from '@/lib/documents/convert';
import type { DocumentListQuery, DocumentMetadata } from '@/lib/documents/metadata';
import type { Action } from '@/lib/permissions';
import { first, type Db, type Store, type Tx } from '../store';
import { containsText, nullsLast } from '../dialect';
import { documentRevisions, documents, users, type Document, type RevisionFormat } from '../schema';
import { audit } from '../audit';
import { documentClaimCount } from './document-counts';
import { indexDocument } from './search-index';
import { claimsOnDocument, keepDocumentPassageKeys, keepPassageKeys } from './passage-keys';
import { authorize, authorizeAs, type Actor } from './access';
import { authorizeRestore } from './trash-undo';

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
export async function loadDocument(
  tx: Db,
  actor: Actor,
  documentId: string,
  action: Action,
  { trashed = false }: { trashed?: boolean } = {},
): Promise<Document> {
  const doc = await first(tx.select().from(documents).where(eq(documents.id, documentId)).limit(1));
  if (!doc) throw notFound('document');
  await authorizeAs(tx, actor, doc.workspaceId, action, 'document');
  if (Boolean(doc.deletedAt) !== trashed) throw notFound('document');
  return doc;
}

/** Inserts a revision of the document; returns its id. The caller then points the document at it. */
export async function insertRevision(
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
): Promise<string> {
  const id = randomUUID();
  await tx.insert(documentRevisions).values({
    id,
    documentId,
    number,
    format,
    content: converted.content as unknown as Record<string, unknown>,
    canonicalText: converted.text,
    wordCount: converted.words,
    note: note ?? null,
    createdBy: actor.userId,
  });
  return id;
}

/**
 * Refuses early (before a large body is read and converted) when the actor may not import
 * documents into the workspace. `importDocument` checks again inside its transaction.
 */
export async function assertMayImportDocument(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
): Promise<void> {
  await authorize(store.db, actor, workspaceId, 'document.write');
}

/**
 * The workspace's documents whose current text is exactly `converted`'s (the same words, in the
 * same order, with the same breaks): an import is about to make a copy. Documents in the trash
 * count too (restoring one may be what was meant). Compared first by word count, an integer
 * column, so only documents of the same length are read.
 */
export async function findIdenticalDocuments(
  store: Store,
  { actor, workspaceId, converted }: { actor: Actor; workspaceId: string; converted: ConvertedDocument },
): Promise<{ id: string; title: string; inTrash: boolean }[]> {
  await authorize(store.db, actor, workspaceId, 'workspace.read');
  const rows = await store.db
    .select({ id: documents.id, title: documents.title, deletedAt: documents.deletedAt })
    .from(documents)
    .innerJoin(documentRevisions, eq(documentRevisions.id, documents.currentRevisionId))
    .where(
      and(
        eq(documents.workspaceId, workspaceId),
        eq(documentRevisions.wordCount, converted.words),
        eq(documentRevisions.canonicalText, converted.text),
      ),
    )
    .orderBy(asc(documents.createdAt))
    .limit(5);
  return rows.map((r) => ({ id: r.id, title: r.title, inTrash: r.deletedAt !== null }));
}

/**
 * Creates a document and its first revision in one transaction. The document is converted by the
 * caller, before: nothing but the database runs inside the transaction. The document row comes
 * first with no current revision, then the revision, then the pointer to it: the document's key
 * to its current revision (db/schema.ts) holds at each statement.
 */
export async function importDocument(
  store: Store,
  {
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
  },
): Promise<DocumentView> {
  return store.transaction(async (tx) => {
    await authorize(tx, actor, workspaceId, 'document.write');
    const id = randomUUID();
    await tx.insert(documents).values({ id, workspaceId, ...metadata, createdBy: actor.userId });
    const revisionId = await insertRevision(tx, { documentId: id, number: 1, format, converted, actor });
    const row = await first(
      tx
        .update(documents)
        .set({ currentRevisionId: revisionId, revisionCount: 1, wordCount: converted.words })
        .where(eq(documents.id, id))
        .returning(),
    );
    await indexDocument(tx, id);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId,
      action: 'document.import',
      objectType: 'document',
      objectId: id,
      ip: actor.ip,
      details: { title: metadata.title, format, words: converted.words },
    });
    return presentDocument(row!);
  });
}

const SORT_COLUMNS = {
  updated: documents.updatedAt,
  title: documents.title,
  published: documents.publishedOn,
  outlet: documents.outlet,
  author: documents.author,
} as const;

export async function listDocuments(
  store: Store,
  {
    actor,
    workspaceId,
    query = {},
    trashed = false,
  }: {
    actor: Actor;
    workspaceId: string;
    query?: DocumentListQuery;
    trashed?: boolean;
  },
): Promise<DocumentSummary[]> {
  const db = store.db;
  await authorize(db, actor, workspaceId, trashed ? 'trash.purge' : 'workspace.read');
  const where: (SQL | undefined)[] = [
    eq(documents.workspaceId, workspaceId),
    trashed ? isNotNull(documents.deletedAt) : isNull(documents.deletedAt),
  ];
  if (query.q) where.push(containsText(documents.title, query.q));
  if (query.outlet) where.push(eq(documents.outlet, query.outlet));
  if (query.author) where.push(eq(documents.author, query.author));
  if (query.from) where.push(gte(documents.publishedOn, query.from));
  if (query.to) where.push(lte(documents.publishedOn, query.to));
  const column = SORT_COLUMNS[query.sort ?? 'updated'];
  const dir =
    query.dir ??
    (query.sort === undefined || query.sort === 'updated' || query.sort === 'published' ? 'desc' : 'asc');
  // Live claims with a passage in each document, as kept by the writes (./document-counts).
  const claimCount = documentClaimCount;
  const rows = await db
    .select({ document: documents, claimCount })
    .from(documents)
    .where(and(...where))
    .orderBy(...nullsLast(column, dir), asc(documents.title));
  return rows.map((r) => ({ ...summary(r.document), claimCount: Number(r.claimCount) }));
}

/** The values the list can be filtered by. */
export async function listDocumentFacets(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  const live = and(eq(documents.workspaceId, workspaceId), isNull(documents.deletedAt));
  const distinct = async (column: typeof documents.outlet | typeof documents.author) =>
    (
      await db
        .selectDistinct({ v: column })
        .from(documents)
        .where(and(live, isNotNull(column)))
        .orderBy(asc(column))
    ).map((r) => r.v as string);
  const [outlets, authors] = await Promise.all([distinct(documents.outlet), distinct(documents.author)]);
  return { outlets, authors };
}

export async function getDocument(
  store: Store,
  {
    actor,
    documentId,
  }: {
    actor: Actor;
    documentId: string;
  },
): Promise<DocumentView> {
  return presentDocument(await loadDocument(store.db, actor, documentId, 'workspace.read'));
}

/**
 * The error for a conditional write that changed no row (it lost a race), with the document as it
 * is now: not found when it is gone or in the trash, a conflict naming its newer version otherwise.
 */
export async function documentRaceError(tx: Db, documentId: string): Promise<AppError> {
  const now = await first(tx.select().from(documents).where(eq(documents.id, documentId)).limit(1));
  return !now || now.deletedAt ? notFound('document') : staleConflict(now);
}

/**
 * Changes metadata; refused with a conflict when the document changed since `expectedVersion`.
 * The update itself is conditional on that version, so of two edits made from the same version
 * only one is applied, whatever the engine.
 */
export async function updateDocumentMetadata(
  store: Store,
  {
    actor,
    documentId,
    expectedVersion,
    metadata,
  }: {
    actor: Actor;
    documentId: string;
    expectedVersion: number;
    metadata: DocumentMetadata;
  },
): Promise<DocumentView> {
  return store.transaction(async (tx) => {
    const doc = await loadDocument(tx, actor, documentId, 'document.write');
    if (doc.version !== expectedVersion) throw staleConflict(doc);
    const [row] = await tx
      .update(documents)
      .set({ ...metadata, version: sql`${documents.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(documents.id, documentId),
          eq(documents.version, expectedVersion),
          isNull(documents.deletedAt),
        ),
      )
      .returning();
    if (!row) throw await documentRaceError(tx, documentId);
    await indexDocument(tx, documentId, { passages: false });
    // Its claims' documents, as the evidence table sorts them, name it.
    if (row.title !== doc.title) await keepDocumentPassageKeys(tx, documentId);
    const changed = Object.fromEntries(
      (Object.keys(metadata) as (keyof DocumentMetadata)[])
        .filter((k) => doc[k] !== metadata[k])
        .map((k) => [k, { from: doc[k], to: metadata[k] }]),
    );
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: doc.workspaceId,
      action: 'document.update',
      objectType: 'document',
      objectId: documentId,
      ip: actor.ip,
      details: changed,
    });
    return presentDocument(row);
  });
}

export function staleConflict(doc: Document) {
  return conflict(
    'document',
    `Someone changed this document since you opened it (now version ${doc.version}, “${doc.title}”). Reload to see their changes; nothing of yours was saved.`,
  );
}

/** The document is in the trash (`trashed`) or not. */
const inTrash = (trashed: boolean) =>
  trashed ? isNotNull(documents.deletedAt) : isNull(documents.deletedAt);

function setTrashed(store: Store, actor: Actor, documentId: string, trash: boolean) {
  return store.transaction(async (tx) => {
    const doc = await loadDocument(tx, actor, documentId, trash ? 'document.write' : 'workspace.read', {
      trashed: !trash,
    });
    // Back from the trash: owners, or its mover for a while after (the Undo).
    if (!trash) await authorizeRestore(tx, actor, doc.workspaceId, doc, 'document.write', 'document');
    // Conditional on the state just read, so that two of these racing apply once.
    const [moved] = await tx
      .update(documents)
      .set({
        deletedAt: trash ? new Date() : null,
        deletedBy: trash ? actor.userId : null,
        version: sql`${documents.version} + 1`,
      })
      .where(and(eq(documents.id, documentId), inTrash(!trash)))
      .returning({ id: documents.id });
    if (!moved) throw notFound('document');
    // Its passages leave (or come back to) its claims' passages as the evidence table sorts them.
    await keepDocumentPassageKeys(tx, documentId);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: doc.workspaceId,
      action: trash ? 'document.trash' : 'document.restore',
      objectType: 'document',
      objectId: documentId,
      ip: actor.ip,
      details: { title: doc.title },
    });
    return { workspaceId: doc.workspaceId };
  });
}

/** Moves a document to the workspace trash (editors and above). */
export async function trashDocument(
  store: Store,
  { actor, documentId }: { actor: Actor; documentId: string },
) {
  return setTrashed(store, actor, documentId, true);
}

/** Brings a document back from the trash (owners; its mover for a while after, ./trash-undo.ts). */
export async function restoreDocument(
  store: Store,
  { actor, documentId }: { actor: Actor; documentId: string },
) {
  return setTrashed(store, actor, documentId, false);
}

/** Deletes a trashed document and all its revisions for good (owners). */
export async function purgeDocument(
  store: Store,
  { actor, documentId }: { actor: Actor; documentId: string },
) {
  return store.transaction(async (tx) => {
    const doc = await loadDocument(tx, actor, documentId, 'trash.purge', { trashed: true });
    const anchored = await claimsOnDocument(tx, documentId);
    // Only while it is still in the trash (a restore racing with the purge wins or loses whole).
    const [purged] = await tx
      .delete(documents)
      .where(and(eq(documents.id, documentId), inTrash(true)))
      .returning({ id: documents.id });
    if (!purged) throw notFound('document');
    // (its passages were out of the evidence table's values since it went to the trash: kept safe)
    await keepPassageKeys(tx, anchored);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: doc.workspaceId,
      action: 'document.purge',
      objectType: 'document',
      objectId: documentId,
      ip: actor.ip,
      details: { title: doc.title, revisions: doc.revisionCount },
    });
    return { workspaceId: doc.workspaceId };
  });
}

export const creatorName = async (tx: Db, userId: string | null): Promise<string | null> =>
  userId
    ? ((await first(tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1)))
        ?.name ?? null)
    : null;
