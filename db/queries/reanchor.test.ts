import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { runJob } from '@/lib/jobs/pool';
import type { Store } from '../store';
import { freshStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { listClaimTypes } from './claim-types';
import { createClaim } from './claims';
import { importDocument } from './documents';
import { applyReanchor, planReanchor, StaleReanchorPlan } from './reanchor';
import { addRevision, compareRevisions } from './revisions';

const TEXT = [
  'The mediator travelled from Gao to Kidal with two envoys of the transition authorities.',
  'Officials said the prisoners were released in three groups over two days.',
  'A regional outlet reported that a payment had been made, without naming its size.',
].join('\n\n');

let store: Store;
let owner: Actor;
let ws: string;
let typeId: string;

// The pool's first thread starts once per file: not the cost of what is measured below.
beforeAll(() => runJob('wordDiff', { before: 'a', after: 'b' }));

beforeEach(async () => {
  store = await freshStore();
  owner = await makeUser(store, { name: 'Awa' });
  ws = await makeWorkspace(store, owner);
  typeId = (await listClaimTypes(store, { actor: owner, workspaceId: ws }))[0]!.id;
});

async function importText(text: string) {
  const converted = await convertToDocument('text', text);
  const doc = await importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'Talks' }),
    format: 'text',
    converted,
  });
  return { id: doc.id, revisionId: doc.currentRevisionId, text: converted.text };
}

const claimOn = (doc: { id: string; revisionId: string; text: string }, quote: string) => {
  const start = doc.text.indexOf(quote);
  return createClaim(store, {
    actor: owner,
    passage: { documentId: doc.id, revisionId: doc.revisionId, start, end: start + quote.length },
    fields: claimFieldsSchema.parse({ statement: quote, typeId, kind: 'reported' }),
  });
};

describe('re-anchoring planned before the revision’s transaction', () => {
  it('is refused as stale when a passage was added after the plan, and stored when none was', async () => {
    const doc = await importText(TEXT);
    await claimOn(doc, 'three groups');
    const edited = TEXT.replace('two envoys', 'three envoys');
    const plan = await planReanchor(store.db, doc.id, doc.text, edited);
    expect(plan.results.map((r) => r.status)).toEqual(['exact']);

    await claimOn(doc, 'a payment had been made');
    await expect(
      store.transaction((tx) => applyReanchor(tx, doc.id, plan, doc.revisionId)),
    ).rejects.toBeInstanceOf(StaleReanchorPlan);

    // addRevision plans again itself: both passages land.
    const converted = await convertToDocument('text', edited);
    const revision = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.revisionId,
      format: 'text',
      converted,
    });
    expect(revision.anchors).toMatchObject({ exact: 2, fuzzy: 0, orphaned: 0 });
  });
});

describe('comparing revisions', () => {
  const words = (seed: number, n: number) => {
    const vocabulary = [
      'envoy',
      'ransom',
      'Kidal',
      'Gao',
      'officials',
      'prisoners',
      'outlet',
      'payment',
      'talks',
    ];
    let x = seed;
    return Array.from({ length: n }, (_, i) => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return vocabulary[x % vocabulary.length] + ((i + 1) % 12 === 0 ? '.\n\n' : ' ');
    }).join('');
  };

  it('answers a heavy diff within a second, says the texts were replaced, and keeps it for the next viewer', async () => {
    const doc = await importText(words(1, 40_000));
    const converted = await convertToDocument('text', words(2, 40_000));
    await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.revisionId,
      format: 'text',
      converted,
    });

    let started = performance.now();
    const first = await compareRevisions(store, { actor: owner, documentId: doc.id, from: 1, to: 2 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(first.diff.replaced).toBe(true);

    started = performance.now();
    const again = await compareRevisions(store, { actor: owner, documentId: doc.id, from: 1, to: 2 });
    expect(again.diff).toBe(first.diff);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
