/**
 * The schema-integrity migration (drizzle/0010_schema_integrity.sql, issue 12 item 5) on a
 * database as the previous release made it: every row survives, the triggers still hold, the new
 * CHECKs and foreign keys refuse what they must, and each ON DELETE acts as designed. Also: the
 * CHECKs in the database and the vocabularies in lib/ agree.
 *
 * The old database is built the way main built it (drizzle's own migrator, the journal cut before
 * 0010) and filled through raw SQL; the new migrations run through the store's migrate().
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as drizzleMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/permissions';
import {
  CLAIM_KIND_KEYS,
  CONFIDENCES,
  CREDIBILITY_CODES,
  LIKELIHOOD_KEYS,
  RELIABILITY_CODES,
  SOURCE_KINDS,
  STANCES,
  type Confidence,
  type Likelihood,
} from '@/lib/scales';
import {
  ANCHOR_STATUSES,
  CLAIM_STATUSES,
  DECISION_OUTCOMES,
  NOTIFICATION_KINDS,
  REVISION_FORMATS,
} from '@/lib/vocabulary';
import { convertToDocument } from '@/lib/documents/convert';
import { assessmentOrderKey } from '@/lib/review/assessment-order';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import * as schema from './schema';
import { MIGRATIONS_FOLDER, openSqliteStore } from './engines/sqlite';
import { importDocument } from './queries/documents';
import { addRevision, getRevision } from './queries/revisions';
import { seedDemoIfEmpty } from './seed';
import type { Store } from './store';
import { makeUser } from './testing';

/** The demo workspace's documents, read as rows (the test needs their ids only). */
const listDemoDocuments = async (store: Store) =>
  store.db
    .select({ id: schema.documents.id, workspaceId: schema.documents.workspaceId })
    .from(schema.documents)
    .innerJoin(schema.workspaces, eq(schema.workspaces.id, schema.documents.workspaceId))
    .where(eq(schema.workspaces.isDemo, true));

const MIGRATION = '0010_schema_integrity';

