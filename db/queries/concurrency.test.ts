/**
 * Concurrent writers on a database FILE (a read and a write connection, as the server has), or on
 * PostgreSQL (`npm run test:postgres`: a pool of connections whose transactions overlap):
 * versioned edits (claims, evidence, assessments) keep exactly one of several edits made from the
 * same version, the contested state of a topic that two analysts write at once ends as a
 * recomputation from scratch says, and a read outside a transaction sees committed rows only.
 *
 * The SQLite store serialises its transactions, so an edit's early version check already runs
 * after the previous edit committed. The edits are therefore also run through `interleaving`, a
 * store whose "transactions" overlap statement by statement, as two connections of an engine
 * with row locks would (every edit reads the same version before any of them writes): there, only
 * the conditional UPDATE of each edit keeps the others out.
 */
import { and, eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import {
  assessmentFieldsSchema,
  claimFieldsSchema,
  evidenceFieldsSchema,
  sourceFieldsSchema,
} from '@/lib/claims';
import { AppError } from '@/lib/errors';
import type { Likelihood } from '@/lib/scales';
import { isSqliteStore } from '../engines/sqlite';
import {
  assessments,
  auditEvents,
  claims,
  claimTags,
  documentRevisions,
  documents,
  evidence,
  topics,
} from '../schema';
import { first, type Store, type Tx } from '../store';
import { fileStore, freshStore, makeUser, makeWorkspace, testEngine } from '../testing';
import type { Actor } from './access';
import { saveMyAssessment } from './assessments';
import { listClaimTypes } from './claim-types';
import { createClaim, updateClaim } from './claims';
import { recomputeAllContested } from './contested';
import { importDocument } from './documents';
import { addEvidence, updateEvidence } from './evidence';
import { acceptInvite, createInvite } from './invites';
import { addRevision } from './revisions';

const TEXT = [
  'In October 2020 the authorities in Bamako released a large group of detainees.',
  'Most counts put the number at 206, although one ministry figure was lower.',
  'Another tally gave 180, and a third one 150.',
].join('\n\n');
const TOPIC = 'How many prisoners were released?';
const WRITERS = 20;

let dir: string;
let store: Store;
let owner: Actor;
let analysts: Actor[];
let ws: string;
let typeId: string;
let doc: { id: string; revisionId: string; text: string };

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'warrant-concurrency-'));
  // SQLite: a database file (a read and a write connection, as the server has); PostgreSQL
  // (npm run test:postgres): a fresh database, with the pool's concurrent connections.
  store = testEngine === 'postgres' ? await freshStore() : await fileStore(path.join(dir, 'warrant.db'));
  owner = await makeUser(store, { name: 'Awa' });
  ws = await makeWorkspace(store, owner);
  analysts = [];
  for (const name of ['Bakary', 'Chen']) {
    const user = await makeUser(store, { name });
    const invite = await createInvite(store, {
      actor: owner,
      workspaceId: ws,
      role: 'editor',
      expiresInDays: 1,
    });
    await acceptInvite(store, { actor: user, token: invite.token });
    analysts.push(user);
  }
  typeId = (await listClaimTypes(store, { actor: owner, workspaceId: ws }))[0]!.id;
  const converted = await convertToDocument('text', TEXT);
  const imported = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'Brief' }),
    format: 'text',
    converted,
  });
  doc = { id: imported.id, revisionId: imported.currentRevisionId!, text: converted.text };
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const fields = (over: Record<string, unknown> = {}) =>
  claimFieldsSchema.parse({ statement: 'Mali released 206 prisoners', typeId, kind: 'reported', ...over });

const passageOf = (quote: string) => {
  const start = doc.text.indexOf(quote);
  if (start < 0) throw new Error(`Not in the document: ${quote}`);
  return { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length };
};

const writer = (i: number) => [owner, ...analysts][i % 3]!;

/**
 * A store whose transactions all run in the one transaction `tx`, without a queue: the edits
 * started together overlap at every await, so each reads the row before any of them has written
 * (what two transactions of an engine with row locks may do). Only for the edits below, whose
 * failures write nothing before their conditional UPDATE.
 */
function interleaving(tx: Tx): Store {
  return {
    engine: store.engine,
    location: store.location,
    db: tx,
    rows: (query) => store.rows(query),
    transaction: (fn) => fn(tx),
    snapshot: (fn) => store.snapshot((_db, rows) => fn(tx, rows)),
    listen: (onNotice) => store.listen(onNotice),
    migrate: () => store.migrate(),
    backup: (file) => store.backup(file),
    close: () => Promise.resolve(),
  };
}

