/**
 * Live events across app processes: each test opens two stores on one database (one SQLite file,
 * or one PostgreSQL database under `npm run test:postgres`), as two processes have, and checks
 * what a stream on one sees of the writes of the other.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { subscribe, type LiveEvent } from '../events';
import { presence } from '../schema';
import type { Store } from '../store';
import { makeUser, makeWorkspace, storesOnOneDatabase, testEngine } from '../testing';
import type { Actor } from './access';
import { listClaimTypes } from './claim-types';
import { createClaim } from './claims';
import { importDocument } from './documents';
import { acceptInvite, createInvite } from './invites';
import { claimWrite, openLiveStream } from './live';
import { emit, pruneOutbox, settleOutbox, holdOutboxReader } from './outbox';

const TEXT = [
  'Two weeks after the exchange, a regional paper reported that the released men had crossed into Niger.',
  'A spokesman for the governorate denied it the same evening.',
].join('\n\n');

/** Live delivery across processes must take at most this long (issue 13). */
const WITHIN_MS = 2_000;

let stores: Store[];
let close: () => Promise<void>;
let A: Store;
let B: Store;
let owner: Actor;
let analyst: Actor;
let ws: string;
let doc: { id: string; revisionId: string; text: string };
const cleanups: (() => unknown)[] = [];

beforeEach(async () => {
  ({ stores, close } = await storesOnOneDatabase(2));
  [A, B] = stores as [Store, Store];
  owner = await makeUser(A, { name: 'Awa Diallo' });
  analyst = await makeUser(A, { name: 'Bakary Traoré' });
  ws = await makeWorkspace(A, owner, 'Sahel desk');
  const invite = await createInvite(A, { actor: owner, workspaceId: ws, role: 'editor', expiresInDays: 1 });
  await acceptInvite(A, { actor: analyst, token: invite.token });
  const converted = await convertToDocument('text', TEXT);
  const imported = await importDocument(A, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'After the exchange' }),
    format: 'text',
    converted,
  });
  doc = { id: imported.id, revisionId: imported.currentRevisionId, text: converted.text };
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await settleOutbox();
  await close();
});

async function stream(store: Store, actor: Actor, name: string) {
  const send = vi.fn<(event: LiveEvent) => void>();
  const live = await openLiveStream(store, {
    actor,
    name,
    workspaceId: ws,
    documentId: doc.id,
    send,
    revoked: () => undefined,
  });
  cleanups.push(() => live.close());
  return { send, live };
}

/** Events the hub of this test process receives (from whichever reader is running). */
function hubEvents() {
  const seen: LiveEvent[] = [];
  cleanups.push(subscribe(ws, (event) => seen.push(event)));
  return seen;
}

const note = (text: string): LiveEvent => ({
  type: 'comments',
  workspaceId: ws,
  claimId: text,
  actorId: owner.userId,
});

const viewersOf = (send: ReturnType<typeof vi.fn>) =>
  send.mock.calls
    .map(([e]) => e as LiveEvent)
    .filter((e) => e.type === 'presence')
    .map((e) => (e.type === 'presence' ? e.viewers.map((v) => v.name) : []));

