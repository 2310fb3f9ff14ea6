/**
 * The one schema of Warrant. Every table lives here; migrations in drizzle/ are generated from it
 * by drizzle-kit (`npm run db:generate`). Times are stored as integer milliseconds since the epoch.
 *
 * Integrity (issue 12 item 5):
 * - Every column that holds another row's id has a foreign key with a deliberate ON DELETE:
 *   `cascade` where the child is part of its parent (a claim's tags, a workspace's rows),
 *   `restrict` / `no action` where the deletion must be refused (a user who wrote or decided
 *   something: accounts are disabled, never deleted, so attribution never silently vanishes; a
 *   claim type in use), `set null` where the link is optional (the topic of a claim, who trashed
 *   a row). `no action` rather than `restrict` inside a workspace: it is checked at the end of the
 *   statement, so deleting a workspace (which cascades to the claim types and to the claims that
 *   use them in one statement) still works. One exception, documented where it is: the audit log
 *   (no foreign keys at all). A document's current revision is a composite key (the revision
 *   must be one of the document's own), documented at `documents`.
 * - Every enum-like column has a CHECK built by `oneOf` from the vocabulary's one list in lib/
 *   (./vocabulary, ./scales, ./permissions); the column's TypeScript type comes from the same
 *   list. db/migration.test.ts checks that the database's CHECKs and the lists agree.
 */
import { relations, sql } from 'drizzle-orm';
import { nowMs } from './dialect';
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
  type SQLiteTableExtraConfigValue,
} from 'drizzle-orm/sqlite-core';
import { ROLES } from '@/lib/permissions';
import type { ContestedReasonKind } from '@/lib/review/contested';
import {
  CLAIM_KIND_KEYS,
  CONFIDENCES,
  CREDIBILITY_CODES,
  LIKELIHOOD_KEYS,
  RELIABILITY_CODES,
  SOURCE_KINDS,
  STANCES,
  type Credibility,
} from '@/lib/scales';
import {
  ANCHOR_STATUSES,
  CLAIM_STATUSES,
  DECISION_OUTCOMES,
  NOTIFICATION_KINDS,
  REVISION_FORMATS,
  SEARCH_KINDS,
  type SearchKind,
} from '@/lib/vocabulary';

// The vocabularies stored in this schema live in lib/ (one list each); re-exported for db/ code.
export {
  ANCHOR_STATUSES,
  CLAIM_STATUSES,
  DECISION_OUTCOMES,
  NOTIFICATION_KINDS,
  REVISION_FORMATS,
  type AnchorStatus,
  type ClaimStatus,
  type DecisionOutcome,
  type NotificationKind,
  type RevisionFormat,
} from '@/lib/vocabulary';

/** The current time in epoch milliseconds, as a column default (./dialect: one spelling per engine). */
const now = nowMs;
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);
/** The workspace a row belongs to; deleting the workspace deletes the row. */
const workspaceRef = () =>
  text('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/**
 * The user who wrote, rated or decided what the row holds (authorship). Deleting that user is
 * refused: accounts are disabled, never deleted (db/queries/administrators.ts), and an analyst's
 * name must not silently drop off a claim, an assessment or a decision.
 */
const authorRef = (name: string) => text(name).references(() => users.id, { onDelete: 'restrict' });

/** A user named for a passing act (who trashed or resolved it): the link lapses with the user. */
const userLink = (name: string) => text(name).references(() => users.id, { onDelete: 'set null' });

const literal = (value: string | number) =>
  typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;

/**
 * CHECK (<column> in (<values>)): the column holds only a value of its vocabulary. The values come
 * from the vocabulary's list in lib/ and are written as SQL literals (a CHECK takes no parameters).
 * A null passes (SQL), so a nullable column stays nullable.
 */
const oneOf = (table: string, column: AnySQLiteColumn, values: readonly (string | number)[]) =>
  check(
    `${table}_${column.name}_check`,
    sql`${sql.identifier(column.name)} in ${sql.raw(`(${values.map(literal).join(', ')})`)}`,
  );

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  createdAt: createdAt(),
  passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
});