/** Runs `edit(i)` for i < WRITERS, all started before any is awaited; sorts the outcomes. */
async function race<T>(edit: (i: number) => Promise<T>) {
  // Each edit runs up to its first await as it is started; a throw becomes its rejection.
  const settled = await Promise.allSettled(
    Array.from({ length: WRITERS }, (_, i) => (async () => edit(i))()),
  );
  const won = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [{ i, value: s.value }] : []));
  const lost = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  return { won, lost };
}

/** The same race on the real store (its write queue), then through `interleaving`. */
const modes: [string, (run: (s: Store) => Promise<void>) => Promise<void>][] = [
  ['through the write queue', (run) => run(store)],
  ['with transactions that overlap', (run) => store.transaction((tx) => run(interleaving(tx)))],
];

const isConflict = (e: unknown, object: string) =>
  e instanceof AppError && e.kind === 'conflict' && e.code === `conflict:${object}`;

const auditCount = async (action: string, objectId: string) =>
  (
    await store.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.objectId, objectId)))
  ).length;

describe('edits made from the same version at once', () => {
  it.each(modes)('keep exactly one claim edit (%s)', async (_mode, inMode) => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields(),
    });
    let outcome!: Awaited<ReturnType<typeof race<{ version: number }>>>;
    await inMode(async (s) => {
      outcome = await race((i) =>
        updateClaim(s, {
          actor: writer(i),
          claimId,
          expectedVersion: 1,
          fields: fields({ statement: `Edit number ${i}`, tags: `edit-${i}` }),
        }),
      );
    });
    const { won, lost } = outcome;
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(WRITERS - 1);
    expect(lost.every((e) => isConflict(e, 'claim'))).toBe(true);
    const winner = won[0]!;
    expect(winner.value.version).toBe(2);
    const stored = (await first(store.db.select().from(claims).where(eq(claims.id, claimId))))!;
    expect(stored).toMatchObject({ statement: `Edit number ${winner.i}`, version: 2 });
    // Each refusal shows the edit that was kept (the newer values), never a lost one.
    for (const e of lost) {
      expect((e as AppError).current).toMatchObject({ version: 2, statement: `Edit number ${winner.i}` });
    }
    // No lost update: one edit recorded, and its tags are the claim's tags.
    expect(await auditCount('claim.update', claimId)).toBe(1);
    expect(
      (
        await store.db.select({ tag: claimTags.tag }).from(claimTags).where(eq(claimTags.claimId, claimId))
      ).map((t) => t.tag),
    ).toEqual([`edit-${winner.i}`]);
  });

  it.each(modes)('keep exactly one evidence edit (%s)', async (_mode, inMode) => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields(),
    });
    const { evidenceId } = await addEvidence(store, {
      actor: owner,
      claimId,
      source: { create: sourceFieldsSchema.parse({ name: 'Wire', kind: 'outlet', reliability: 'B' }) },
      fields: evidenceFieldsSchema.parse({ stance: 'supports', credibility: '2' }),
    });
    let outcome!: Awaited<ReturnType<typeof race<{ version: number }>>>;
    await inMode(async (s) => {
      outcome = await race((i) =>
        updateEvidence(s, {
          actor: writer(i),
          evidenceId,
          expectedVersion: 1,
          fields: evidenceFieldsSchema.parse({
            stance: i % 2 ? 'contradicts' : 'qualifies',
            credibility: String((i % 6) + 1),
            note: `Edit number ${i}`,
          }),
        }),
      );
    });
    const { won, lost } = outcome;
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(WRITERS - 1);
    expect(lost.every((e) => isConflict(e, 'evidence'))).toBe(true);
    const winner = won[0]!;
    expect(winner.value.version).toBe(2);
    const stored = (await first(store.db.select().from(evidence).where(eq(evidence.id, evidenceId))))!;
    expect(stored).toMatchObject({
      note: `Edit number ${winner.i}`,
      stance: winner.i % 2 ? 'contradicts' : 'qualifies',
      credibility: (winner.i % 6) + 1,
      version: 2,
    });
    for (const e of lost) {
      expect((e as AppError).current).toMatchObject({ version: 2, note: `Edit number ${winner.i}` });
    }
    expect(await auditCount('evidence.update', evidenceId)).toBe(1);
  });

  it.each(modes)(
    'keep exactly one revision made on the same base, and nothing of the others (%s)',
    async (_mode, inMode) => {
      await createClaim(store, { actor: owner, passage: passageOf('206'), fields: fields() });
      const converted = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          convertToDocument('text', `Revision number ${i}.\n\n${TEXT}`),
        ),
      );
      let outcome!: Awaited<ReturnType<typeof race<{ id: string; number: number }>>>;
      await inMode(async (s) => {
        outcome = await race((i) =>
          addRevision(s, {
            actor: writer(i),
            documentId: doc.id,
            baseRevisionId: doc.revisionId,
            format: 'edit',
            converted: converted[i]!,
          }),
        );
      });
      const { won, lost } = outcome;
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(WRITERS - 1);
      expect(lost.every((e) => isConflict(e, 'document'))).toBe(true);
      const winner = won[0]!;
      expect(winner.value.number).toBe(2);
      // A refused revision inserted nothing: two revisions, the pointer on the kept one, one event.
      expect(await first(store.db.select().from(documents).where(eq(documents.id, doc.id)))).toMatchObject({
        currentRevisionId: winner.value.id,
        revisionCount: 2,
        version: 2,
      });
      const revisions = await store.db
        .select({ id: documentRevisions.id, number: documentRevisions.number })
        .from(documentRevisions)
        .where(eq(documentRevisions.documentId, doc.id));
      expect(revisions.sort((a, b) => a.number - b.number)).toEqual([
        { id: doc.revisionId, number: 1 },
        { id: winner.value.id, number: 2 },
      ]);
      expect(await auditCount('document.revise', doc.id)).toBe(1);
      if (isSqliteStore(store)) expect(store.connection.pragma('foreign_key_check')).toEqual([]);
    },
  );

  const likelihoods: Likelihood[] = ['likely', 'unlikely', 'roughly_even_chance', 'very_likely'];
  const assessment = (i: number) =>
    assessmentFieldsSchema.parse({
      likelihood: likelihoods[i % likelihoods.length],
      confidence: 'moderate',
      rationale: `Save number ${i}`,
    });

  it.each(modes)('keep exactly one assessment save, revised or first (%s)', async (_mode, inMode) => {
    const { claimId } = await createClaim(store, {
      actor: owner,
      passage: passageOf('206'),
      fields: fields(),
    });
    const analyst = analysts[0]!;
    const mine = async () =>
      first(
        store.db
          .select()
          .from(assessments)
          .where(and(eq(assessments.claimId, claimId), eq(assessments.userId, analyst.userId))),
      );

    // A first assessment, saved from 20 tabs at once (no version yet).
    let outcome!: Awaited<ReturnType<typeof race<{ version: number }>>>;
    await inMode(async (s) => {
      outcome = await race((i) =>
        saveMyAssessment(s, { actor: analyst, claimId, fields: assessment(i), expectedVersion: null }),
      );
    });
    expect(outcome.won).toHaveLength(1);
    expect(outcome.lost).toHaveLength(WRITERS - 1);
    expect(outcome.lost.every((e) => isConflict(e, 'assessment'))).toBe(true);
    expect(await mine()).toMatchObject({ rationale: `Save number ${outcome.won[0]!.i}`, version: 1 });

    // Then revised from 20 tabs that all show version 1.
    await inMode(async (s) => {
      outcome = await race((i) =>
        saveMyAssessment(s, { actor: analyst, claimId, fields: assessment(i + 100), expectedVersion: 1 }),
      );
    });
    const { won, lost } = outcome;
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(WRITERS - 1);
    expect(lost.every((e) => isConflict(e, 'assessment'))).toBe(true);
    const winner = won[0]!;
    expect(winner.value.version).toBe(2);
    expect(await mine()).toMatchObject({ rationale: `Save number ${winner.i + 100}`, version: 2 });
    for (const e of lost) {
      expect((e as AppError).current).toMatchObject({
        version: 2,
        rationale: `Save number ${winner.i + 100}`,
      });
    }
    expect(await auditCount('assessment.create', claimId)).toBe(1);
    expect(await auditCount('assessment.update', claimId)).toBe(1);
  });
});

