/** Revisions of a document: every change of its text is a new immutable revision. */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { AppError, notFound } from '@/lib/errors';
import { ByteLru } from '@/lib/byte-lru';
import type { PmJson } from '@/lib/documents/canonical-text';
import type { ReaderRender } from '@/lib/documents/render-html';
import type { ConvertedDocument } from '@/lib/documents/convert';
import type { WordDiff } from '@/lib/documents/word-diff';
import { runJob } from '@/lib/jobs/pool';
import { ANCHOR_STATUSES, tally, type AnchorStatus } from '@/lib/vocabulary';
import { first, type Db, type Store } from '../store';
import {
  anchors,
  auditEvents,
  claims,
  documentRevisions,
  documents,
  users,
  type RevisionFormat,
} from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';
import { documentRaceError, insertRevision, loadDocument, staleConflict } from './documents';
import {
  applyReanchor,
  planReanchor,
  StaleReanchorPlan,
  type ReanchorCounts,
  type ReanchorPlan,
} from './reanchor';
import { indexDocument } from './search-index';

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

export interface ReaderRevision extends RevisionSummary {
  documentId: string;
  reader: KeptReader;
}

/** A revision as the reader draws it, with a digest of its HTML (the text's address names it). */
export interface KeptReader extends ReaderRender {
  digest: string;
}

/** Revisions as the reader draws them, by revision id (revisions never change), in this process. */
const readers = new ByteLru<KeptReader>(64 * 1024 * 1024);
const rendering = new Map<string, Promise<KeptReader>>();

async function readerOf(db: Db, revisionId: string): Promise<KeptReader> {
  const kept = readers.get(revisionId);
  if (kept) return kept;
  let pending = rendering.get(revisionId);
  if (!pending) {
    pending = (async () => {
      const row = await first(
        db
          .select({ content: documentRevisions.content })
          .from(documentRevisions)
          .where(eq(documentRevisions.id, revisionId)),
      );
      if (!row) throw notFound('revision');
      const rendered = await runJob('renderReader', { content: row.content as unknown as PmJson });
      const render = {
        ...rendered,
        digest: createHash('sha256').update(rendered.html).digest('base64url').slice(0, 22),
      };
      // UTF-16 text, the offsets and the headings: about what the render holds in memory.
      const bytes =
        2 * render.html.length + 8 * render.starts.length + 2 * JSON.stringify(render.outline).length;
      readers.set(revisionId, render, bytes);
      return render;
    })().finally(() => rendering.delete(revisionId));
    rendering.set(revisionId, pending);
  }
  return pending;
}

/**
 * One revision (by number or id; without either, the current) as the reader shows it: its summary and
 * its text drawn for reading (lib/documents/render-html.ts `renderReader`). The drawing is made
 * once per revision, in the worker pool, and kept by this process; opening a document reads its
 * rows, not the revision's content.
 */
export async function getReaderRevision(
  store: Store,
  {
    actor,
    documentId,
    number,
    revisionId,
  }: { actor: Actor; documentId: string; number?: number; revisionId?: string },
): Promise<ReaderRevision> {
  const db = store.db;
  const doc = await loadDocument(db, actor, documentId, 'workspace.read');
  const row = await first(
    db
      .select(summaryColumns)
      .from(documentRevisions)
      .leftJoin(users, eq(users.id, documentRevisions.createdBy))
      .where(
        and(
          eq(documentRevisions.documentId, documentId),
          number
            ? eq(documentRevisions.number, number)
            : eq(documentRevisions.id, revisionId ?? doc.currentRevisionId ?? ''),
        ),
      )
      .limit(1),
  );
  if (!row) throw notFound('revision');
  const reader = await readerOf(db, row.id);
  return { ...row, documentId, current: row.id === doc.currentRevisionId, reader };
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
 * converted by the caller, before the transaction; the passages are re-anchored before it too, in
 * the worker pool (./reanchor.ts), and the transaction stores where they landed — planned again
 * when a passage changed meanwhile.
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
  const input = { actor, documentId, baseRevisionId, format, converted, note };
  for (let attempt = 1; ; attempt++) {
    const plan = await planRevision(store, input);
    try {
      return await saveRevision(store, input, plan);
    } catch (error) {
      if (!(error instanceof StaleReanchorPlan)) throw error;
      if (attempt === 3) {
        throw new AppError(
          'conflict',
          'document',
          'Passages of this document kept changing while your revision was saved. Nothing was changed; please try again.',
        );
      }
    }
  }
}