/** One row per signed-in browser. The next-auth JWT carries the row id; a revoked or missing row
 * ends the session on the next request. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull().default(now),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Personal access tokens for the REST API (/api/v1). The token itself (`wrn_…`) is shown once;
 * only its SHA-256 is stored, with its first 8 characters for display.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_idx').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
  ],
);

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  /** Blind assessments: an analyst sees the others' assessments only after submitting their own. */
  blindAssessments: integer('blind_assessments', { mode: 'boolean' }).notNull().default(false),
  /** Who made it; who holds it is in `memberships` (owners), so the link may lapse. */
  createdBy: userLink('created_by'),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
});

export const memberships = sqliteTable(
  'memberships',
  {
    workspaceId: workspaceRef(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    oneOf('memberships', t.role, ROLES),
  ],
);

/** Invite links: the token itself is shown once; only its SHA-256 is stored. Single use. */
export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    tokenHash: text('token_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Who issued it: kept by the audit log; an invite is no one's authored content. */
    createdBy: userLink('created_by'),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    acceptedAt: integer('accepted_at', { mode: 'timestamp_ms' }),
    acceptedBy: userLink('accepted_by'),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('invites_token_hash_idx').on(t.tokenHash),
    index('invites_workspace_idx').on(t.workspaceId),
    oneOf('invites', t.role, ROLES),
  ],
);

/**
 * The rate limiter's memory (db/queries/rate-limits.ts): one row per counted hit of a key
 * (e.g. `signin:ip:192.0.2.1`), a sliding log. Kept in the database, not in a process, so that
 * every process shares it; a key holds at most its limit of rows in its window, and rows older
 * than the longest window are pruned.
 */
export const rateLimitHits = sqliteTable(
  'rate_limit_hits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('rate_limit_hits_key_at_idx').on(t.key, t.at), index('rate_limit_hits_at_idx').on(t.at)],
);

/** Instance-wide settings (e.g. open sign-up), as JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
});

/**
 * Append-only audit log. No foreign keys on purpose: an event outlives the rows it names, and a
 * trigger (drizzle/0001_audit_append_only.sql) aborts any UPDATE or DELETE. So none of the three
 * references could have an ON DELETE: `cascade` and `set null` are a DELETE and an UPDATE of the
 * event, which the trigger refuses (the parent's deletion would then fail), and `restrict` would
 * forbid ever deleting a workspace or purging a document that has a history. The ids of actors,
 * workspaces and objects are kept as plain text: they may name rows that are gone.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull().default(now),
    actorUserId: text('actor_user_id'),
    workspaceId: text('workspace_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    ip: text('ip'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_workspace_idx').on(t.workspaceId, t.at),
    index('audit_object_idx').on(t.objectType, t.objectId),
  ],
);

/** An imported source text. Its text lives in immutable revisions; `currentRevisionId` is the latest. */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    title: text('title').notNull(),
    author: text('author'),
    outlet: text('outlet'),
    sourceUrl: text('source_url'),
    /** ISO date (YYYY-MM-DD) of publication. */
    publishedOn: text('published_on'),
    language: text('language'),
    notes: text('notes'),
    /**
     * The latest revision: one of this document's own (the composite foreign key below). Null
     * only between the insert of a new document and that of its first revision, in the import's
     * transaction (db/queries/documents.ts); a new revision is inserted before the pointer moves
     * to it (db/queries/revisions.ts), so the key holds at every statement.
     */
    currentRevisionId: text('current_revision_id'),
    revisionCount: integer('revision_count').notNull().default(0),
    wordCount: integer('word_count').notNull().default(0),
    /** Optimistic concurrency: every metadata change or new revision increments it. */
    version: integer('version').notNull().default(1),
    createdBy: authorRef('created_by'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    deletedBy: userLink('deleted_by'),
  },
  // Annotated: the key names document_revisions, whose own key names documents (a cycle of types).
  (t): SQLiteTableExtraConfigValue[] => [
    index('documents_workspace_idx').on(t.workspaceId, t.deletedAt),
    index('documents_workspace_title_idx').on(t.workspaceId, t.title),
    /**
     * (id, current_revision_id) → document_revisions (document_id, id): the pointer names a
     * revision of this very document, not merely some revision (a CHECK cannot look at another
     * table; a key on current_revision_id alone would accept another document's revision).
     * A null pointer passes (SQL), as a new document's does until its first revision is in.
     * ON DELETE RESTRICT: the revision a document points to is never deleted while the document
     * exists (revisions are immutable, and deleted only by purging their document: the document
     * row goes first, so its revisions' cascade finds no pointer to them any more).
     */
    foreignKey({
      name: 'documents_current_revision_fk',
      columns: [t.id, t.currentRevisionId],
      foreignColumns: [documentRevisions.documentId, documentRevisions.id],
    }).onDelete('restrict'),
  ],
);