describe('two analysts writing claims of one topic at once', () => {
  it('leave every claim of the topic with the contested state a recomputation gives, one transaction at a time', async () => {
    // Counts the transactions whose bodies run at once (the write queue allows one).
    let active = 0;
    let mostAtOnce = 0;
    let transactions = 0;
    const watched: Store = {
      engine: store.engine,
      location: store.location,
      get db() {
        return store.db;
      },
      rows: (query) => store.rows(query),
      transaction: (fn) =>
        store.transaction(async (tx) => {
          active += 1;
          transactions += 1;
          mostAtOnce = Math.max(mostAtOnce, active);
          try {
            return await fn(tx);
          } finally {
            active -= 1;
          }
        }),
      snapshot: (fn) => store.snapshot(fn),
      listen: (onNotice) => store.listen(onNotice),
      migrate: () => store.migrate(),
      backup: (file) => store.backup(file),
      close: () => store.close(),
    };

    // Each analyst has a claim of the topic, then alternately moves its figure away from the
    // others' (contested: competing values) and back (not contested), and adds claims to it.
    const analyst = async (actor: Actor, quote: string, amounts: string[]) => {
      const { claimId } = await createClaim(watched, {
        actor,
        passage: passageOf(quote),
        fields: fields({ statement: `${actor.userId} counts ${quote}`, amount: '206', topicQuestion: TOPIC }),
      });
      let version = 1;
      for (const [i, amount] of amounts.entries()) {
        if (i % 3 === 2) {
          // A new claim of the topic, agreeing or not with the others.
          await createClaim(watched, {
            actor,
            passage: passageOf(quote),
            fields: fields({ statement: `${actor.userId} adds ${i}`, amount, topicQuestion: TOPIC }),
          });
        } else {
          ({ version } = await updateClaim(watched, {
            actor,
            claimId,
            expectedVersion: version,
            fields: fields({ statement: `${actor.userId} counts ${quote}`, amount, topicQuestion: TOPIC }),
          }));
        }
      }
    };
    const [a, b] = analysts as [Actor, Actor];
    await Promise.all([
      analyst(a, '206', ['150', '206', '206', '180', '206', '206', '150', '206', '206']),
      analyst(b, '180', ['206', '180', '206', '206', '150', '206', '180', '206', '180']),
    ]);
    if (testEngine === 'sqlite') {
      expect(transactions).toBe(20);
      expect(mostAtOnce).toBe(1);
    } else {
      // PostgreSQL runs them side by side, and runs again one it aborted for a conflict.
      expect(transactions).toBeGreaterThanOrEqual(20);
    }

    const topic = (await first(store.db.select().from(topics).where(eq(topics.question, TOPIC))))!;
    const stored = await store.db
      .select({ id: claims.id, contested: claims.contested })
      .from(claims)
      .where(eq(claims.topicId, topic.id));
    expect(stored).toHaveLength(2 + 2 * 3);
    // The last writes leave figures that disagree (206 against 180): the topic is contested.
    expect(stored.filter((c) => c.contested.length > 0).length).toBeGreaterThan(0);

    // The contested state cleared and recomputed from scratch: the same as stored.
    await store.transaction(async (tx) => {
      await tx.update(claims).set({ contested: [] });
    });
    await recomputeAllContested(store);
    const recomputed = new Map(
      (
        await store.db
          .select({ id: claims.id, contested: claims.contested })
          .from(claims)
          .where(eq(claims.topicId, topic.id))
      ).map((c) => [c.id, c.contested]),
    );
    for (const c of stored)
      expect({ id: c.id, contested: c.contested }).toEqual({
        id: c.id,
        contested: recomputed.get(c.id),
      });
  });
});

