import { describe, expect, it } from 'vitest';
import { FIXTURE_CLAIMS, FIXTURE_LAYOUT, SYNTHETIC_LAYOUT, syntheticClaim } from './fixtures';
import type { ExportClaim } from './model';
import {
  anchorStatusLabel,
  claimTable,
  evidenceCells,
  evidenceColumns,
  evidenceRows,
  ExportLayoutError,
  scanLayout,
  scopeLabel,
} from './rows';
import { FIXTURE_CONTEXT, FIXTURE_DOCUMENTS } from './fixtures';

const claim = (id: string) => FIXTURE_CLAIMS.find((c) => c.id === id)!;

function rowByHeader(c: ExportClaim, evidenceIndex = 0): Record<string, unknown> {
  const headers = evidenceColumns(FIXTURE_LAYOUT);
  const cells = evidenceCells(evidenceRows(c)[evidenceIndex]!, FIXTURE_LAYOUT);
  return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
}

describe('evidence table', () => {
  it('has one column per tag, passage and analyst, in a fixed order', () => {
    expect(evidenceColumns(FIXTURE_LAYOUT)).toEqual([
      'claim id',
      'statement',
      'type',
      'topic',
      'tag 1',
      'tag 2',
      'tag 3',
      'quantity min',
      'quantity max',
      'quantity unit',
      'kind',
      'passage 1',
      'document 1',
      'anchor status 1',
      'passage 2',
      'document 2',
      'anchor status 2',
      'evidence id',
      'source',
      'source kind',
      'source url',
      'reliability',
      'stance',
      'credibility',
      'rating',
      'quote',
      'locator',
      'note',
      'accessed on',
      'likelihood (Ana Duarte)',
      'confidence (Ana Duarte)',
      'likelihood (Ben Okafor)',
      'confidence (Ben Okafor)',
      'status',
      'contested',
      'author',
      'reviewer',
      'decision rationale',
      'created',
      'updated',
    ]);
  });

  it('gives one row per evidence link, and one row with empty evidence for a claim without', () => {
    expect(FIXTURE_CLAIMS.map((c) => evidenceRows(c).length)).toEqual([2, 2, 1, 1, 1, 1]);
    const [row] = evidenceRows(claim('c-talks'));
    expect(row!.evidence).toBeNull();
    const cells = rowByHeader(claim('c-talks'));
    expect(cells['evidence id']).toBeNull();
    expect(cells['source']).toBeNull();
    expect(cells['rating']).toBeNull();
    expect(cells['statement']).toBe('Talks began in the summer, before the coup');
  });

  it('writes the values of one claim × evidence row', () => {
    expect(rowByHeader(claim('c-prisoners'))).toMatchObject({
      'claim id': 'c-prisoners',
      type: 'Prisoner release',
      topic: 'How many prisoners were released?',
      'tag 1': 'prisoners',
      'tag 2': 'Bamako, Mali',
      'tag 3': null,
      'quantity min': 206,
      'quantity max': 206,
      'quantity unit': 'persons',
      kind: 'reported information',
      'passage 1': '206',
      'document 1': 'Briefing: the October exchange',
      'anchor status 1': 'exact',
      'passage 2': 'some 200 detainees',
      'anchor status 2': 'fuzzy (0.93)',
      source: 'RFI',
      'source kind': 'outlet',
      'source url': 'https://www.rfi.fr',
      reliability: 'B',
      stance: 'supports',
      credibility: 2,
      rating: 'B2',
      locator: 'para. 3',
      'accessed on': '2026-03-03',
      'likelihood (Ana Duarte)': 'very likely (80–95%)',
      'confidence (Ana Duarte)': 'moderate',
      'likelihood (Ben Okafor)': 'likely (55–80%)',
      'confidence (Ben Okafor)': 'high',
      status: 'accepted',
      contested: null,
      reviewer: 'Chloé Martin',
      'decision rationale': 'Two independent outlets give 206; the government list matches.',
    });
    expect(rowByHeader(claim('c-ransom-low'), 1)).toMatchObject({
      rating: 'F4',
      stance: 'contradicts',
      contested: 'competing values; mixed evidence',
      status: 'disputed',
      'likelihood (Ben Okafor)': null,
    });
    expect(rowByHeader(claim('c-ransom-high'))).toMatchObject({
      'anchor status 1': 'orphaned',
      'passage 2': null,
      status: 'in review',
    });
  });

  it.each([
    [{ status: 'exact', score: 1 }, 'exact'],
    [{ status: 'fuzzy', score: 0.925 }, 'fuzzy (0.93)'],
    [{ status: 'orphaned', score: 0 }, 'orphaned'],
  ] as const)('anchor status %j → %s', (anchor, label) => expect(anchorStatusLabel(anchor)).toBe(label));

  it('refuses a claim that does not fit the layout rather than cutting it', () => {
    const narrow = { maxTags: 1, maxPassages: 2, analysts: ['Ana Duarte', 'Ben Okafor'] };
    expect(() => evidenceCells(evidenceRows(claim('c-prisoners'))[0]!, narrow)).toThrow(ExportLayoutError);
    const noBen = { ...FIXTURE_LAYOUT, analysts: ['Ana Duarte'] };
    expect(() => claimTable(noBen).cells(claim('c-prisoners'))).toThrow(/Ben Okafor/);
  });

  it('scans the layout that fits the claims', async () => {
    expect(await scanLayout(FIXTURE_CLAIMS)).toEqual(FIXTURE_LAYOUT);
    expect(await scanLayout([])).toEqual({ maxTags: 0, maxPassages: 0, analysts: [] });
  });

  it('labels the scope', () => {
    const data = { context: FIXTURE_CONTEXT, documents: FIXTURE_DOCUMENTS };
    expect(scopeLabel(data)).toBe('all claims');
    expect(
      scopeLabel({
        ...data,
        context: { ...FIXTURE_CONTEXT, scope: { documentId: 'doc-brief', filters: { status: 'disputed' } } },
      }),
    ).toBe('document “Briefing: the October exchange” · status disputed');
  });
});

describe('synthetic claims', () => {
  it('are deterministic, ordered by topic, and fit the synthetic layout', async () => {
    expect(syntheticClaim(42, 1000)).toEqual(syntheticClaim(42, 1000));
    const claims = Array.from({ length: 1000 }, (_, i) => syntheticClaim(i, 1000));
    const layout = await scanLayout(claims);
    expect(layout.maxTags).toBeLessThanOrEqual(SYNTHETIC_LAYOUT.maxTags);
    expect(layout.maxPassages).toBeLessThanOrEqual(SYNTHETIC_LAYOUT.maxPassages);
    expect(layout.analysts.every((a) => SYNTHETIC_LAYOUT.analysts.includes(a))).toBe(true);
    const topics = claims.map((c) => c.topic);
    const firstNull = topics.indexOf(null);
    expect(topics.slice(firstNull).every((t) => t === null)).toBe(true);
    const changes = topics.filter((t, i) => i > 0 && t !== topics[i - 1]).length;
    expect(changes).toBe(3);
    expect(() => claims.forEach((c) => claimTable(SYNTHETIC_LAYOUT).cells(c))).not.toThrow();
  });
});