/**
 * One version of a document's text. Immutable: triggers (drizzle/0003, re-created by 0010 when the
 * table was rebuilt) abort any UPDATE, and any DELETE while the document still exists: rows go
 * only when their document is purged (the cascade). So no foreign key here may update a revision:
 * its author is `restrict`, not `set null`.
 */
export const documentRevisions = sqliteTable(
  'document_revisions',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    format: text('format', { enum: REVISION_FORMATS }).notNull(),
    /** ProseMirror JSON of the document schema. */
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    canonicalText: text('canonical_text').notNull(),
    wordCount: integer('word_count').notNull(),
    note: text('note'),
    createdBy: authorRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('document_revisions_number_idx').on(t.documentId, t.number),
    /** Unique because `id` is: the parent key of a document's current-revision foreign key. */
    uniqueIndex('document_revisions_document_revision_idx').on(t.documentId, t.id),
    oneOf('document_revisions', t.format, REVISION_FORMATS),
  ],
);

/** The kinds of claim a workspace uses (owners manage them), each with a highlight colour. */
export const claimTypes = sqliteTable(
  'claim_types',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    description: text('description'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('claim_types_name_idx').on(t.workspaceId, t.name)],
);

/** A question that competing claims answer ("How much ransom was paid?"). */
export const topics = sqliteTable(
  'topics',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    question: text('question').notNull(),
    createdBy: authorRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('topics_question_idx').on(t.workspaceId, t.question)],
);