type RevisionInput = Parameters<typeof addRevision>[1];

/** Outside the transaction: the passages' new places, unless the revision changes nothing. */
async function planRevision(store: Store, { actor, documentId, baseRevisionId, converted }: RevisionInput) {
  const doc = await loadDocument(store.db, actor, documentId, 'document.write');
  if (doc.currentRevisionId !== baseRevisionId) throw staleConflict(doc);
  const base = await readRevision(store.db, documentId, doc.currentRevisionId, { id: baseRevisionId });
  if (base.canonicalText === converted.text && sameContent(base.content, converted.content)) return null;
  return planReanchor(store.db, documentId, base.canonicalText, converted.text);
}

const sameContent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function saveRevision(
  store: Store,
  { actor, documentId, baseRevisionId, format, converted, note }: RevisionInput,
  plan: ReanchorPlan | null,
): Promise<RevisionSummary & { anchors: ReanchorCounts }> {
  return store.transaction(async (tx) => {
    const doc = await loadDocument(tx, actor, documentId, 'document.write');
    if (doc.currentRevisionId !== baseRevisionId) throw staleConflict(doc);
    const current = await readRevision(tx, documentId, doc.currentRevisionId, { id: baseRevisionId });
    if (current.canonicalText === converted.text && sameContent(current.content, converted.content)) {
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
    // (no plan: the text was the same before the transaction; a revision made meanwhile on the
    // same base was refused above, so the plan's base is this transaction's base)
    if (!plan) throw new StaleReanchorPlan();
    const anchorsStatus = await applyReanchor(tx, documentId, plan, id);
    await indexDocument(tx, documentId);
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
  // The texts only: the editor JSON of a long document is megabytes to parse, for nothing here.
  const textOf = async (number: number) => {
    const row = await first(
      db
        .select({ ...summaryColumns, canonicalText: documentRevisions.canonicalText })
        .from(documentRevisions)
        .leftJoin(users, eq(users.id, documentRevisions.createdBy))
        .where(and(eq(documentRevisions.documentId, documentId), eq(documentRevisions.number, number)))
        .limit(1),
    );
    if (!row) throw notFound('revision');
    return { ...row, current: row.id === doc.currentRevisionId };
  };
  const [a, b] = await Promise.all([textOf(from), textOf(to)]);
  const strip = ({ canonicalText: _t, ...rest }: RevisionText) => rest;
  return { from: strip(a), to: strip(b), diff: await diffOf(a, b) };
}

/**
 * Revisions never change, so the diff of two of them is computed once (in the worker pool) and
 * kept for the next viewers: a cache of the last few diffs in this process (a process without it
 * computes it again; nothing depends on it).
 */
const diffs = new Map<string, Promise<WordDiff>>();
const DIFF_CACHE_SIZE = 16;

type RevisionText = RevisionSummary & { canonicalText: string };

function diffOf(a: RevisionText, b: RevisionText): Promise<WordDiff> {
  const key = `${a.id}>${b.id}`;
  let diff = diffs.get(key);
  if (diff) {
    diffs.delete(key); // most recently used last
  } else {
    diff = runJob('wordDiff', { before: a.canonicalText, after: b.canonicalText });
    // A failed diff is not kept: the next viewer tries again.
    void diff.catch(() => diffs.delete(key));
  }
  diffs.set(key, diff);
  while (diffs.size > DIFF_CACHE_SIZE) diffs.delete(diffs.keys().next().value!);
  return diff;
}

/** A passage that a revision left for the analyst to check: a close match, or an orphan. */
export interface PassageToCheck {
  anchorId: string;
  claimId: string;
  statement: string;
  /** The quote the passage was made with (re-anchoring never rewrites it). */
  oldQuote: string;
  /** The text now at its place (a close match), or null (an orphan). */
  newText: string | null;
  score: number;
  revisionId: string;
  start: number | null;
  end: number | null;
}

export interface RevisionPassages {
  revision: RevisionSummary;
  /** What re-anchoring did when the revision was saved (from its audit event), if it ran. */
  atSave: ReanchorCounts | null;
  /** Passages on this revision now, by status (claims in the trash left out). */
  now: ReanchorCounts;
  fuzzy: PassageToCheck[];
  orphaned: PassageToCheck[];
  /** The newest revision's number when this one is no longer current (its passages moved on). */
  currentNumber: number;
}

/** At most this many passages of each kind are listed (the counts say how many there are). */
export const PASSAGES_LISTED = 200;

/**
 * A revision's passages: how many re-anchoring placed exactly, as close matches or not at all
 * when the revision was saved, and the close matches and orphans that are on it now, with their
 * claim's statement, their old quote and (for a close match) the text now at their place.
 */
export async function revisionPassages(
  store: Store,
  {
    actor,
    documentId,
    number,
    list = true,
  }: {
    actor: Actor;
    documentId: string;
    number: number;
    /** False: the counts only (the reader's notice after a revision is saved). */
    list?: boolean;
  },
): Promise<RevisionPassages> {
  const db = store.db;
  const doc = await loadDocument(db, actor, documentId, 'workspace.read');
  const revision = await readRevision(db, documentId, doc.currentRevisionId, { number });
  const { content: _c, canonicalText: text, documentId: _d, ...summary } = revision;
  const live = and(
    eq(anchors.documentId, documentId),
    eq(anchors.revisionId, revision.id),
    isNull(claims.deletedAt),
  );
  const statuses = await db
    .select({ status: anchors.status })
    .from(anchors)
    .innerJoin(claims, eq(claims.id, anchors.claimId))
    .where(live);
  const listed = (status: AnchorStatus) =>
    db
      .select({
        anchorId: anchors.id,
        claimId: anchors.claimId,
        statement: claims.statement,
        oldQuote: anchors.exact,
        score: anchors.score,
        revisionId: anchors.revisionId,
        start: anchors.start,
        end: anchors.end,
      })
      .from(anchors)
      .innerJoin(claims, eq(claims.id, anchors.claimId))
      .where(and(live, eq(anchors.status, status)))
      .orderBy(asc(anchors.start), asc(anchors.heldStart), asc(claims.statement), asc(anchors.id))
      .limit(PASSAGES_LISTED);
  const [fuzzy, orphaned, saved] = await Promise.all([
    list ? listed('fuzzy') : [],
    list ? listed('orphaned') : [],
    db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.objectType, 'document'),
          eq(auditEvents.objectId, documentId),
          eq(auditEvents.action, 'document.revise'),
        ),
      ),
  ]);
  const atSave = saved.map((e) => e.details).find((d) => d?.revision === number)?.anchors;
  const place = (p: (typeof fuzzy)[number]): PassageToCheck => ({
    ...p,
    newText: p.start !== null && p.end !== null ? text.slice(p.start, p.end) : null,
  });
  return {
    revision: summary,
    atSave: isCounts(atSave) ? atSave : null,
    now: tally(
      ANCHOR_STATUSES,
      statuses.map((a) => a.status),
    ),
    fuzzy: fuzzy.map(place),
    orphaned: orphaned.map((p) => ({ ...p, newText: null })),
    currentNumber: doc.revisionCount,
  };
}

const isCounts = (value: unknown): value is ReanchorCounts =>
  typeof value === 'object' &&
  value !== null &&
  ANCHOR_STATUSES.every((s) => typeof (value as Record<string, unknown>)[s] === 'number');