const dir = mkdtempSync(path.join(tmpdir(), 'warrant-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const nextFile = () => path.join(dir, `db-${++files}.db`);

/** drizzle/ as main had it: the same files, the journal cut before this migration. */
function previousMigrations(): string {
  const folder = path.join(dir, 'drizzle-before');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === MIGRATION);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

let beforeFolder: string;
beforeAll(() => {
  beforeFolder = previousMigrations();
});

/** A database file as main made it (its connection pragmas, drizzle's migrator), still open. */
function oldDatabase(file = nextFile()): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  drizzleMigrate(drizzle(sqlite), { migrationsFolder: beforeFolder });
  return sqlite;
}

const T0 = Date.UTC(2031, 2, 4, 8, 30);
const at = (minutes: number) => T0 + minutes * 60_000;

/** A small, complete workspace of our own: the grounding of a container ship in a strait. */
function fill(db: Database.Database): void {
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    db.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    ).run(...columns.map((c) => row[c] as string | number | null));
  };
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const user = (
    id: string,
    email: string,
    name: string,
    minute: number,
    extra: Record<string, unknown> = {},
  ) =>
    insert('users', {
      id,
      email,
      name,
      password_hash: `$argon2id$v=19$m=19456,t=2,p=1$${hash(id).slice(0, 22)}$${hash(email).slice(0, 43)}`,
      created_at: at(minute),
      ...extra,
    });
  user('u-amara', 'amara.okafor@example.org', 'Amara Okafor', 0, { is_admin: 1 });
  user('u-tomas', 'tomas.lindqvist@example.org', 'Tomás Lindqvist', 2);
  user('u-keiko', 'keiko.arai@example.org', 'Keiko Arai', 3, { password_changed_at: at(40) });
  user('u-rui', 'rui.calado@example.org', 'Rui Calado', 4, { disabled_at: at(500) });

  insert('sessions', {
    id: 's-amara',
    user_id: 'u-amara',
    created_at: at(5),
    last_seen_at: at(300),
    expires_at: at(60 * 24 * 30),
    ip: '198.51.100.7',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
  });
  insert('sessions', {
    id: 's-rui',
    user_id: 'u-rui',
    created_at: at(6),
    last_seen_at: at(7),
    expires_at: at(900),
    revoked_at: at(500),
  });
  insert('api_tokens', {
    id: 't-keiko',
    user_id: 'u-keiko',
    name: 'evidence sync script',
    token_hash: hash('wrn_keiko'),
    prefix: 'wrn_k3Ab',
    created_at: at(50),
    last_used_at: at(400),
  });
  insert('api_tokens', {
    id: 't-rui',
    user_id: 'u-rui',
    name: 'laptop export',
    token_hash: hash('wrn_rui'),
    prefix: 'wrn_r9Qx',
    created_at: at(51),
    expires_at: at(5000),
  });
  insert('rate_limit_hits', { key: 'signin:ip:198.51.100.7', at: at(4) });
  insert('rate_limit_hits', { key: 'signin:email:rui.calado@example.org', at: at(499) });
  insert('settings', { key: 'openSignUp', value: 'false', updated_at: at(1) });
  insert('settings', { key: 'initialisedAt', value: String(at(0)), updated_at: at(0) });

  insert('workspaces', {
    id: 'ws-strait',
    name: 'Strait shipping desk',
    created_by: 'u-amara',
    created_at: at(10),
    updated_at: at(10),
    blind_assessments: 1,
  });
  for (const [userId, role, minute] of [
    ['u-amara', 'owner', 10],
    ['u-tomas', 'reviewer', 12],
    ['u-keiko', 'editor', 13],
    ['u-rui', 'viewer', 14],
  ] as const)
    insert('memberships', { workspace_id: 'ws-strait', user_id: userId, role, created_at: at(minute) });
  insert('invites', {
    id: 'inv-open',
    workspace_id: 'ws-strait',
    token_hash: hash('invite-open'),
    role: 'editor',
    created_by: 'u-amara',
    created_at: at(11),
    expires_at: at(11 + 60 * 24 * 7),
  });
  insert('invites', {
    id: 'inv-rui',
    workspace_id: 'ws-strait',
    token_hash: hash('invite-rui'),
    role: 'viewer',
    created_by: 'u-amara',
    created_at: at(11),
    expires_at: at(2000),
    accepted_at: at(14),
    accepted_by: 'u-rui',
  });

  const notice1 =
    'The container ship Kestrel touched the eastern bank of the Seldon narrows at 04:10 on Tuesday. ' +
    'Thirty-eight containers are confirmed lost overboard. No pilot had boarded at the outer anchorage.';
  const notice2 =
    'The container ship Kestrel touched the eastern bank of the Seldon narrows at 04:10 on Tuesday. ' +
    'Thirty-eight containers are confirmed lost overboard; 38 containers is the count from the deck survey. ' +
    'No pilot had boarded at the outer anchorage, the harbour master said.';
  const wire =
    'Salvage crews reached the Kestrel at dawn and counted about 52 containers in the water, a port worker said.';
  const doc = (text: string) =>
    JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  insert('documents', {
    id: 'doc-notice',
    workspace_id: 'ws-strait',
    title: 'Harbour master notice on the Kestrel grounding',
    author: "Harbour Master's Office",
    outlet: 'Port of Seldon bulletin',
    source_url: 'https://port.example.org/notices/kestrel',
    published_on: '2031-03-04',
    language: 'en',
    notes: 'Second version adds the deck survey figure.',
    revision_count: 2,
    word_count: 40,
    version: 2,
    created_by: 'u-keiko',
    created_at: at(20),
    updated_at: at(60),
  });
  insert('document_revisions', {
    id: 'rev-notice-1',
    document_id: 'doc-notice',
    number: 1,
    format: 'markdown',
    content: doc(notice1),
    canonical_text: notice1,
    word_count: 32,
    created_by: 'u-keiko',
    created_at: at(20),
  });
  insert('document_revisions', {
    id: 'rev-notice-2',
    document_id: 'doc-notice',
    number: 2,
    format: 'edit',
    content: doc(notice2),
    canonical_text: notice2,
    word_count: 40,
    note: 'deck survey figure',
    created_by: 'u-keiko',
    created_at: at(60),
  });
  db.prepare(`UPDATE documents SET current_revision_id = 'rev-notice-2' WHERE id = 'doc-notice'`).run();
  insert('documents', {
    id: 'doc-wire',
    workspace_id: 'ws-strait',
    title: 'Wire: salvage crews reach the Kestrel',
    outlet: 'Coastal Wire',
    published_on: '2031-03-05',
    revision_count: 1,
    word_count: 20,
    created_by: 'u-keiko',
    created_at: at(70),
    updated_at: at(450),
    deleted_at: at(450),
    deleted_by: 'u-rui',
  });
  insert('document_revisions', {
    id: 'rev-wire-1',
    document_id: 'doc-wire',
    number: 1,
    format: 'text',
    content: doc(wire),
    canonical_text: wire,
    word_count: 20,
    created_by: 'u-keiko',
    created_at: at(70),
  });
  db.prepare(`UPDATE documents SET current_revision_id = 'rev-wire-1' WHERE id = 'doc-wire'`).run();

  insert('claim_types', {
    id: 'ct-cargo',
    workspace_id: 'ws-strait',
    name: 'Cargo loss',
    color: '#b45309',
    description: 'Containers or cargo lost',
    position: 0,
    created_at: at(15),
  });
  insert('claim_types', {
    id: 'ct-cause',
    workspace_id: 'ws-strait',
    name: 'Cause of incident',
    color: '#1d4ed8',
    position: 1,
    created_at: at(15),
  });
  insert('topics', {
    id: 'tp-count',
    workspace_id: 'ws-strait',
    question: 'How many containers went overboard?',
    created_by: 'u-keiko',
    created_at: at(80),
  });

  const contested = JSON.stringify([
    {
      kind: 'mixed_evidence',
      key: 'mixed_evidence',
      detail: 'One source supports it and one contradicts it.',
    },
  ]);
  insert('claims', {
    id: 'cl-38',
    workspace_id: 'ws-strait',
    type_id: 'ct-cargo',
    statement: 'The Kestrel lost 38 containers overboard',
    kind: 'reported',
    topic_id: 'tp-count',
    quantity_min: 38,
    quantity_max: 38,
    quantity_unit: 'containers',
    status: 'disputed',
    contested,
    alternative_of: null,
    reviewer_id: 'u-rui',
    version: 3,
    review_version: 5,
    created_by: 'u-keiko',
    created_at: at(81),
    updated_at: at(300),
    quantity_changed_at: at(81),
  });
  insert('claims', {
    id: 'cl-52',
    workspace_id: 'ws-strait',
    type_id: 'ct-cargo',
    statement: 'About 52 containers went into the water',
    kind: 'reported',
    topic_id: 'tp-count',
    quantity_min: 50,
    quantity_max: 55,
    quantity_unit: 'containers',
    status: 'accepted',
    reviewer_id: 'u-tomas',
    adjudicated_at: at(310),
    version: 2,
    review_version: 4,
    created_by: 'u-keiko',
    created_at: at(82),
    updated_at: at(310),
  });
  db.prepare(`UPDATE claims SET alternative_of = 'cl-52' WHERE id = 'cl-38'`).run();
  insert('claims', {
    id: 'cl-pilot',
    workspace_id: 'ws-strait',
    type_id: 'ct-cause',
    statement: 'No harbour pilot was aboard when the ship touched the bank',
    kind: 'judgment',
    status: 'draft',
    created_by: 'u-keiko',
    created_at: at(90),
    updated_at: at(90),
  });
  insert('claims', {
    id: 'cl-tide',
    workspace_id: 'ws-strait',
    type_id: 'ct-cause',
    statement: 'The grounding happened near low water',
    kind: 'assumption',
    status: 'rejected',
    created_by: 'u-tomas',
    created_at: at(95),
    updated_at: at(200),
    deleted_at: at(200),
    deleted_by: 'u-rui',
  });
  for (const [claimId, tag] of [
    ['cl-38', 'containers'],
    ['cl-38', 'deck survey'],
    ['cl-52', 'containers'],
    ['cl-52', 'salvage'],
    ['cl-pilot', 'pilotage'],
  ])
    insert('claim_tags', { claim_id: claimId, tag });

  insert('anchors', {
    id: 'an-38',
    claim_id: 'cl-38',
    document_id: 'doc-notice',
    revision_id: 'rev-notice-2',
    exact: '38 containers',
    prefix: 'overboard; ',
    suffix: ' is the count from the deck survey',
    start: 153,
    end: 166,
    status: 'exact',
    score: 1,
    created_by: 'u-keiko',
    created_at: at(81),
    updated_at: at(60),
  });
  insert('anchors', {
    id: 'an-52',
    claim_id: 'cl-52',
    document_id: 'doc-wire',
    revision_id: 'rev-wire-1',
    exact: 'about 52 containers',
    prefix: 'at dawn and counted ',
    suffix: ' in the water',
    start: 52,
    end: 71,
    status: 'exact',
    score: 1,
    created_by: 'u-keiko',
    created_at: at(82),
    updated_at: at(82),
  });
  insert('anchors', {
    id: 'an-pilot',
    claim_id: 'cl-pilot',
    document_id: 'doc-notice',
    revision_id: 'rev-notice-2',
    exact: 'No pilot had boarded',
    prefix: 'the deck survey. ',
    suffix: ' at the outer anchorage',
    start: 200,
    end: 220,
    status: 'fuzzy',
    score: 0.83,
    created_by: 'u-keiko',
    created_at: at(90),
    updated_at: at(60),
  });
  insert('anchors', {
    id: 'an-pilot-old',
    claim_id: 'cl-pilot',
    document_id: 'doc-notice',
    revision_id: 'rev-notice-1',
    exact: 'at the outer anchorage.',
    prefix: 'No pilot had boarded ',
    suffix: '',
    start: null,
    end: null,
    status: 'orphaned',
    score: 0,
    created_by: 'u-tomas',
    created_at: at(91),
    updated_at: at(60),
  });

  insert('sources', {
    id: 'src-port',
    workspace_id: 'ws-strait',
    name: 'Port of Seldon harbour master',
    kind: 'official',
    url: 'https://port.example.org',
    description: 'Statements by the harbour master',
    reliability: 'B',
    version: 2,
    created_by: 'u-amara',
    created_at: at(30),
    updated_at: at(100),
  });
  insert('sources', {
    id: 'src-gazette',
    workspace_id: 'ws-strait',
    name: 'Seldon Evening Gazette',
    kind: 'outlet',
    reliability: 'C',
    created_by: 'u-keiko',
    created_at: at(31),
    updated_at: at(31),
  });
  insert('source_ratings', {
    source_id: 'src-port',
    reliability: 'C',
    previous: null,
    reason: 'First rating: an official source, not yet checked against AIS data',
    changed_by: 'u-amara',
    created_at: at(30),
  });
  insert('source_ratings', {
    source_id: 'src-port',
    reliability: 'B',
    previous: 'C',
    reason: 'Its last three notices matched the AIS track',
    changed_by: 'u-tomas',
    created_at: at(100),
  });
  insert('source_ratings', {
    source_id: 'src-gazette',
    reliability: 'C',
    previous: null,
    reason: 'Local paper, mixed record on casualty figures',
    changed_by: 'u-keiko',
    created_at: at(31),
  });

  insert('evidence', {
    id: 'ev-38-port',
    claim_id: 'cl-38',
    source_id: 'src-port',
    stance: 'supports',
    credibility: 2,
    quote: 'Thirty-eight containers are confirmed lost overboard',
    locator: 'paragraph 1',
    accessed_on: '2031-03-04',
    version: 1,
    created_by: 'u-keiko',
    created_at: at(85),
    updated_at: at(85),
  });
  insert('evidence', {
    id: 'ev-38-gazette',
    claim_id: 'cl-38',
    source_id: 'src-gazette',
    stance: 'contradicts',
    credibility: 3,
    quote: 'more than fifty boxes',
    note: 'Counted from the quay, before the survey',
    stance_changed_at: at(120),
    version: 2,
    created_by: 'u-keiko',
    created_at: at(86),
    updated_at: at(120),
  });
  insert('evidence', {
    id: 'ev-52-gazette',
    claim_id: 'cl-52',
    source_id: 'src-gazette',
    stance: 'supports',
    credibility: 3,
    created_by: 'u-tomas',
    created_at: at(87),
    updated_at: at(87),
    deleted_at: at(95),
  });
  insert('evidence', {
    id: 'ev-pilot-port',
    claim_id: 'cl-pilot',
    source_id: 'src-port',
    stance: 'qualifies',
    credibility: 6,
    locator: 'last sentence',
    created_by: 'u-keiko',
    created_at: at(92),
    updated_at: at(92),
  });

  insert('assessments', {
    id: 'as-38-tomas',
    claim_id: 'cl-38',
    user_id: 'u-tomas',
    likelihood: 'likely',
    confidence: 'moderate',
    rationale: 'The deck survey is the better count; the quay estimate came first.',
    created_at: at(130),
    updated_at: at(130),
  });
  insert('assessments', {
    id: 'as-38-keiko',
    claim_id: 'cl-38',
    user_id: 'u-keiko',
    likelihood: 'unlikely',
    confidence: 'low',
    rationale: 'Survey crews could not reach the forward bays.',
    version: 2,
    created_at: at(131),
    updated_at: at(140),
  });
  insert('assessments', {
    id: 'as-52-amara',
    claim_id: 'cl-52',
    user_id: 'u-amara',
    likelihood: 'very_likely',
    confidence: 'high',
    rationale: 'Salvage count in daylight, two crews agree.',
    created_at: at(132),
    updated_at: at(132),
  });

  insert('decisions', {
    id: 'de-52',
    claim_id: 'cl-52',
    outcome: 'accepted',
    rationale: 'The salvage count is later and made in daylight.',
    preferred_claim_id: 'cl-52',
    decided_by: 'u-tomas',
    created_at: at(310),
  });
  insert('decisions', {
    id: 'de-38',
    claim_id: 'cl-38',
    outcome: 'alternative',
    rationale: 'The salvage count is later and made in daylight.',
    preferred_claim_id: 'cl-52',
    decided_by: 'u-tomas',
    created_at: at(310),
  });
  insert('disputes', {
    id: 'di-38',
    claim_id: 'cl-38',
    user_id: 'u-keiko',
    reason: 'The survey skipped the forward bays, so 38 is a floor.',
    created_at: at(320),
  });
  insert('disputes', {
    id: 'di-52',
    claim_id: 'cl-52',
    user_id: 'u-keiko',
    reason: 'Some boxes in the water may be from another ship.',
    created_at: at(200),
    resolved_at: at(310),
  });

  insert('comments', {
    id: 'co-38',
    workspace_id: 'ws-strait',
    claim_id: 'cl-38',
    author_id: 'u-keiko',
    body: '@Tomás can we get the survey sheet itself?',
    created_at: at(150),
    resolved_at: at(330),
    resolved_by: 'u-rui',
  });
  insert('comments', {
    id: 'co-38-reply',
    workspace_id: 'ws-strait',
    claim_id: 'cl-38',
    parent_id: 'co-38',
    author_id: 'u-tomas',
    body: 'Asked the port; they will send it **after** the inquiry opens.',
    version: 2,
    created_at: at(160),
    edited_at: at(165),
  });
  insert('comments', {
    id: 'co-52',
    workspace_id: 'ws-strait',
    claim_id: 'cl-52',
    author_id: 'u-amara',
    body: 'Second crew count matches.',
    created_at: at(170),
    deleted_at: at(175),
  });

  insert('notifications', {
    id: 'no-assign',
    user_id: 'u-tomas',
    workspace_id: 'ws-strait',
    kind: 'assignment',
    claim_id: 'cl-52',
    actor_id: 'u-amara',
    text: 'Amara Okafor assigned you to review a claim',
    created_at: at(100),
  });
  insert('notifications', {
    id: 'no-mention',
    user_id: 'u-tomas',
    workspace_id: 'ws-strait',
    kind: 'mention',
    claim_id: 'cl-38',
    actor_id: 'u-keiko',
    text: 'Keiko Arai mentioned you',
    created_at: at(150),
    read_at: at(155),
  });
  insert('notifications', {
    id: 'no-reply',
    user_id: 'u-keiko',
    workspace_id: 'ws-strait',
    kind: 'reply',
    claim_id: 'cl-38',
    actor_id: 'u-tomas',
    text: 'Tomás Lindqvist replied to your comment',
    created_at: at(160),
  });
  insert('notifications', {
    id: 'no-decision',
    user_id: 'u-keiko',
    workspace_id: 'ws-strait',
    kind: 'decision',
    claim_id: 'cl-52',
    actor_id: 'u-rui',
    text: 'A decision was recorded on your claim',
    created_at: at(310),
  });
  insert('notifications', {
    id: 'no-rui',
    user_id: 'u-rui',
    workspace_id: 'ws-strait',
    kind: 'assignment',
    claim_id: 'cl-38',
    actor_id: 'u-amara',
    text: 'Amara Okafor assigned you to review a claim',
    created_at: at(200),
  });

  const event = (
    minute: number,
    actor: string | null,
    action: string,
    objectType: string,
    objectId: string,
    details: object,
  ) =>
    insert('audit_events', {
      at: at(minute),
      actor_user_id: actor,
      workspace_id: 'ws-strait',
      action,
      object_type: objectType,
      object_id: objectId,
      ip: '198.51.100.7',
      details: JSON.stringify(details),
    });
  event(10, 'u-amara', 'workspace.create', 'workspace', 'ws-strait', { name: 'Strait shipping desk' });
  event(20, 'u-keiko', 'document.import', 'document', 'doc-notice', {
    title: 'Harbour master notice on the Kestrel grounding',
    format: 'markdown',
    words: 32,
  });
  event(81, 'u-keiko', 'claim.create', 'claim', 'cl-38', {
    statement: 'The Kestrel lost 38 containers overboard',
  });
  event(310, 'u-tomas', 'claim.adjudicate', 'claim', 'cl-52', {
    from: 'in_review',
    to: 'accepted',
    rationale: 'The salvage count is later and made in daylight.',
  });
  event(450, 'u-rui', 'document.trash', 'document', 'doc-wire', {
    title: 'Wire: salvage crews reach the Kestrel',
  });
  insert('audit_events', {
    at: at(500),
    actor_user_id: 'u-amara',
    action: 'user.disable',
    object_type: 'user',
    object_id: 'u-rui',
    details: null,
  });
}