export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    /** A type in use cannot be deleted (no action: a workspace's deletion still takes both). */
    typeId: text('type_id')
      .notNull()
      .references(() => claimTypes.id, { onDelete: 'no action' }),
    statement: text('statement').notNull(),
    kind: text('kind', { enum: CLAIM_KIND_KEYS }).notNull(),
    /** Optional grouping: without its topic the claim stands alone. */
    topicId: text('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    quantityMin: real('quantity_min'),
    quantityMax: real('quantity_max'),
    quantityUnit: text('quantity_unit'),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('draft'),
    /**
     * Set when a reviewer preferred another claim of the topic: this one is kept as an alternative.
     * Without the preferred claim it is an alternative of nothing (set null); the data layer also
     * clears it when the preferred claim is trashed or leaves the topic (db/queries/claims.ts).
     */
    alternativeOf: text('alternative_of').references((): AnySQLiteColumn => claims.id, {
      onDelete: 'set null',
    }),
    /** The reviewer assigned to the claim in the review queue: an assignment, not authorship. */
    reviewerId: userLink('reviewer_id'),
    /** Why the claim is contested (lib/review/contested.ts), recomputed in every write that bears on it. */
    contested: text('contested', { mode: 'json' }).$type<StoredReason[]>().notNull().default([]),
    adjudicatedAt: integer('adjudicated_at', { mode: 'timestamp_ms' }),
    /** When the quantity or topic last changed (null: since creation); competing values date from it. */
    quantityChangedAt: integer('quantity_changed_at', { mode: 'timestamp_ms' }),
    version: integer('version').notNull().default(1),
    /**
     * Moves with every write that bears on the claim's review (its fields, passages, evidence,
     * assessments, disputes, decisions): an adjudication made on an older picture is refused.
     */
    reviewVersion: integer('review_version').notNull().default(1),
    /**
     * The claim's live evidence links: not in the trash, their source not in the trash. Kept by the
     * writes that change it (db/queries/evidence-links.ts), inside their transactions, so that the
     * evidence table counts its rows without reading every claim's evidence.
     */
    evidenceLinks: integer('evidence_links').notNull().default(0),
    /**
     * Of those, how many have each stance: kept with `evidence_links`, so that a filter by stance
     * alone finds its claims, and counts their rows, without reading any evidence.
     */
    supportsLinks: integer('supports_links').notNull().default(0),
    contradictsLinks: integer('contradicts_links').notNull().default(0),
    qualifiesLinks: integer('qualifies_links').notNull().default(0),
    mentionsLinks: integer('mentions_links').notNull().default(0),
    /**
     * The claim's tags as the evidence table shows and sorts them (each once, by tag, joined with
     * ", "; null without any), kept by the write that sets them (db/queries/claims.ts `setTags`), so
     * that a sort by tags reads no tag rows.
     */
    tagsKey: text('tags_key'),
    /**
     * The claim's passages on documents not in the trash, as the evidence table shows and sorts
     * them: the first one's quote, how many, their documents' titles, their anchor states, the
     * first one's document (its group by document). Kept by the writes that change them
     * (db/queries/passage-keys.ts), inside their transactions, so that a sort by them reads no
     * passage.
     */
    passageKey: text('passage_key'),
    passageCount: integer('passage_count').notNull().default(0),
    documentKey: text('document_key'),
    anchorKey: text('anchor_key'),
    firstDocument: text('first_document'),
    /**
     * The claim's place in the evidence table's "Likelihood · confidence" order: the rank of its
     * middle assessment (lib/review/assessment-order.ts), null without any. Kept by every claim
     * write (db/queries/assessment-key.ts), so that a sort by that column reads no assessment.
     */
    assessmentKey: integer('assessment_key'),
    createdBy: authorRef('created_by'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    deletedBy: userLink('deleted_by'),
  },
  (t) => [
    index('claims_workspace_idx').on(t.workspaceId, t.deletedAt),
    index('claims_topic_idx').on(t.topicId),
    oneOf('claims', t.kind, CLAIM_KIND_KEYS),
    oneOf('claims', t.status, CLAIM_STATUSES),
  ],
);

/** A contested reason as stored on the claim (the output of lib/review/contested.ts). */
export interface StoredReason {
  kind: ContestedReasonKind;
  key: string;
  detail: string;
  claimIds?: string[];
}

export const claimTags = sqliteTable(
  'claim_tags',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.tag] }), index('claim_tags_tag_idx').on(t.tag)],
);

/**
 * Where a claim appears: W3C TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector
 * (start, end: UTF-16 offsets into the canonical text of `revisionId`). Re-anchored on every new
 * revision; an orphaned anchor keeps its quote and has no position.
 */
