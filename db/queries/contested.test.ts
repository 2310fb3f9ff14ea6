import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../bootstrap';
import { jsonArrayNotEmpty } from '../dialect';
import type { Store } from '../store';
import { claims } from '../schema';
import { seedDemoIfEmpty } from '../seed';
import { first } from '../store';
import { freshStore } from '../testing';
import { readSetting, writeSetting } from './settings';
import {
  CONTESTED_RULES_VERSION,
  recomputeAllContested,
  recomputeContestedInBackground,
  sameReasons,
} from './contested';

let store: Store;
/** Contested claims of the demo workspace (db/seed.test.ts lists them with their reasons). */
const DEMO_CONTESTED = 8;

const contestedCount = async () =>
  (await first(store.db.select({ n: count() }).from(claims).where(jsonArrayNotEmpty(claims.contested))))!.n;

beforeEach(async () => {
  store = await freshStore();
  delete process.env.WARRANT_SEED_DEMO;
  // bootstrap() would otherwise write a session secret beside the (in-memory) database: the repo root.
  process.env.AUTH_SECRET = 'test secret for the contested-state start-up test';
});

afterEach(() => {
  delete process.env.AUTH_SECRET;
});

const clearContested = () =>
  store.transaction(async (tx) => {
    await tx.update(claims).set({ contested: [] });
  });