describe('live events across processes', () => {
  it('a claim committed through process A reaches a reader open on process B', async () => {
    const { send } = await stream(B, analyst, 'Bakary Traoré');
    send.mockClear();
    const types = await listClaimTypes(A, { actor: owner, workspaceId: ws });
    const quote = 'the released men had crossed into Niger';
    const start = doc.text.indexOf(quote);
    const { claimId } = await createClaim(A, {
      actor: owner,
      passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length },
      fields: claimFieldsSchema.parse({
        statement: 'The released men crossed into Niger',
        typeId: types[0]!.id,
        kind: 'reported',
      }),
    });
    const began = Date.now();
    await vi.waitFor(
      () =>
        expect(send).toHaveBeenCalledWith(
          expect.objectContaining({ type: 'claims', claimIds: [claimId], documentIds: [doc.id] }),
        ),
      { timeout: WITHIN_MS, interval: 20 },
    );
    expect(Date.now() - began).toBeLessThan(WITHIN_MS);
  });

  it('publishes nothing for a rolled-back write, and the next committed one in order', async () => {
    const seen = hubEvents();
    cleanups.push(await holdOutboxReader(B));
    await expect(
      A.transaction(async (tx) => {
        await emit(tx, note('rolled back'));
        throw new Error('the write failed after its event');
      }),
    ).rejects.toThrow('the write failed');
    await A.transaction(async (tx) => {
      await emit(tx, note('first'));
      await emit(tx, note('second'));
    });
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: WITHIN_MS, interval: 20 });
    await settleOutbox();
    expect(seen.map((e) => (e.type === 'comments' ? e.claimId : e.type))).toEqual(['first', 'second']);
  });

  it('delivers each committed event once, also when many writers commit at once', async () => {
    const seen = hubEvents();
    cleanups.push(await holdOutboxReader(B));
    const writes = Array.from({ length: 30 }, (_, i) =>
      (i % 2 ? A : B).transaction((tx) => emit(tx, note(`write ${i}`))),
    );
    await Promise.all(writes);
    await vi.waitFor(() => expect(seen).toHaveLength(30), { timeout: WITHIN_MS, interval: 20 });
    await settleOutbox();
    const ids = seen.map((e) => (e.type === 'comments' ? e.claimId : ''));
    expect(new Set(ids).size).toBe(30);
  });

  it('shows who is reading across processes, and who left', async () => {
    const onB = await stream(B, analyst, 'Bakary Traoré');
    const onA = await stream(A, owner, 'Awa Diallo');
    await vi.waitFor(() => expect(viewersOf(onB.send).at(-1)).toEqual(['Awa Diallo', 'Bakary Traoré']), {
      timeout: WITHIN_MS,
      interval: 20,
    });
    onA.live.close();
    await vi.waitFor(() => expect(viewersOf(onB.send).at(-1)).toEqual(['Bakary Traoré']), {
      timeout: WITHIN_MS,
      interval: 20,
    });
  });

  it('drops the presence of a process that died and tells the readers who is left', async () => {
    const onB = await stream(B, analyst, 'Bakary Traoré');
    // A process that died: its row is there but nobody renews it.
    await A.transaction((tx) =>
      tx.insert(presence).values({
        connectionId: 'died-with-its-process',
        workspaceId: ws,
        documentId: doc.id,
        userId: owner.userId,
        name: 'Awa Diallo',
        expiresAt: new Date(Date.now() + 5_000),
      }),
    );
    expect(await pruneOutbox(A)).toBe(0);
    onB.send.mockClear();
    expect(await pruneOutbox(A, Date.now() + 10_000)).toBe(1);
    await vi.waitFor(() => expect(viewersOf(onB.send).at(-1)).toEqual(['Bakary Traoré']), {
      timeout: WITHIN_MS,
      interval: 20,
    });
  });
});

describe.runIf(testEngine === 'postgres')('ids committed out of order (PostgreSQL)', () => {
  it('delivers an event whose id was taken before a later one committed', async () => {
    const seen = hubEvents();
    cleanups.push(await holdOutboxReader(B));
    let letSlowCommit!: () => void;
    const slowMayCommit = new Promise<void>((resolve) => (letSlowCommit = resolve));
    let slowEmitted!: () => void;
    const slowHasEmitted = new Promise<void>((resolve) => (slowEmitted = resolve));
    // The slow writer takes the lower id first and commits last.
    const slow = A.transaction(async (tx) => {
      await emit(tx, note('slow'));
      slowEmitted();
      await slowMayCommit;
    });
    await slowHasEmitted;
    await A.transaction((tx) => emit(tx, note('fast')));
    await vi.waitFor(
      () => expect(seen.map((e) => (e.type === 'comments' ? e.claimId : ''))).toContain('fast'),
      {
        timeout: WITHIN_MS,
        interval: 20,
      },
    );
    letSlowCommit();
    await slow;
    await vi.waitFor(
      () => expect(seen.map((e) => (e.type === 'comments' ? e.claimId : ''))).toContain('slow'),
      {
        timeout: WITHIN_MS,
        interval: 20,
      },
    );
    await settleOutbox();
    expect(seen).toHaveLength(2);
  });

  it('emits only what the last try of a write run again after a conflict touched', async () => {
    const types = await listClaimTypes(A, { actor: owner, workspaceId: ws });
    const claim = async (quote: string) => {
      const start = doc.text.indexOf(quote);
      return (
        await createClaim(A, {
          actor: owner,
          passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length },
          fields: claimFieldsSchema.parse({ statement: quote, typeId: types[0]!.id, kind: 'reported' }),
        })
      ).claimId;
    };
    const tries = [await claim('A spokesman for the governorate'), await claim('denied it the same evening')];
    const seen = hubEvents();
    cleanups.push(await holdOutboxReader(B));
    let n = 0;
    await claimWrite(A, owner.userId, async (_tx, touch) => {
      touch(ws, [tries[n]!]);
      n += 1;
      // PostgreSQL's answer to a conflict: the whole transaction runs again.
      if (n === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    expect(n).toBe(2);
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: WITHIN_MS, interval: 20 });
    await settleOutbox();
    expect(seen).toEqual([
      expect.objectContaining({ type: 'claims', claimIds: [tries[1]], documentIds: [doc.id] }),
    ]);
  });
});
