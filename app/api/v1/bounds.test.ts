/**
 * Hostile input over the REST API: each answers within a second with a clear refusal, and the
 * request after it is served as usual (the work is refused before any parser, or bounded).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '@/lib/jobs/pool';
import { call, freshWorkspace, TEXT, type Member } from './_testing/client';
import * as claims from './documents/[documentId]/claims/route';
import * as revisions from './documents/[documentId]/revisions/route';
import * as documents from './workspaces/[workspaceId]/documents/route';
import { listClaimTypes } from '@/db/queries/claim-types';
import type { Store } from '@/db/store';
import { plantWholeDocumentPassages } from '@/db/testing';

let store: Store;
let owner: Member;
let workspaceId: string;
let typeId: string;

// The worker pool's first thread starts once per test file (a second or two): not a request's cost.
beforeAll(() => runJob('wordDiff', { before: 'a', after: 'b' }));

beforeEach(async () => {
  ({ store, owner, workspaceId } = await freshWorkspace());
  typeId = (await listClaimTypes(store, { actor: owner, workspaceId }))[0]!.id;
});

const importDoc = (body: Record<string, unknown>) =>
  call('POST', documents.POST, `/workspaces/${workspaceId}/documents`, {
    token: owner.token,
    body,
    params: { workspaceId },
  });

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

describe('bounded by structure, over the REST API', () => {
  it.each([
    [
      'Markdown quotes 2,000 deep',
      'markdown',
      `A note.\n\n${'>'.repeat(2_000)} the envoy`,
      /more than 100 levels deep \(line 3\)/,
    ],
    [
      'HTML divs 20,000 deep',
      'html',
      `${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`,
      /more than 100 levels deep/,
    ],
    ['HTML with 150,000 elements', 'html', '<i>x</i> '.repeat(150_000), /more than 100,000 elements/],
  ])('an import of %s is refused (422) within a second', async (_label, format, content, message) => {
    const { ms, value } = await timed(() => importDoc({ title: 'Planted', format, content }));
    expect(ms).toBeLessThan(1_000);
    expect(value.status).toBe(422);
    expect(value.json.error.message).toMatch(message);
    const next = await importDoc({ title: 'Brief', format: 'text', content: TEXT });
    expect(next.status).toBe(201);
  });

  it('a passage longer than 5,000 characters is refused with the limit, a shorter one accepted', async () => {
    const long = Array.from(
      { length: 150 },
      (_, i) => `Paragraph ${i}: the envoy met the mediator in Kidal.`,
    ).join('\n\n');
    const made = await importDoc({ title: 'Long', format: 'text', content: long });
    const documentId = made.json.id as string;
    const claim = (end: number) =>
      call('POST', claims.POST, `/documents/${documentId}/claims`, {
        token: owner.token,
        params: { documentId },
        body: {
          statement: 'The envoy met the mediator',
          typeId,
          kind: 'reported',
          target: { selector: { type: 'TextPositionSelector', start: 0, end } },
        },
      });
    const refused = await claim(5_200);
    expect(refused.status).toBe(422);
    // (5,199: the white space at the selection's end is trimmed)
    expect(refused.json.error.message).toBe(
      'A passage can be at most 5,000 characters; this one has 5,199. Select a shorter passage (or make several claims).',
    );
    expect((await claim(4_000)).status).toBe(201);
  });

  it('a revision after a whole-document passage was planted answers within a second', async () => {
    const body = Array.from(
      { length: 1_500 },
      (_, i) => `${i}. The mediator travelled from Gao to Kidal with two envoys.`,
    ).join('\n\n');
    const made = await importDoc({ title: 'Whole', format: 'text', content: body });
    const documentId = made.json.id as string;
    // Planted: a passage of the whole text (~90,000 characters), as an older version allowed.
    await call('POST', claims.POST, `/documents/${documentId}/claims`, {
      token: owner.token,
      params: { documentId },
      body: {
        statement: 'Placeholder',
        typeId,
        kind: 'reported',
        target: { selector: { type: 'TextPositionSelector', start: 0, end: 10 } },
      },
    });
    await plantWholeDocumentPassages(store, documentId, body);

    const edited = body.replace('700. The mediator travelled', '700. The mediator flew');
    const { ms, value } = await timed(() =>
      call('POST', revisions.POST, `/documents/${documentId}/revisions`, {
        token: owner.token,
        params: { documentId },
        body: { format: 'text', content: edited },
      }),
    );
    expect(value.status).toBe(201);
    expect(value.json.anchors).toMatchObject({ fuzzy: 1, orphaned: 0 });
    expect(ms).toBeLessThan(1_000);
  });
});