describe('recomputing the contested state of every claim', () => {
  it('restores what the writes computed, for claims stored before the rules existed', async () => {
    await seedDemoIfEmpty(store);
    const before = await contestedCount();
    expect(before).toBe(DEMO_CONTESTED);
    await clearContested();
    expect(await contestedCount()).toBe(0);
    const claimCount = (await first(store.db.select({ n: count() }).from(claims)))!.n;
    expect(await recomputeAllContested(store)).toEqual({ claims: claimCount, changed: DEMO_CONTESTED });
    expect(await contestedCount()).toBe(before);
    // In batches of two claims (whole topics, a larger topic alone): the same.
    await clearContested();
    let batches = 0;
    expect(await recomputeAllContested(store, { batchSize: 2, onBatch: () => batches++ })).toEqual({
      claims: claimCount,
      changed: DEMO_CONTESTED,
    });
    expect(batches).toBeGreaterThan(claimCount / 2 - 1);
    expect(await contestedCount()).toBe(before);
    expect((await recomputeAllContested(store)).changed).toBe(0);
  });

  it('runs once after start-up, in the background, for a database that has not had the current rules', async () => {
    const lines: string[] = [];
    await (
      await bootstrap(store, { log: (l) => lines.push(l) })
    ).contestedRecompute;
    expect(await readSetting(store.db, 'contestedRulesVersion')).toBe(CONTESTED_RULES_VERSION);
    await clearContested();
    // The rules are current: nothing to do.
    expect(await (await bootstrap(store, { log: (l) => lines.push(l) })).contestedRecompute).toBeNull();
    expect(await contestedCount()).toBe(0);
    await store.transaction((tx) => writeSetting(tx, 'contestedRulesVersion', 0));
    const { contestedRecompute } = await bootstrap(store, { log: (l) => lines.push(l) });
    // bootstrap has returned (the server serves) before the claims are recomputed: the recompute
    // waits between its batches on timers, so it cannot have ended within this microtask.
    let ended = false;
    void contestedRecompute.then(() => (ended = true));
    expect(ended).toBe(false);
    expect(await contestedRecompute).toBeGreaterThan(DEMO_CONTESTED);
    expect(ended).toBe(true);
    expect(await contestedCount()).toBe(DEMO_CONTESTED);
    expect(await readSetting(store.db, 'contestedRulesVersion')).toBe(CONTESTED_RULES_VERSION);
    expect(await readSetting(store.db, 'contestedRecomputeLease')).toBeNull();
    expect(
      lines.some((l) =>
        /^Recomputed the contested state of \d+ claims in the background \(8 changed/.test(l),
      ),
    ).toBe(true);
  });

  it('is done by one process at a time: a live lease is left alone, an expired one taken over', async () => {
    await seedDemoIfEmpty(store);
    await clearContested();
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    let clock = Date.UTC(2026, 11, 6);
    const now = () => clock;
    await store.transaction((tx) =>
      writeSetting(tx, 'contestedRecomputeLease', {
        version: CONTESTED_RULES_VERSION,
        until: clock + 30_000,
      }),
    );
    // Another process holds it.
    expect(await recomputeContestedInBackground(store, { log, now, pause: 0 })).toBeNull();
    expect(await contestedCount()).toBe(0);
    // That process died: its lease ran out.
    clock += 31_000;
    expect(await recomputeContestedInBackground(store, { log, now, pause: 0 })).toBeGreaterThan(0);
    expect(await contestedCount()).toBe(DEMO_CONTESTED);
    // A lease of older rules never holds back the current ones.
    await store.transaction(async (tx) => {
      await writeSetting(tx, 'contestedRulesVersion', 0);
      await writeSetting(tx, 'contestedRecomputeLease', { version: 0, until: clock + 60_000 });
    });
    await clearContested();
    expect(await recomputeContestedInBackground(store, { log, now, pause: 0 })).toBeGreaterThan(0);
    expect(await contestedCount()).toBe(DEMO_CONTESTED);
  });
});

describe('a write in a large topic', () => {
  // Our own briefing: desks report their counts of the prisoners freed.
  const BRIEFING =
    'Desk reports on the exchange: the prisoners freed in Bamako were counted by each desk, and the figures disagree.';
  const TOPIC = 'How many prisoners were freed?';

  it('leaves every claim as a recompute from scratch would, whatever was written', async () => {
    const { convertToDocument } = await import('@/lib/documents/convert');
    const { documentMetadataSchema } = await import('@/lib/documents/metadata');
    const { claimFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } = await import('@/lib/claims');
    const { makeUser, makeWorkspace } = await import('../testing');
    const { importDocument } = await import('./documents');
    const { listClaimTypes } = await import('./claim-types');
    const { createClaim, restoreClaim, trashClaim, updateClaim } = await import('./claims');
    const { addEvidence } = await import('./evidence');
    const { disputeClaim } = await import('./review');

    const owner = await makeUser(store, { name: 'Awa Traoré' });
    const workspaceId = await makeWorkspace(store, owner);
    const typeId = (await listClaimTypes(store, { actor: owner, workspaceId }))[0]!.id;
    const converted = await convertToDocument('text', BRIEFING);
    const doc = await importDocument(store, {
      actor: owner,
      workspaceId,
      metadata: documentMetadataSchema.parse({ title: 'Desk reports' }),
      format: 'text',
      converted,
    });
    const passage = { documentId: doc.id, revisionId: doc.currentRevisionId, start: 0, end: 12 };
    const fields = (statement: string, amount: string | null, topic: string | null = TOPIC) =>
      claimFieldsSchema.parse({
        statement,
        typeId,
        kind: 'reported',
        amount: amount ?? undefined,
        unit: amount ? 'prisoners' : undefined,
        topicQuestion: topic ?? undefined,
      });

    // Twelve desks: ten figures, some equal, some far apart; two without a figure.
    const amounts = ['206', '206', '180', '150', '206', '300', null, '180', '90', '206', null, '2000'];
    const ids: string[] = [];
    for (const [i, amount] of amounts.entries()) {
      const { claimId } = await createClaim(store, {
        actor: owner,
        passage,
        fields: fields(`Desk ${i + 1} counted ${amount ?? 'no figure'}`, amount),
      });
      ids.push(claimId);
    }

    const snapshot = async () =>
      new Map(
        (await store.db.select({ id: claims.id, contested: claims.contested }).from(claims)).map((c) => [
          c.id,
          c.contested,
        ]),
      );
    /** The stored state equals a recompute of every claim from cleared state. */
    const expectAsFromScratch = async (step: string) => {
      const kept = await snapshot();
      await clearContested();
      await recomputeAllContested(store);
      expect(await snapshot(), step).toEqual(kept);
    };
    const edit = async (
      claimId: string,
      statement: string,
      amount: string | null,
      topic: string | null = TOPIC,
    ) => {
      const [row] = await store.db
        .select({ version: claims.version })
        .from(claims)
        .where(eq(claims.id, claimId));
      await updateClaim(store, {
        actor: owner,
        claimId,
        expectedVersion: row!.version,
        fields: fields(statement, amount, topic),
      });
    };

    await expectAsFromScratch('twelve claims made');
    const names = async (n: number) =>
      ((await snapshot()).get(ids[n]!) ?? []).find((r) => r.kind === 'competing_values');
    // Desk 1 (206) competes with 180, 150, 300, 180, 90 and 2000: five named, one counted.
    expect((await names(0))!.claimIds).toHaveLength(5);
    expect((await names(0))!.detail).toMatch(/, and 1 other claim\.$/);

    // Mixed evidence and a dispute on desk 3, then its figure moves into agreement.
    for (const stance of ['supports', 'contradicts'] as const) {
      await addEvidence(store, {
        actor: owner,
        claimId: ids[2]!,
        source: {
          create: sourceFieldsSchema.parse({ name: `Outlet ${stance}`, kind: 'outlet', reliability: 'B' }),
        },
        fields: evidenceFieldsSchema.parse({ stance, credibility: '3' }),
      });
    }
    await disputeClaim(store, { actor: owner, claimId: ids[2]!, reason: 'The desk counted twice.' });
    await expectAsFromScratch('evidence and a dispute');
    await edit(ids[2]!, 'Desk 3 counted 206', '206');
    await expectAsFromScratch('a figure moved into agreement');
    expect(((await snapshot()).get(ids[2]!) ?? []).map((r) => r.kind)).toEqual([
      'competing_values',
      'mixed_evidence',
      'disputed',
    ]);

    // A new statement of a named claim changes its siblings' sentences.
    await edit(ids[5]!, 'Desk 6 now says 300 were freed', '300');
    await expectAsFromScratch('a statement edited');
    // Figures removed, moved out of the topic and back, a claim in the trash and restored.
    await edit(ids[11]!, 'Desk 12 withdrew its figure', null);
    await expectAsFromScratch('a figure removed');
    await edit(ids[8]!, 'Desk 9 counted 90', '90', 'How many hostages were freed?');
    await expectAsFromScratch('a claim moved to another topic');
    await edit(ids[8]!, 'Desk 9 counted 90', '90');
    await expectAsFromScratch('and back');
    await trashClaim(store, { actor: owner, claimId: ids[5]! });
    await expectAsFromScratch('a claim in the trash');
    await restoreClaim(store, { actor: owner, claimId: ids[5]! });
    await expectAsFromScratch('restored');
    // Everyone agrees at last: nothing competes.
    for (const [i, amount] of amounts.entries()) {
      if (amount !== null && amount !== '206' && i !== 2)
        await edit(ids[i]!, `Desk ${i + 1} counted 206`, '206');
    }
    await expectAsFromScratch('everyone agrees');
    for (const id of ids) expect(await names(ids.indexOf(id))).toBeUndefined();
    // Desk 3 keeps its own reasons.
    expect(((await snapshot()).get(ids[2]!) ?? []).map((r) => r.kind)).toEqual([
      'mixed_evidence',
      'disputed',
    ]);
  });
});

describe('sameReasons', () => {
  const mixed = {
    kind: 'mixed_evidence' as const,
    key: 'mixed_evidence',
    detail: 'Mixed evidence: 2 pieces support it.',
  };
  const competing = {
    kind: 'competing_values' as const,
    key: 'competing_values',
    detail: 'Competing values under “How many were freed?”: 206 here, 90 in “Desk 9 counted 90”.',
    claimIds: ['c9'],
  };
  it.each([
    ['two empty lists', [], [], true],
    ['the same reasons', [competing, mixed], [{ ...competing, claimIds: ['c9'] }, { ...mixed }], true],
    ['another order', [competing, mixed], [mixed, competing], false],
    ['one more reason', [competing], [competing, mixed], false],
    ['another sentence', [competing], [{ ...competing, detail: `${competing.detail} ` }], false],
    ['other claims named', [competing], [{ ...competing, claimIds: ['c8'] }], false],
    ['one more claim named', [competing], [{ ...competing, claimIds: ['c9', 'c8'] }], false],
    [
      'claims named against none',
      [competing],
      [{ ...mixed, kind: 'competing_values' as const, key: 'competing_values', detail: competing.detail }],
      false,
    ],
  ])('%s', (_, a, b, same) => {
    expect(sameReasons(a, b)).toBe(same);
    expect(sameReasons(b, a)).toBe(same);
    expect(JSON.stringify(a) === JSON.stringify(b)).toBe(same);
  });
});