export const anchors = sqliteTable(
  'anchors',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** The revision it was made on: a revision in use is not deleted alone (purging the document takes both). */
    revisionId: text('revision_id')
      .notNull()
      .references(() => documentRevisions.id, { onDelete: 'no action' }),
    exact: text('exact').notNull(),
    prefix: text('prefix').notNull(),
    suffix: text('suffix').notNull(),
    start: integer('start'),
    end: integer('end'),
    status: text('status', { enum: ANCHOR_STATUSES }).notNull().default('exact'),
    score: real('score').notNull().default(1),
    /**
     * An orphan's last known place: the revision that last held the passage and its offsets
     * there (set when re-anchoring orphans it, cleared when it is found or re-attached), so that
     * an export still says where the passage was.
     */
    heldRevisionId: text('held_revision_id').references(() => documentRevisions.id, {
      onDelete: 'no action',
    }),
    heldStart: integer('held_start'),
    heldEnd: integer('held_end'),
    createdBy: authorRef('created_by'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    index('anchors_document_idx').on(t.documentId),
    // A claim's passages in order (the first one is what the evidence table shows and sorts by); it
    // also finds a claim's passages (no index on the claim alone).
    index('anchors_claim_created_idx').on(t.claimId, t.createdAt, t.id),
    oneOf('anchors', t.status, ANCHOR_STATUSES),
  ],
);

/**
 * How many live claims (not in the trash) have a passage in each document, kept by every write
 * that changes it (db/queries/document-counts.ts), so that the documents list reads a few rows per
 * document instead of counting every anchor of the workspace. The count is the sum of the rows of a
 * document: a claim counts in the bucket of its id (256 buckets), so that analysts making claims in
 * one document at once seldom write the same row (on PostgreSQL two such writes conflict, and one
 * runs again). A bucket can go below zero (counts carried into bucket 0 by the migration); the sum
 * cannot.
 */
export const documentClaimCounts = sqliteTable(
  'document_claim_counts',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    bucket: integer('bucket').notNull(),
    claims: integer('claims').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.bucket] })],
);

export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull(),
    url: text('url'),
    description: text('description'),
    reliability: text('reliability', { enum: RELIABILITY_CODES }).notNull().default('F'),
    version: integer('version').notNull().default(1),
    createdBy: authorRef('created_by'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('sources_workspace_idx').on(t.workspaceId, t.name),
    oneOf('sources', t.kind, SOURCE_KINDS),
    oneOf('sources', t.reliability, RELIABILITY_CODES),
  ],
);

/** Every reliability rating a source has had, with the reason for each change (part of the source). */
export const sourceRatings = sqliteTable(
  'source_ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    reliability: text('reliability', { enum: RELIABILITY_CODES }).notNull(),
    previous: text('previous', { enum: RELIABILITY_CODES }),
    reason: text('reason').notNull(),
    changedBy: authorRef('changed_by'),
    changedAt: createdAt(),
  },
  (t) => [
    oneOf('source_ratings', t.reliability, RELIABILITY_CODES),
    oneOf('source_ratings', t.previous, RELIABILITY_CODES),
  ],
);

export const evidence = sqliteTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    /**
     * A cited source cannot be deleted (sources go to the trash; no action, so deleting the
     * workspace still takes both): deleting it would silently take support or contradiction away
     * from claims. The evidence itself belongs to its claim (cascade).
     */
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'no action' }),
    stance: text('stance', { enum: STANCES }).notNull(),
    credibility: integer('credibility').$type<Credibility>().notNull(),
    quote: text('quote'),
    locator: text('locator'),
    note: text('note'),
    accessedOn: text('accessed_on'),
    /** When the stance last changed (null: since creation); the review rules date evidence by it. */
    stanceChangedAt: integer('stance_changed_at', { mode: 'timestamp_ms' }),
    version: integer('version').notNull().default(1),
    createdBy: authorRef('created_by'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // A claim's evidence in order (the evidence table's rows of a claim, and its keyset order),
    // with what says whether a link is live: a claim's live links are counted from the index alone.
    index('evidence_claim_created_idx').on(t.claimId, t.createdAt, t.id, t.deletedAt, t.sourceId),
    // A source's links, with what the evidence table reads of them when it orders rows by source,
    // stance or credibility (db/queries/evidence-table.ts: each segment read from the index alone).
    index('evidence_source_idx').on(
      t.sourceId,
      t.deletedAt,
      t.stance,
      t.credibility,
      t.claimId,
      t.createdAt,
      t.id,
    ),
    oneOf('evidence', t.stance, STANCES),
    oneOf('evidence', t.credibility, CREDIBILITY_CODES),
  ],
);