/** The application's tables (not SQLite's own, not the migration bookkeeping). */
const tablesOf = (db: Database.Database) =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name`,
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    // The search index of SQLite (drizzle/0015): FTS5's table and its own tables, derived from
    // search_entries by triggers (db/queries/search.test.ts tests it).
    .filter((name) => !name.startsWith('search_entries_fts'));

/** Per table: the row count and a digest of its rows (columns by name, rows in a stable order). */
/** Tables added by migrations after 0010: a migrated old database has them, empty. */
// search_entries is filled at the next start, in the background (db/queries/search-index.ts).
const ADDED_AFTER_0010 = ['live_events', 'presence', 'search_entries'];
/** Columns added by migrations after 0010: null on every row of a migrated old database. */
const COLUMNS_ADDED_AFTER_0010: Record<string, string[]> = {
  comments: ['body_html'],
  anchors: ['held_revision_id', 'held_start', 'held_end'],
  decisions: ['likelihood', 'confidence'],
};
/** Tables added after 0010 and filled from the existing rows: each is checked against its source. */
const DERIVED_AFTER_0010: Record<string, (db: Database.Database) => void> = {
  // Each document's live claims (drizzle/0013): the kept counts say what the anchors say.
  document_claim_counts: (db) => {
    const kept = db
      .prepare(
        'SELECT document_id AS d, sum(claims) AS n FROM document_claim_counts GROUP BY document_id HAVING sum(claims) <> 0',
      )
      .all();
    const counted = db
      .prepare(
        `SELECT a.document_id AS d, count(DISTINCT a.claim_id) AS n FROM anchors a
         JOIN claims c ON c.id = a.claim_id WHERE c.deleted_at IS NULL GROUP BY a.document_id`,
      )
      .all();
    const byId = (rows: unknown[]) =>
      Object.fromEntries((rows as { d: string; n: number }[]).map((r) => [r.d, r.n]));
    expect(byId(kept), 'document_claim_counts').toEqual(byId(counted));
  },
};

/**
 * Columns added after 0010 and filled from the existing rows (each checked against its source,
 * then left out of the digest).
 */
const DERIVED_COLUMNS_AFTER_0010: Record<string, Record<string, (db: Database.Database) => void>> = {
  claims: {
    // Each claim's live evidence links (drizzle/0021): the kept numbers say what the evidence says.
    evidence_links: (db) => {
      const wrong = db
        .prepare(
          `SELECT c.id FROM claims c WHERE c.evidence_links <> (SELECT count(*) FROM evidence e
           JOIN sources s ON s.id = e.source_id WHERE e.claim_id = c.id AND e.deleted_at IS NULL AND s.deleted_at IS NULL)`,
        )
        .all();
      expect(wrong, 'claims.evidence_links').toEqual([]);
    },
    // And of each stance (drizzle/0023).
    ...Object.fromEntries(
      STANCES.map((stance) => [
        `${stance}_links`,
        (db: Database.Database) => {
          const wrong = db
            .prepare(
              `SELECT c.id FROM claims c WHERE c.${stance}_links <> (SELECT count(*) FROM evidence e
               JOIN sources s ON s.id = e.source_id WHERE e.claim_id = c.id AND e.deleted_at IS NULL
               AND s.deleted_at IS NULL AND e.stance = ?)`,
            )
            .all(stance);
          expect(wrong, `claims.${stance}_links`).toEqual([]);
        },
      ]),
    ),
    // Each claim's tags as the evidence table sorts them (drizzle/0021).
    tags_key: (db) => {
      const wrong = db
        .prepare(
          `SELECT c.id FROM claims c WHERE c.tags_key IS NOT (SELECT group_concat(t.tag, ', ' ORDER BY t.tag)
           FROM claim_tags t WHERE t.claim_id = c.id)`,
        )
        .all();
      expect(wrong, 'claims.tags_key').toEqual([]);
    },
    // Each claim's passages as the evidence table sorts them (drizzle/0022).
    ...Object.fromEntries(
      (['passage_key', 'passage_count', 'document_key', 'anchor_key', 'first_document'] as const).map(
        (column) => [
          column,
          (db: Database.Database) => {
            const expected = passageKeysOf(db);
            const kept = db.prepare(`SELECT id, ${column} AS v FROM claims ORDER BY id`).all() as {
              id: string;
              v: unknown;
            }[];
            expect(kept.length).toBeGreaterThan(0);
            expect(
              kept.map((r) => [r.id, r.v]),
              `claims.${column}`,
            ).toEqual(kept.map((r) => [r.id, expected.get(r.id)?.[column] ?? EMPTY_PASSAGES[column]]));
          },
        ],
      ),
    ),
    // Each claim's place in the likelihood · confidence order (drizzle/0025), as the app computes it.
    assessment_key: (db) => {
      const rows = db.prepare(`SELECT claim_id, likelihood, confidence FROM assessments`).all() as {
        claim_id: string;
        likelihood: Likelihood;
        confidence: Confidence;
      }[];
      const kept = db.prepare(`SELECT id, assessment_key AS v FROM claims ORDER BY id`).all() as {
        id: string;
        v: number | null;
      }[];
      expect(kept.some((r) => r.v !== null)).toBe(true);
      expect(
        kept.map((r) => [r.id, r.v]),
        'claims.assessment_key',
      ).toEqual(kept.map((r) => [r.id, assessmentOrderKey(rows.filter((a) => a.claim_id === r.id))]));
    },
  },
};

interface PassageKeys {
  passage_key: string | null;
  passage_count: number;
  document_key: string | null;
  anchor_key: string | null;
  first_document: string | null;
}

/** A claim's kept passage values without any passage on a live document. */
const EMPTY_PASSAGES: PassageKeys = {
  passage_key: null,
  passage_count: 0,
  document_key: null,
  anchor_key: null,
  first_document: null,
};

/**
 * What each claim's kept passage values should be, computed here from its passages on documents
 * not in the trash (the score written by SQLite's printf, as the migration writes it).
 */
function passageKeysOf(db: Database.Database): Map<string, PassageKeys> {
  const rows = db
    .prepare(
      `SELECT a.claim_id AS claimId, a.exact, a.status, printf('%.2f', a.score) AS score, d.title
       FROM anchors a JOIN documents d ON d.id = a.document_id AND d.deleted_at IS NULL
       ORDER BY a.claim_id, a.created_at, a.id`,
    )
    .all() as { claimId: string; exact: string; status: string; score: string; title: string }[];
  const byClaim = new Map<string, typeof rows>();
  for (const r of rows) byClaim.set(r.claimId, [...(byClaim.get(r.claimId) ?? []), r]);
  return new Map(
    [...byClaim].map(([id, list]) => [
      id,
      {
        passage_key: list[0]!.exact,
        passage_count: list.length,
        // Each title once, in the order of its first passage (rows are in that order).
        document_key: [...new Set(list.map((r) => r.title))].join('\n'),
        anchor_key: list.map((r) => (r.status === 'fuzzy' ? `fuzzy (${r.score})` : r.status)).join(', '),
        first_document: list[0]!.title,
      },
    ]),
  );
}

function digests(db: Database.Database): Record<string, { rows: number; digest: string }> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const table of tablesOf(db)) {
    if (ADDED_AFTER_0010.includes(table)) {
      expect(count(db, `"${table}"`), table).toBe(0);
      continue;
    }
    if (DERIVED_AFTER_0010[table]) {
      DERIVED_AFTER_0010[table](db);
      continue;
    }
    const added = COLUMNS_ADDED_AFTER_0010[table] ?? [];
    const derived = DERIVED_COLUMNS_AFTER_0010[table] ?? {};
    const rows = (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[])
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((k) => !(k in derived))
            .filter((k) => !added.includes(k) || row[k] !== null)
            .sort()
            .map((k) => [k, row[k]]),
        ),
      )
      .sort();
    // Once the migration has made the column.
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
      (c) => c.name,
    );
    for (const [column, check] of Object.entries(derived)) if (columns.includes(column)) check(db);
    out[table] = { rows: rows.length, digest: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return out;
}

/** The migrations of drizzle/ today. */
const LATEST = 26;

const count = (db: Database.Database, sql: string, ...params: unknown[]) =>
  (db.prepare(`SELECT count(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;
const value = (db: Database.Database, sql: string, ...params: unknown[]) =>
  Object.values(db.prepare(sql).get(...params) as Record<string, unknown>)[0];

/** Builds, fills and closes an old database file; `tweak` may spoil it first (with keys off). */
function oldFilledFile(tweak?: (db: Database.Database) => void): string {
  const file = nextFile();
  const db = oldDatabase(file);
  fill(db);
  if (tweak) {
    db.pragma('foreign_keys = OFF');
    tweak(db);
    db.pragma('foreign_keys = ON');
  }
  db.close();
  return file;
}

const readOnly = (file: string) => new Database(file, { readonly: true });

describe('the schema-integrity migration on a database of the previous release', () => {
  let before: ReturnType<typeof digests>;
  let image: Buffer;

  beforeAll(async () => {
    const file = oldFilledFile();
    const old = readOnly(file);
    before = digests(old);
    expect(old.prepare(`SELECT count(*) AS n FROM __drizzle_migrations`).get()).toEqual({ n: 10 });
    old.close();
    const store = openSqliteStore({ file });
    await store.migrate();
    image = store.connection.serialize();
    // A WAL file's image says so in its header (bytes 18-19 = 2), which an in-memory copy cannot
    // open: mark it as a rollback-journal database (1) instead.
    image[18] = 1;
    image[19] = 1;
    await store.close();
  });

  /** A copy of the migrated database, with foreign keys on, for a test to change. */
  const migrated = () => {
    const db = new Database(image);
    db.pragma('foreign_keys = ON');
    return db;
  };

  it('keeps every row of every table, unchanged (and writes no repair event: nothing to repair)', () => {
    const db = migrated();
    for (const [table, d] of Object.entries(before)) expect(d.rows, table).toBeGreaterThan(0);
    expect(digests(db)).toEqual(before);
    expect(count(db, '__drizzle_migrations')).toBe(LATEST);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves foreign keys on in the store after migrating', async () => {
    const store = openSqliteStore({ file: oldFilledFile() });
    await store.migrate();
    expect(store.connection.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.migrate(); // nothing pending: a no-op
    expect(count(store.connection, '__drizzle_migrations')).toBe(LATEST);
    await store.close();
  });

  it('keeps the audit log append-only and revisions immutable', () => {
    const db = migrated();
    expect(() => db.prepare(`UPDATE audit_events SET action = 'claim.delete' WHERE id = 1`).run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare(`DELETE FROM audit_events WHERE id = 1`).run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(`UPDATE document_revisions SET canonical_text = 'rewritten' WHERE id = 'rev-notice-1'`)
        .run(),
    ).toThrow(/immutable/);
    // Every column now, the author too (no foreign key sets it to null any more).
    expect(() =>
      db.prepare(`UPDATE document_revisions SET created_by = 'u-amara' WHERE id = 'rev-notice-1'`).run(),
    ).toThrow(/immutable/);
    expect(() => db.prepare(`DELETE FROM document_revisions WHERE id = 'rev-notice-1'`).run()).toThrow(
      /only with their document/,
    );
    expect(digests(db)).toEqual(before);
  });

  it('takes a revision imported from a PDF (drizzle/0019), still immutable', () => {
    const db = migrated();
    const number =
      (value(db, `SELECT max(number) FROM document_revisions WHERE document_id = 'doc-notice'`) as number) +
      1;
    db.prepare(
      `INSERT INTO document_revisions (id, document_id, number, format, content, canonical_text, word_count)
       VALUES ('rev-notice-pdf', 'doc-notice', ?, 'pdf', '{"type":"doc"}', 'From a PDF.', 3)`,
    ).run(number);
    expect(value(db, `SELECT format FROM document_revisions WHERE id = 'rev-notice-pdf'`)).toBe('pdf');
    expect(() =>
      db.prepare(`UPDATE document_revisions SET format = 'text' WHERE id = 'rev-notice-pdf'`).run(),
    ).toThrow(/immutable/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO document_revisions (id, document_id, number, format, content, canonical_text, word_count)
           VALUES ('rev-notice-odt', 'doc-notice', ?, 'odt', '{"type":"doc"}', 'x', 1)`,
        )
        .run(number + 1),
    ).toThrow(/CHECK constraint failed: document_revisions_format_check/);
  });

  it('refuses a value outside its vocabulary in every enum-like column', () => {
    const db = migrated();
    for (const { table, column } of EXPECTED_CHECKS) {
      const bad = column === 'credibility' ? 7 : 'not-in-the-vocabulary';
      if (table === 'document_revisions') {
        expect(() =>
          db
            .prepare(
              `INSERT INTO document_revisions (id, document_id, number, format, content, canonical_text, word_count)
               VALUES ('rev-bad', 'doc-notice', 3, ?, '{}', '', 0)`,
            )
            .run(bad),
        ).toThrow(`CHECK constraint failed: ${table}_${column}_check`);
      } else if (table === 'search_entries') {
        // Empty after migrating (filled at the next start): a new row is refused.
        expect(() =>
          db
            .prepare(
              `INSERT INTO search_entries (workspace_id, kind, body, scope, created_at) VALUES ((SELECT min(id) FROM workspaces), ?, 'x', 'x', 0)`,
            )
            .run(bad),
        ).toThrow(`CHECK constraint failed: ${table}_${column}_check`);
      } else {
        expect(() =>
          db
            .prepare(
              `UPDATE "${table}" SET "${column}" = ? WHERE rowid = (SELECT min(rowid) FROM "${table}")`,
            )
            .run(bad),
        ).toThrow(`CHECK constraint failed: ${table}_${column}_check`);
      }
    }
    expect(digests(db)).toEqual(before);
  });

  it('refuses a reference to a row that does not exist, in the new foreign keys too', () => {
    const db = migrated();
    for (const statement of [
      `UPDATE claims SET reviewer_id = 'u-nobody' WHERE id = 'cl-pilot'`,
      `UPDATE claims SET alternative_of = 'cl-nowhere' WHERE id = 'cl-pilot'`,
      `INSERT INTO claim_tags (claim_id, tag) VALUES ('cl-nowhere', 'ghost')`,
      `UPDATE evidence SET source_id = 'src-nowhere' WHERE id = 'ev-38-port'`,
      `UPDATE claims SET created_by = 'u-nobody' WHERE id = 'cl-pilot'`,
    ])
      expect(() => db.prepare(statement).run(), statement).toThrow(/FOREIGN KEY constraint failed/);
    expect(digests(db)).toEqual(before);
  });

  it('cascade: deleting a claim deletes what is part of it; set null: links to it lapse', () => {
    const db = migrated();
    db.prepare(`DELETE FROM claims WHERE id = 'cl-52'`).run();
    for (const table of [
      'claim_tags',
      'anchors',
      'evidence',
      'assessments',
      'disputes',
      'comments',
      'notifications',
    ])
      expect(count(db, `"${table}" WHERE claim_id = 'cl-52'`), table).toBe(0);
    expect(count(db, `decisions WHERE claim_id = 'cl-52'`)).toBe(0);
    // The other claim's decision stays; its preferred claim and the alternative link lapse.
    expect(db.prepare(`SELECT preferred_claim_id AS p FROM decisions WHERE id = 'de-38'`).get()).toEqual({
      p: null,
    });
    expect(value(db, `SELECT alternative_of FROM claims WHERE id = 'cl-38'`)).toBeNull();
    expect(count(db, `claim_tags WHERE claim_id = 'cl-38'`)).toBe(2);
    // A reply is part of its thread.
    db.prepare(`DELETE FROM comments WHERE id = 'co-38'`).run();
    expect(count(db, `comments WHERE id = 'co-38-reply'`)).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('restrict / no action: an author, a claim type in use, a cited source cannot be deleted', () => {
    const db = migrated();
    for (const statement of [
      `DELETE FROM users WHERE id = 'u-keiko'`, // claims, documents, evidence, assessments, comments…
      `DELETE FROM users WHERE id = 'u-tomas'`, // decisions, assessments, a rating, a reply
      `DELETE FROM claim_types WHERE id = 'ct-cargo'`,
      `DELETE FROM sources WHERE id = 'src-gazette'`,
    ])
      expect(() => db.prepare(statement).run(), statement).toThrow(/FOREIGN KEY constraint failed/);
    expect(digests(db)).toEqual(before);
  });

  it('set null: a user with only passing links goes, and the rows that named them stay', () => {
    const db = migrated();
    db.prepare(`DELETE FROM users WHERE id = 'u-rui'`).run();
    // What was the user's own goes with them (cascade) …
    for (const [table, column] of [
      ['memberships', 'user_id'],
      ['sessions', 'user_id'],
      ['api_tokens', 'user_id'],
      ['notifications', 'user_id'],
    ])
      expect(count(db, `"${table}" WHERE "${column}" = 'u-rui'`), table).toBe(0);
    // … the links to them lapse, the rows stay.
    expect(db.prepare(`SELECT reviewer_id AS v FROM claims WHERE id = 'cl-38'`).get()).toEqual({ v: null });
    expect(db.prepare(`SELECT deleted_by AS v FROM documents WHERE id = 'doc-wire'`).get()).toEqual({
      v: null,
    });
    expect(db.prepare(`SELECT deleted_by AS v FROM claims WHERE id = 'cl-tide'`).get()).toEqual({ v: null });
    expect(db.prepare(`SELECT resolved_by AS v FROM comments WHERE id = 'co-38'`).get()).toEqual({ v: null });
    expect(db.prepare(`SELECT accepted_by AS v FROM invites WHERE id = 'inv-rui'`).get()).toEqual({
      v: null,
    });
    expect(db.prepare(`SELECT actor_id AS v FROM notifications WHERE id = 'no-decision'`).get()).toEqual({
      v: null,
    });
    // The audit log still names them: it has no foreign keys.
    expect(count(db, `audit_events WHERE actor_user_id = 'u-rui' OR object_id = 'u-rui'`)).toBe(2);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('purging a document takes its revisions and passages, not its claims', () => {
    const db = migrated();
    db.prepare(`DELETE FROM documents WHERE id = 'doc-wire'`).run();
    expect(count(db, `document_revisions WHERE document_id = 'doc-wire'`)).toBe(0);
    expect(count(db, `anchors WHERE document_id = 'doc-wire'`)).toBe(0);
    expect(count(db, `claims WHERE id = 'cl-52'`)).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps each document’s current revision, and refuses a pointer to any but one of its own', () => {
    const db = migrated();
    expect(db.prepare(`SELECT id, current_revision_id FROM documents ORDER BY id`).all()).toEqual([
      { id: 'doc-notice', current_revision_id: 'rev-notice-2' },
      { id: 'doc-wire', current_revision_id: 'rev-wire-1' },
    ]);
    for (const statement of [
      `UPDATE documents SET current_revision_id = 'rev-nowhere' WHERE id = 'doc-notice'`,
      // A revision that exists, of another document: the key is (document, revision).
      `UPDATE documents SET current_revision_id = 'rev-wire-1' WHERE id = 'doc-notice'`,
      `INSERT INTO documents (id, workspace_id, title, current_revision_id) VALUES ('doc-new', 'ws-strait', 'New', 'rev-notice-1')`,
    ])
      expect(() => db.prepare(statement).run(), statement).toThrow(/FOREIGN KEY constraint failed/);
    // Any revision of its own is fine (e.g. back to the first), and so is none (a new document).
    db.prepare(`UPDATE documents SET current_revision_id = 'rev-notice-1' WHERE id = 'doc-notice'`).run();
    db.prepare(
      `INSERT INTO documents (id, workspace_id, title) VALUES ('doc-new', 'ws-strait', 'New')`,
    ).run();
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('deleting a workspace takes everything in it in one statement and keeps the audit log', () => {
    const db = migrated();
    const events = count(db, 'audit_events');
    db.prepare(`DELETE FROM workspaces WHERE id = 'ws-strait'`).run();
    for (const table of tablesOf(db)) {
      if (['users', 'sessions', 'api_tokens', 'rate_limit_hits', 'settings', 'audit_events'].includes(table))
        continue;
      expect(count(db, `"${table}"`), table).toBe(0);
    }
    expect(count(db, 'audit_events')).toBe(events);
    expect(count(db, 'users')).toBe(4);
    // With the content gone, nothing holds the author back any more.
    db.prepare(`DELETE FROM users WHERE id = 'u-keiko'`).run();
    expect(count(db, `api_tokens WHERE user_id = 'u-keiko'`)).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('a database the previous release made through the app: the demo seeded, a document revised', () => {
  it('migrates with every row kept and each current revision one of its document’s own; the app goes on', async () => {
    const file = nextFile();
    oldDatabase(file).close();
    // The app of the previous release wrote these rows; today's data layer writes the same ones
    // (this migration changes no column), through the store, before migrating.
    const store = openSqliteStore({ file });
    // Today's data layer also writes live events and presence (0011), comments' rendered HTML
    // (0012) and documents' claim counts (0013) and more: their tables and columns are made for these writes
    // and dropped again before migrating, as the previous release had none of them.
    for (const migration of [
      '0011_live_outbox.sql',
      '0012_comments_html.sql',
      '0013_document_claim_counts.sql',
      '0014_search_entries.sql',
      '0015_search_fts.sql',
      '0016_anchors_held_place.sql',
    ])
      for (const statement of readFileSync(path.join(MIGRATIONS_FOLDER, migration), 'utf8').split(
        '--> statement-breakpoint',
      ))
        store.connection.prepare(statement).run();
    // And each claim's evidence links and tags (0021: the rest of it changes indexes only), and
    // its passages as the evidence table sorts them (0022), its links of each stance (0023) and its
    // place by its assessments (0025).
    store.connection.exec(
      'ALTER TABLE claims ADD evidence_links integer DEFAULT 0 NOT NULL; ALTER TABLE claims ADD tags_key text;' +
        ' ALTER TABLE claims ADD assessment_key integer;' +
        ' ALTER TABLE claims ADD passage_key text; ALTER TABLE claims ADD passage_count integer DEFAULT 0 NOT NULL;' +
        ' ALTER TABLE claims ADD document_key text; ALTER TABLE claims ADD anchor_key text; ALTER TABLE claims ADD first_document text;' +
        ' ALTER TABLE claims ADD supports_links integer DEFAULT 0 NOT NULL; ALTER TABLE claims ADD contradicts_links integer DEFAULT 0 NOT NULL;' +
        ' ALTER TABLE claims ADD qualifies_links integer DEFAULT 0 NOT NULL; ALTER TABLE claims ADD mentions_links integer DEFAULT 0 NOT NULL',
    );
    const admin = await makeUser(store, { isAdmin: true, name: 'Amara Okafor' });
    expect(await seedDemoIfEmpty(store)).toMatchObject({ seeded: true });
    const [demo] = await listDemoDocuments(store);
    expect(demo).toBeDefined();
    const before = await getRevision(store, { actor: admin, documentId: demo!.id });
    const revised = await addRevision(store, {
      actor: admin,
      documentId: demo!.id,
      baseRevisionId: before.id,
      format: 'edit',
      converted: await convertToDocument('text', `A note added on top.\n\n${before.canonicalText}`),
    });
    expect(revised.number).toBe(2);
    expect(count(store.connection, 'anchors')).toBeGreaterThan(0);
    expect(count(store.connection, `anchors WHERE revision_id = ?`, revised.id)).toBe(
      count(store.connection, `anchors WHERE document_id = ?`, demo!.id),
    );
    store.connection.exec(
      'DROP TABLE search_entries_fts; DROP TABLE search_entries; DROP TABLE presence; DROP TABLE live_events; DROP TABLE document_claim_counts; ALTER TABLE comments DROP COLUMN body_html;' +
        ' ALTER TABLE claims DROP COLUMN evidence_links; ALTER TABLE claims DROP COLUMN tags_key;' +
        ' ALTER TABLE claims DROP COLUMN assessment_key;' +
        ' ALTER TABLE claims DROP COLUMN passage_key; ALTER TABLE claims DROP COLUMN passage_count; ALTER TABLE claims DROP COLUMN document_key;' +
        ' ALTER TABLE claims DROP COLUMN anchor_key; ALTER TABLE claims DROP COLUMN first_document;' +
        ' ALTER TABLE claims DROP COLUMN supports_links; ALTER TABLE claims DROP COLUMN contradicts_links;' +
        ' ALTER TABLE claims DROP COLUMN qualifies_links; ALTER TABLE claims DROP COLUMN mentions_links;' +
        ' ALTER TABLE anchors DROP COLUMN held_revision_id; ALTER TABLE anchors DROP COLUMN held_start; ALTER TABLE anchors DROP COLUMN held_end;' +
        // Notifications of kinds the previous release did not have (the demo's analysts contest
        // claims of the content account: "contested"), which that release could not have written.
        " DELETE FROM notifications WHERE kind NOT IN ('mention', 'assignment', 'decision', 'reply');",
    );
    const rowsBefore = digests(store.connection);

    await store.migrate();
    const db = store.connection;
    expect(digests(db)).toEqual(rowsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(
      count(
        db,
        `documents d JOIN document_revisions r ON r.id = d.current_revision_id AND r.document_id = d.id`,
      ),
    ).toBe(count(db, 'documents'));
    expect(value(db, `SELECT current_revision_id FROM documents WHERE id = ?`, demo!.id)).toBe(revised.id);

    // After the migration: another revision, and a new document, hold the key at every statement.
    const third = await addRevision(store, {
      actor: admin,
      documentId: demo!.id,
      baseRevisionId: revised.id,
      format: 'edit',
      converted: await convertToDocument('text', `Another note.\n\n${before.canonicalText}`),
    });
    expect(third).toMatchObject({ number: 3, current: true });
    const imported = await importDocument(store, {
      actor: admin,
      workspaceId: demo!.workspaceId,
      metadata: documentMetadataSchema.parse({ title: 'Port bulletin' }),
      format: 'text',
      converted: await convertToDocument('text', 'The harbour reopened at noon.'),
    });
    expect(value(db, `SELECT number FROM document_revisions WHERE id = ?`, imported.currentRevisionId)).toBe(
      1,
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    await store.close();
  });
});

describe('rows the new constraints would refuse', () => {
  it('clears references that get a foreign key now and point nowhere, and records how many', async () => {
    const file = oldFilledFile((db) => {
      db.prepare(
        `UPDATE claims SET reviewer_id = 'u-gone', alternative_of = 'cl-gone' WHERE id = 'cl-pilot'`,
      ).run();
      db.prepare(`UPDATE claims SET reviewer_id = 'u-gone-too' WHERE id = 'cl-tide'`).run();
    });
    const old = readOnly(file);
    const before = digests(old);
    old.close();
    const store = openSqliteStore({ file });
    await store.migrate();
    const db = store.connection;
    const after = digests(db);
    for (const table of Object.keys(before))
      if (table !== 'claims' && table !== 'audit_events') expect(after[table], table).toEqual(before[table]);
    expect(after.claims!.rows).toBe(before.claims!.rows);
    expect(
      db
        .prepare(
          `SELECT id, reviewer_id, alternative_of FROM claims WHERE id IN ('cl-pilot', 'cl-tide') ORDER BY id`,
        )
        .all(),
    ).toEqual([
      { id: 'cl-pilot', reviewer_id: null, alternative_of: null },
      { id: 'cl-tide', reviewer_id: null, alternative_of: null },
    ]);
    expect(value(db, `SELECT reviewer_id FROM claims WHERE id = 'cl-38'`)).toBe('u-rui');
    const repair = db
      .prepare(`SELECT actor_user_id, action, details FROM audit_events WHERE action = 'schema.repair'`)
      .all() as {
      actor_user_id: string | null;
      details: string;
    }[];
    expect(repair).toHaveLength(1);
    expect(repair[0]!.actor_user_id).toBeNull();
    expect(JSON.parse(repair[0]!.details)).toMatchObject({
      migration: MIGRATION,
      'claims.alternative_of': { count: 1, claimIds: ['cl-pilot'] },
      'claims.reviewer_id': { count: 2, claimIds: expect.arrayContaining(['cl-pilot', 'cl-tide']) },
    });
    expect(after.audit_events!.rows).toBe(before.audit_events!.rows + 1);
    await store.close();
  });

  it('points a document whose current revision is gone or another document’s at its latest, and records it', async () => {
    const file = oldFilledFile((db) => {
      db.prepare(`UPDATE documents SET current_revision_id = 'rev-gone' WHERE id = 'doc-notice'`).run();
      db.prepare(`UPDATE documents SET current_revision_id = 'rev-notice-1' WHERE id = 'doc-wire'`).run();
      db.prepare(
        `INSERT INTO documents (id, workspace_id, title, current_revision_id, created_at, updated_at)
         VALUES ('doc-empty', 'ws-strait', 'Never had a text', 'rev-nothing', ${at(90)}, ${at(90)})`,
      ).run();
    });
    const store = openSqliteStore({ file });
    await store.migrate();
    const db = store.connection;
    expect(db.prepare(`SELECT id, current_revision_id FROM documents ORDER BY id`).all()).toEqual([
      { id: 'doc-empty', current_revision_id: null },
      { id: 'doc-notice', current_revision_id: 'rev-notice-2' },
      { id: 'doc-wire', current_revision_id: 'rev-wire-1' },
    ]);
    const repair = db.prepare(`SELECT details FROM audit_events WHERE action = 'schema.repair'`).all() as {
      details: string;
    }[];
    expect(repair).toHaveLength(1);
    expect(JSON.parse(repair[0]!.details)).toMatchObject({
      'claims.alternative_of': { count: 0, claimIds: [] },
      'claims.reviewer_id': { count: 0, claimIds: [] },
      'documents.current_revision_id': {
        count: 3,
        documentIds: expect.arrayContaining(['doc-empty', 'doc-notice', 'doc-wire']),
      },
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    await store.close();
  });

  it('refuses a value outside its vocabulary: nothing changes, and the message names the CHECK', async () => {
    const file = oldFilledFile((db) =>
      db.prepare(`UPDATE claims SET status = 'archived' WHERE id = 'cl-tide'`).run(),
    );
    const old = readOnly(file);
    const before = digests(old);
    const schemaBefore = old.prepare(`SELECT sql FROM sqlite_master ORDER BY name`).all();
    old.close();
    const store = openSqliteStore({ file });
    await expect(store.migrate()).rejects.toThrow(
      /Migration 0010_schema_integrity failed and nothing was changed: CHECK constraint failed: claims_status_check.*outside its vocabulary/,
    );
    const db = store.connection;
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(count(db, '__drizzle_migrations')).toBe(10);
    expect(db.prepare(`SELECT sql FROM sqlite_master ORDER BY name`).all()).toEqual(schemaBefore);
    expect(digests(db)).toEqual(before);
    // Once the row is corrected, the migration goes through.
    db.prepare(`UPDATE claims SET status = 'rejected' WHERE id = 'cl-tide'`).run();
    await store.migrate();
    expect(count(db, '__drizzle_migrations')).toBe(LATEST);
    await store.close();
  });

  it('refuses a dangling reference in a column that already had a foreign key', async () => {
    const file = oldFilledFile((db) => {
      db.prepare(`UPDATE evidence SET source_id = 'src-gone' WHERE id = 'ev-pilot-port'`).run();
      db.prepare(`INSERT INTO claim_tags (claim_id, tag) VALUES ('cl-gone', 'lost')`).run();
    });
    const old = readOnly(file);
    const before = digests(old);
    old.close();
    const store = openSqliteStore({ file });
    await expect(store.migrate()).rejects.toThrow(
      /refused and nothing was changed: 2 row\(s\) reference rows that do not exist \(.*evidence row \d+: source_id → sources/,
    );
    const db = store.connection;
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(count(db, '__drizzle_migrations')).toBe(10);
    expect(digests(db)).toEqual(before);
    await store.close();
  });
});

/** Every CHECK the schema must have, with the vocabulary (from lib/) it must list, in order. */
const EXPECTED_CHECKS: { table: string; column: string; values: readonly (string | number)[] }[] = [
  { table: 'memberships', column: 'role', values: ROLES },
  { table: 'invites', column: 'role', values: ROLES },
  { table: 'document_revisions', column: 'format', values: REVISION_FORMATS },
  { table: 'claims', column: 'kind', values: CLAIM_KIND_KEYS },
  { table: 'claims', column: 'status', values: CLAIM_STATUSES },
  { table: 'anchors', column: 'status', values: ANCHOR_STATUSES },
  { table: 'sources', column: 'kind', values: SOURCE_KINDS },
  { table: 'sources', column: 'reliability', values: RELIABILITY_CODES },
  { table: 'source_ratings', column: 'reliability', values: RELIABILITY_CODES },
  { table: 'source_ratings', column: 'previous', values: RELIABILITY_CODES },
  { table: 'evidence', column: 'stance', values: STANCES },
  { table: 'evidence', column: 'credibility', values: CREDIBILITY_CODES },
  { table: 'assessments', column: 'likelihood', values: LIKELIHOOD_KEYS },
  { table: 'assessments', column: 'confidence', values: CONFIDENCES },
  { table: 'decisions', column: 'outcome', values: DECISION_OUTCOMES },
  { table: 'decisions', column: 'likelihood', values: LIKELIHOOD_KEYS },
  { table: 'decisions', column: 'confidence', values: CONFIDENCES },
  { table: 'notifications', column: 'kind', values: NOTIFICATION_KINDS },
  { table: 'search_entries', column: 'kind', values: schema.SEARCH_KINDS },
];

/**
 * Every foreign key, with its ON DELETE (the design is in db/schema.ts); a composite one as
 * `table.(columns)` → `parent(columns)`. Audit events have none on purpose.
 */
const EXPECTED_FOREIGN_KEYS: Record<string, string> = {
  'sessions.user_id': 'users CASCADE',
  'api_tokens.user_id': 'users CASCADE',
  'workspaces.created_by': 'users SET NULL',
  'memberships.workspace_id': 'workspaces CASCADE',
  'memberships.user_id': 'users CASCADE',
  'invites.workspace_id': 'workspaces CASCADE',
  'invites.created_by': 'users SET NULL',
  'invites.accepted_by': 'users SET NULL',
  'documents.workspace_id': 'workspaces CASCADE',
  'documents.created_by': 'users RESTRICT',
  'documents.deleted_by': 'users SET NULL',
  'documents.(id, current_revision_id)': 'document_revisions(document_id, id) RESTRICT',
  'document_revisions.document_id': 'documents CASCADE',
  'document_revisions.created_by': 'users RESTRICT',
  'claim_types.workspace_id': 'workspaces CASCADE',
  'topics.workspace_id': 'workspaces CASCADE',
  'topics.created_by': 'users RESTRICT',
  'claims.workspace_id': 'workspaces CASCADE',
  'claims.type_id': 'claim_types NO ACTION',
  'claims.topic_id': 'topics SET NULL',
  'claims.alternative_of': 'claims SET NULL',
  'claims.reviewer_id': 'users SET NULL',
  'claims.created_by': 'users RESTRICT',
  'claims.deleted_by': 'users SET NULL',
  'claim_tags.claim_id': 'claims CASCADE',
  'anchors.claim_id': 'claims CASCADE',
  'anchors.document_id': 'documents CASCADE',
  'anchors.revision_id': 'document_revisions NO ACTION',
  'anchors.held_revision_id': 'document_revisions NO ACTION',
  'anchors.created_by': 'users RESTRICT',
  'document_claim_counts.document_id': 'documents CASCADE',
  'sources.workspace_id': 'workspaces CASCADE',
  'sources.created_by': 'users RESTRICT',
  'source_ratings.source_id': 'sources CASCADE',
  'source_ratings.changed_by': 'users RESTRICT',
  'evidence.claim_id': 'claims CASCADE',
  'evidence.source_id': 'sources NO ACTION',
  'evidence.created_by': 'users RESTRICT',
  'assessments.claim_id': 'claims CASCADE',
  'assessments.user_id': 'users RESTRICT',
  'decisions.claim_id': 'claims CASCADE',
  'decisions.preferred_claim_id': 'claims SET NULL',
  'decisions.decided_by': 'users RESTRICT',
  'disputes.claim_id': 'claims CASCADE',
  'disputes.user_id': 'users RESTRICT',
  'comments.workspace_id': 'workspaces CASCADE',
  'comments.claim_id': 'claims CASCADE',
  'comments.parent_id': 'comments CASCADE',
  'comments.author_id': 'users RESTRICT',
  'comments.resolved_by': 'users SET NULL',
  'notifications.user_id': 'users CASCADE',
  'notifications.workspace_id': 'workspaces CASCADE',
  'notifications.claim_id': 'claims CASCADE',
  'notifications.actor_id': 'users SET NULL',
  'presence.workspace_id': 'workspaces CASCADE',
  'presence.document_id': 'documents CASCADE',
  'presence.user_id': 'users CASCADE',
  'search_entries.workspace_id': 'workspaces CASCADE',
  'search_entries.document_id': 'documents CASCADE',
  'search_entries.claim_id': 'claims CASCADE',
  'search_entries.source_id': 'sources CASCADE',
  'search_entries.evidence_id': 'evidence CASCADE',
  'search_entries.comment_id': 'comments CASCADE',
  'search_entries.created_by': 'users SET NULL',
};
const WITHOUT_FOREIGN_KEY = [
  'audit_events.actor_user_id',
  'audit_events.workspace_id',
  'audit_events.object_id',
  // An event may outlive its workspace (the deletion's own `access` event), like the audit log.
  'live_events.workspace_id',
  // The primary key of a stream's presence row, not a reference.
  'presence.connection_id',
];

/** CHECK ("column" in (values)) constraints as SQLite stores them, by table and column. */
function checksOf(db: Database.Database): Map<string, { name: string; values: (string | number)[] }> {
  const found = new Map<string, { name: string; values: (string | number)[] }>();
  const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table'`).all() as {
    name: string;
    sql: string;
  }[];
  for (const { name: table, sql } of tables) {
    for (const m of sql.matchAll(/CONSTRAINT "(\w+)" CHECK\("(\w+)" in \(([^)]*)\)\)/g)) {
      const values = m[3]!.split(',').map((v) => {
        const t = v.trim();
        return t.startsWith("'") ? t.slice(1, -1).replaceAll("''", "'") : Number(t);
      });
      found.set(`${table}.${m[2]}`, { name: m[1]!, values });
    }
    expect(sql.match(/CHECK/g)?.length ?? 0, table).toBe([...sql.matchAll(/CONSTRAINT "\w+" CHECK/g)].length);
  }
  return found;
}

describe('the vocabularies in lib/ and the constraints in the database agree', () => {
  let db: Database.Database;
  beforeAll(async () => {
    const file = nextFile();
    const store = openSqliteStore({ file });
    await store.migrate();
    await store.close();
    db = readOnly(file);
  });
  afterAll(() => db.close());

  it('has one CHECK per enum-like column, listing exactly its vocabulary, in order', () => {
    const checks = checksOf(db);
    expect([...checks.keys()].sort()).toEqual(EXPECTED_CHECKS.map((c) => `${c.table}.${c.column}`).sort());
    for (const { table, column, values } of EXPECTED_CHECKS) {
      expect(checks.get(`${table}.${column}`), `${table}.${column}`).toEqual({
        name: `${table}_${column}_check`,
        values: [...values],
      });
    }
  });

  it('types every enum column of the schema from the same vocabulary', () => {
    const expected = new Map(EXPECTED_CHECKS.map((c) => [`${c.table}.${c.column}`, c.values]));
    const enumColumns: string[] = [];
    for (const table of Object.values(schema)) {
      if (!(table instanceof SQLiteTable)) continue;
      const config = getTableConfig(table);
      for (const column of config.columns) {
        const values = (column as { enumValues?: readonly string[] }).enumValues;
        if (!values?.length) continue;
        const key = `${config.name}.${column.name}`;
        enumColumns.push(key);
        expect(expected.get(key), key).toEqual(values);
      }
    }
    // Every CHECK but the integer credibility is on a text enum column.
    expect(enumColumns.sort()).toEqual(
      [...expected.keys()].filter((k) => k !== 'evidence.credibility').sort(),
    );
  });

  it('gives every reference a foreign key with the designed ON DELETE', () => {
    const found: Record<string, string> = {};
    const referenceLike: string[] = [];
    const covered = new Set<string>();
    for (const table of tablesOf(db)) {
      const rows = db.pragma(`foreign_key_list("${table}")`) as {
        id: number;
        from: string;
        to: string;
        table: string;
        on_delete: string;
      }[];
      for (const id of new Set(rows.map((r) => r.id))) {
        const key = rows.filter((r) => r.id === id);
        const { table: parent, on_delete } = key[0]!;
        if (key.length === 1) found[`${table}.${key[0]!.from}`] = `${parent} ${on_delete}`;
        else
          found[`${table}.(${key.map((k) => k.from).join(', ')})`] =
            `${parent}(${key.map((k) => k.to).join(', ')}) ${on_delete}`;
        for (const k of key) covered.add(`${table}.${k.from}`);
      }
      const columns = db.pragma(`table_info("${table}")`) as { name: string }[];
      for (const { name } of columns) if (/(_id|_by|_of)$/.test(name)) referenceLike.push(`${table}.${name}`);
    }
    expect(found).toEqual(EXPECTED_FOREIGN_KEYS);
    expect(referenceLike.filter((c) => !covered.has(c)).sort()).toEqual([...WITHOUT_FOREIGN_KEY].sort());
  });

  it('keeps the hand-made triggers', () => {
    const triggers = db
      .prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
      .all();
    expect(triggers).toEqual([
      { name: 'audit_events_no_delete', tbl_name: 'audit_events' },
      { name: 'audit_events_no_update', tbl_name: 'audit_events' },
      { name: 'document_revisions_no_delete', tbl_name: 'document_revisions' },
      { name: 'document_revisions_no_update', tbl_name: 'document_revisions' },
      { name: 'search_entries_fts_delete', tbl_name: 'search_entries' },
      { name: 'search_entries_fts_insert', tbl_name: 'search_entries' },
      { name: 'search_entries_fts_update', tbl_name: 'search_entries' },
    ]);
  });
});
