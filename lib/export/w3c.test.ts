import { describe, expect, it } from 'vitest';
import { collectText, FIXTURE_CLAIMS, FIXTURE_CONTEXT, fixtureExport, fixtureWithClaims } from './fixtures';
import type { ExportClaim } from './model';
import { ANNO_CONTEXT, toCodePointOffset, w3cChunks } from './w3c';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const collection = async (data = fixtureExport()): Promise<Json> =>
  JSON.parse(await collectText(w3cChunks(data)));

describe('W3C Web Annotation export', () => {
  it('is an AnnotationCollection with @context, id, label, total and an embedded first page', async () => {
    const c = await collection();
    expect(c['@context']).toBe(ANNO_CONTEXT);
    expect(c.type).toBe('AnnotationCollection');
    expect(c.id).toBe('http://localhost:3000/api/v1/workspaces/ws-sahel/annotations');
    expect(c.label).toBe('Warrant claims — Sahel desk');
    // 6 anchors with a position or a quote: 2 + 1 + 1 (orphaned, quote only) + 1 + 1.
    expect(c.total).toBe(6);
    expect(c.first).toMatchObject({ type: 'AnnotationPage', partOf: c.id, startIndex: 0 });
    expect(c.first.id).toBe(`${c.id}?page=1`);
    expect(c.last).toBe(c.first.id);
    expect(c.first.items).toHaveLength(6);
  });

  it('writes one Annotation per anchor with the required keys', async () => {
    const c = await collection();
    for (const a of c.first.items as Json[]) {
      expect(a['@context']).toBeUndefined();
      expect(a.id).toMatch(/^http:\/\/localhost:3000\/api\/v1\/claims\/[^#]+#anchor-.+$/);
      expect(a.type).toBe('Annotation');
      expect(a.motivation).toBe('describing');
      expect(a.created).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(a.modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(a.body[0]).toMatchObject({ type: 'TextualBody', purpose: 'describing', format: 'text/plain' });
      expect(a.target.source).toMatch(/^http:\/\/localhost:3000\/w\/ws-sahel\/documents\//);
      expect(a.target.selector[0]).toMatchObject({ type: 'TextQuoteSelector' });
      expect(Object.keys(a.target.selector[0]).sort()).toEqual(['exact', 'prefix', 'suffix', 'type']);
    }
  });

  it('describes a claim with its statement, type and tags, and both selectors', async () => {
    const c = await collection();
    const a = (c.first.items as Json[]).find((x) => x.id.endsWith('#anchor-c-prisoners-a1'))!;
    expect(a).toEqual({
      id: 'http://localhost:3000/api/v1/claims/c-prisoners#anchor-c-prisoners-a1',
      type: 'Annotation',
      motivation: 'describing',
      created: '2026-03-03T10:00:00.000Z',
      modified: '2026-03-08T14:00:00.000Z',
      creator: { type: 'Person', name: 'Ana Duarte' },
      body: [
        {
          type: 'TextualBody',
          value: 'Mali released 206 prisoners in the exchange',
          purpose: 'describing',
          format: 'text/plain',
        },
        { type: 'TextualBody', value: 'Prisoner release', purpose: 'classifying' },
        { type: 'TextualBody', value: 'prisoners', purpose: 'tagging' },
        { type: 'TextualBody', value: 'Bamako, Mali', purpose: 'tagging' },
      ],
      target: {
        source: 'http://localhost:3000/w/ws-sahel/documents/doc-brief',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: '206',
            prefix: 'the authorities released ',
            suffix: ' prisoners, by most counts',
          },
          { type: 'TextPositionSelector', start: 1204, end: 1207 },
        ],
      },
    });
  });

  it('places an orphaned anchor at its last known place: the revision that held it', async () => {
    const orphan = FIXTURE_CLAIMS.find((c) => c.anchors.some((a) => a.status === 'orphaned'))!;
    const claim: ExportClaim = {
      ...orphan,
      anchors: orphan.anchors.map((a) =>
        a.status === 'orphaned'
          ? { ...a, held: { revisionId: 'rev-dispatch-1', revisionNumber: 1, start: 512, end: 524 } }
          : a,
      ),
    };
    const c = await collection(await fixtureWithClaims([claim]));
    const item = (c.first.items as Json[]).find((x) => x.id.endsWith('#anchor-c-ransom-high-a1'))!;
    expect(item.target).toEqual({
      source: 'http://localhost:3000/w/ws-sahel/documents/doc-dispatch/revisions/1',
      selector: [
        { type: 'TextQuoteSelector', exact: 'dix millions', prefix: 'on parle de ', suffix: ' d’euros' },
        { type: 'TextPositionSelector', start: 512, end: 524 },
      ],
    });
  });

  it('gives an orphaned anchor with no known place only its TextQuoteSelector', async () => {
    const c = await collection();
    const orphan = (c.first.items as Json[]).find((x) => x.id.endsWith('#anchor-c-ransom-high-a1'))!;
    expect(orphan.target.selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'dix millions', prefix: 'on parle de ', suffix: ' d’euros' },
    ]);
  });

  it('uses code-point offsets when the caller supplies them', async () => {
    const claim: ExportClaim = {
      ...FIXTURE_CLAIMS[0]!,
      anchors: [{ ...FIXTURE_CLAIMS[0]!.anchors[0]!, codePoints: { start: 1203, end: 1206 } }],
    };
    const c = await collection(await fixtureWithClaims([claim]));
    expect(c.first.items[0].target.selector[1]).toEqual({
      type: 'TextPositionSelector',
      start: 1203,
      end: 1206,
    });
  });

  it('labels a document-scoped collection and has no page when nothing is anchored', async () => {
    const scoped = await collection(
      fixtureExport({ context: { ...FIXTURE_CONTEXT, scope: { documentId: 'doc-brief' } } }),
    );
    expect(scoped.id).toBe('http://localhost:3000/api/v1/workspaces/ws-sahel/annotations?document=doc-brief');
    expect(scoped.label).toBe('Warrant claims — Sahel desk — Briefing: the October exchange');
    const empty = await collection(await fixtureWithClaims([{ ...FIXTURE_CLAIMS[0]!, anchors: [] }]));
    expect(empty.total).toBe(0);
    expect(empty.first).toBeUndefined();
  });

  it.each([
    ['abc', 2, 2],
    ['🎉abc', 2, 1],
    ['🎉abc', 4, 3],
    ['a🕊️b', 5, 4],
    ['abc', 10, 3],
  ])('toCodePointOffset(%j, %i) = %i', (text, offset, expected) =>
    expect(toCodePointOffset(text, offset)).toBe(expected),
  );
});