/** One analyst's own judgment of a claim (ICD 203: likelihood and confidence kept apart). */
export const assessments = sqliteTable(
  'assessments',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    /** The analyst whose judgment it is: authorship (deleting the analyst would silently change
     * whether a claim is contested). */
    userId: authorRef('user_id').notNull(),
    likelihood: text('likelihood', { enum: LIKELIHOOD_KEYS }).notNull(),
    confidence: text('confidence', { enum: CONFIDENCES }).notNull(),
    rationale: text('rationale').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    uniqueIndex('assessments_claim_user_idx').on(t.claimId, t.userId),
    oneOf('assessments', t.likelihood, LIKELIHOOD_KEYS),
    oneOf('assessments', t.confidence, CONFIDENCES),
  ],
);

/** An adjudication: a reviewer's decision on a claim, with the written rationale. */
export const decisions = sqliteTable(
  'decisions',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
    rationale: text('rationale').notNull(),
    /** For a topic with competing values: the claim the reviewer preferred (optional; the rationale stays). */
    preferredClaimId: text('preferred_claim_id').references(() => claims.id, { onDelete: 'set null' }),
    /**
     * The team's judgment the reviewer records with the decision (ICD 203 likelihood and
     * confidence), on the claim the decision accepts or rejects; null when none was recorded
     * (decisions made before it could be, a claim kept disputed, an alternative).
     */
    likelihood: text('likelihood', { enum: LIKELIHOOD_KEYS }),
    confidence: text('confidence', { enum: CONFIDENCES }),
    decidedBy: authorRef('decided_by'),
    decidedAt: createdAt(),
  },
  (t) => [
    index('decisions_claim_idx').on(t.claimId, t.decidedAt),
    oneOf('decisions', t.outcome, DECISION_OUTCOMES),
    oneOf('decisions', t.likelihood, LIKELIHOOD_KEYS),
    oneOf('decisions', t.confidence, CONFIDENCES),
    // Both or neither: a likelihood without its confidence is half a judgment.
    check(
      'decisions_judgment_check',
      sql`(${sql.identifier('likelihood')} is null) = (${sql.identifier('confidence')} is null)`,
    ),
  ],
);

/** A member disputing a claim, with a reason; open until an adjudication resolves it. */
export const disputes = sqliteTable(
  'disputes',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    /** Who raised it, with a reason they wrote: authorship. */
    userId: authorRef('user_id'),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('disputes_claim_idx').on(t.claimId)],
);

/** Discussion on a claim: Markdown comments, threaded one level (replies to a comment). */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    workspaceId: workspaceRef(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    /** A reply is part of its thread. */
    parentId: text('parent_id').references((): AnySQLiteColumn => comments.id, { onDelete: 'cascade' }),
    authorId: authorRef('author_id'),
    body: text('body').notNull(),
    /**
     * The body rendered (lib/review/comment-markdown: sanitized HTML with mention spans), written
     * with the body on every write; null on rows from before it was stored (rendered on read).
     */
    bodyHtml: text('body_html'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: userLink('resolved_by'),
  },
  (t) => [index('comments_claim_idx').on(t.claimId, t.createdAt)],
);

/** In-app notifications: mentions, assignments, decisions on my claims, replies. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: workspaceRef(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** A notice about a claim means nothing without it. */
    claimId: text('claim_id').references(() => claims.id, { onDelete: 'cascade' }),
    /** Who caused it: the recipient's notice keeps its text without them. */
    actorId: userLink('actor_id'),
    text: text('text').notNull(),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt),
    oneOf('notifications', t.kind, NOTIFICATION_KINDS),
  ],
);