describe('a read outside a transaction', () => {
  it('does not see the rows of a transaction still open, and sees them once it committed', async () => {
    let reachedGate!: (claimId: string) => void;
    const written = new Promise<string>((resolve) => (reachedGate = resolve));
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const pending = store.transaction(async (tx) => {
      const { claimId } = await createClaim(store, {
        actor: owner,
        passage: passageOf('206'),
        fields: fields({ statement: 'Not committed yet', topicQuestion: 'An uncommitted topic' }),
      });
      // Inside the transaction, its own rows are seen (through tx and through store.db).
      expect(await first(tx.select().from(claims).where(eq(claims.id, claimId)))).toBeDefined();
      expect(await first(store.db.select().from(claims).where(eq(claims.id, claimId)))).toBeDefined();
      reachedGate(claimId);
      await gate;
      return claimId;
    });
    const claimId = await written;
    const claimRow = () => first(store.db.select().from(claims).where(eq(claims.id, claimId)));
    const topicRow = () =>
      first(store.db.select().from(topics).where(eq(topics.question, 'An uncommitted topic')));
    try {
      expect(await claimRow()).toBeUndefined();
      expect(await topicRow()).toBeUndefined();
    } finally {
      openGate();
    }
    expect(await pending).toBe(claimId);
    expect(await claimRow()).toMatchObject({ statement: 'Not committed yet' });
    expect(await topicRow()).toBeDefined();
  });
});