/**
 * The outbox of live events (db/queries/outbox.ts): each event is written in the transaction of the
 * change it reports (so none is published for a rolled-back write, and none is lost for a
 * committed one), and every app process reads the new rows and hands them to its open streams.
 * Rows are pruned after a few minutes. No foreign key: an event may outlive its workspace (the
 * deletion's own `access` event).
 */
export const liveEvents = sqliteTable(
  'live_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id').notNull(),
    event: text('event', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('live_events_created_idx').on(t.createdAt)],
);

/**
 * Who has which document open ("Also reading"), one row per open live stream in any process. A
 * stream renews its row while it lasts (db/queries/outbox.ts); a row whose process died expires.
 */
export const presence = sqliteTable(
  'presence',
  {
    connectionId: text('connection_id').primaryKey(),
    workspaceId: workspaceRef(),
    documentId: text('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('presence_document_idx').on(t.workspaceId, t.documentId, t.expiresAt)],
);

export { SEARCH_KINDS, type SearchKind };

/**
 * The search index's entries (db/queries/search-index.ts): one row per searchable text, written
 * in the transaction of the write that changes it. A passage is a piece of a document's current
 * revision (`position`: its offset in the canonical text); a document entry is its title, author
 * and outlet; a claim entry its statement, topic, tags and quotes; the others their own texts. The
 * engines index `body` each in its own way, outside this schema: an FTS5 table kept by triggers on
 * SQLite (drizzle/0014), a GIN index over a tsvector on PostgreSQL (drizzle-pg/0005). The object
 * links cascade, so purging anything takes its entries; the trash is applied in each query.
 */
export const searchEntries = sqliteTable(
  'search_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: workspaceRef(),
    kind: text('kind', { enum: SEARCH_KINDS }).notNull(),
    documentId: text('document_id').references(() => documents.id, { onDelete: 'cascade' }),
    claimId: text('claim_id').references(() => claims.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').references(() => sources.id, { onDelete: 'cascade' }),
    evidenceId: text('evidence_id').references(() => evidence.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    position: integer('position'),
    body: text('body').notNull(),
    /**
     * The entry's workspace and kind as one word (db/queries/search-index.ts `searchScope`), indexed
     * beside the body on SQLite, so that FTS5 finds a workspace's entries of one kind in the index
     * itself instead of filtering every match of every workspace afterwards.
     */
    scope: text('scope').notNull(),
    createdBy: userLink('created_by'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('search_entries_document_idx').on(t.documentId, t.kind),
    index('search_entries_claim_idx').on(t.claimId, t.kind),
    index('search_entries_source_idx').on(t.sourceId),
    index('search_entries_evidence_idx').on(t.evidenceId),
    index('search_entries_comment_idx').on(t.commentId),
    oneOf('search_entries', t.kind, SEARCH_KINDS),
  ],
);

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
  sessions: many(sessions),
}));

export const workspacesRelations = relations(workspaces, ({ many }) => ({
  memberships: many(memberships),
  invites: many(invites),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  workspace: one(workspaces, { fields: [memberships.workspaceId], references: [workspaces.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const documentsRelations = relations(documents, ({ one, many }) => ({
  workspace: one(workspaces, { fields: [documents.workspaceId], references: [workspaces.id] }),
  revisions: many(documentRevisions),
}));

export const documentRevisionsRelations = relations(documentRevisions, ({ one }) => ({
  document: one(documents, { fields: [documentRevisions.documentId], references: [documents.id] }),
}));

export const invitesRelations = relations(invites, ({ one }) => ({
  workspace: one(workspaces, { fields: [invites.workspaceId], references: [workspaces.id] }),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type Document = typeof documents.$inferSelect;
export type DocumentRevision = typeof documentRevisions.$inferSelect;
export type Claim = typeof claims.$inferSelect;
export type Anchor = typeof anchors.$inferSelect;
export type Source = typeof sources.$inferSelect;
export type Evidence = typeof evidence.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type ClaimType = typeof claimTypes.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Decision = typeof decisions.$inferSelect;
export type Dispute = typeof disputes.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
