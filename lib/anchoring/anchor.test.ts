import { describe, expect, it } from 'vitest';
import { anchorQuote } from './anchor';
import type { AnchorStatus } from './anchor';
import { createOffsetMapper } from './offset-map';
import { reanchorPassages } from './reanchor';
import { describePassage, trimPassage } from './selectors';

/** Prose written for these tests. */
const BRIEF = [
  'In October 2020 the authorities in Bamako released a large group of detainees.',
  'Most counts put the number at 206, although one ministry figure was lower.',
  'Sophie Pétronin, held since 2016, was freed in the same exchange, as was Soumaïla Cissé.',
  'Several outlets wrote that a ransom changed hands. One outlet said the ransom was 10 million euros; another put the ransom at 2.5 million euros.',
  'Ibrahim Boubacar Keïta had left office by then, and the transition authorities handled the talks.',
  'Nobody who negotiated the deal has described it on the record.',
].join('\n\n');

const passage = (text: string, quote: string, occurrence = 0) => {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`quote not in text: ${quote}`);
  return { id: quote, ...describePassage(text, at, at + quote.length) };
};

const reanchor = (oldText: string, newText: string, quote: string, occurrence = 0) => {
  const p = passage(oldText, quote, occurrence);
  const [result] = reanchorPassages(oldText, newText, [
    { id: p.id, quote: p.quote, start: p.position.start, end: p.position.end },
  ]);
  return result!;
};

describe('describe and anchor round trips', () => {
  it.each(['206', 'Sophie Pétronin', 'the ransom was 10 million euros', 'Keïta had left office', 'record.'])(
    '%s',
    (quote) => {
      const p = passage(BRIEF, quote);
      expect(p.quote.exact).toBe(quote);
      expect(p.quote.prefix.length).toBeLessThanOrEqual(32);
      const result = anchorQuote(BRIEF, p.quote, { expectedStart: p.position.start });
      expect(result).toEqual({ status: 'exact', start: p.position.start, end: p.position.end, score: 1 });
    },
  );

  it('refuses a passage outside the text, and trims white space at selection edges', () => {
    expect(() => describePassage(BRIEF, 10, 5)).toThrow(RangeError);
    expect(() => describePassage(BRIEF, 0, BRIEF.length + 1)).toThrow(RangeError);
    expect(trimPassage(' 206 \n', 0, 6)).toEqual({ start: 1, end: 4 });
    expect(trimPassage('   ', 0, 3)).toBeNull();
  });
});

describe('re-anchoring after an edit', () => {
  const cases: {
    name: string;
    quote: string;
    occurrence?: number;
    edit: (t: string) => string;
    status: AnchorStatus;
    expectText?: string;
  }[] = [
    {
      name: 'a sentence inserted before the quote',
      quote: '206',
      edit: (t) => t.replace('In October 2020', 'Talks had lasted for weeks. In October 2020'),
      status: 'exact',
      expectText: '206',
    },
    {
      name: 'a paragraph inserted after the quote',
      quote: 'Sophie Pétronin, held since 2016',
      edit: (t) => `${t}\n\nA later paragraph about the aftermath.`,
      status: 'exact',
      expectText: 'Sophie Pétronin, held since 2016',
    },
    {
      name: 'a word inserted inside the quote',
      quote: 'the authorities in Bamako released a large group of detainees',
      edit: (t) => t.replace('released a large group', 'released a very large group'),
      status: 'fuzzy',
      expectText: 'the authorities in Bamako released a very large group of detainees',
    },
    {
      name: 'a word inserted inside a two-word quote, its context intact on both sides',
      quote: 'was freed',
      edit: (t) => t.replace('was freed in the same', 'was quickly freed in the same'),
      status: 'fuzzy',
      expectText: 'was quickly freed',
    },
    {
      name: 'a clause longer than a short quote inserted inside it',
      quote: 'was freed',
      edit: (t) =>
        t.replace('was freed in the same', 'was, after four years held in the desert, freed in the same'),
      status: 'orphaned',
    },
    {
      name: 'a word inserted inside a short quote whose following context was rewritten',
      quote: 'was freed',
      edit: (t) => t.replace('was freed in the same exchange', 'was quickly freed during that swap'),
      status: 'orphaned',
    },
    {
      name: 'a word deleted inside the quote',
      quote: 'the transition authorities handled the talks',
      edit: (t) => t.replace('the transition authorities', 'the authorities'),
      status: 'fuzzy',
      expectText: 'the authorities handled the talks',
    },
    {
      name: 'a typo corrected inside the quote',
      quote: 'Nobody who negotiated the deal',
      edit: (t) => t.replace('Nobody who negotiated the deal', 'Nobody who negociated the deal'),
      status: 'fuzzy',
      expectText: 'Nobody who negociated the deal',
    },
    {
      name: 'the repeated phrase: the second "the ransom" stays the second',
      quote: 'the ransom',
      occurrence: 1,
      edit: (t) => t.replace('Several outlets wrote', 'Early on, several outlets wrote'),
      status: 'exact',
      expectText: 'the ransom',
    },
    {
      name: 'the paragraph holding the quote removed, a look-alike remaining elsewhere',
      quote: 'the ransom was 10 million euros',
      edit: (t) =>
        t.replace(/Several outlets wrote[^\n]*/, '') +
        '\n\nA different report said the ransom was 11 million euros in cash.',
      status: 'orphaned',
    },
    {
      name: 'the whole sentence deleted',
      quote: 'Most counts put the number at 206',
      edit: (t) =>
        t.replace('Most counts put the number at 206, although one ministry figure was lower.', ''),
      status: 'orphaned',
    },
    {
      name: 'white space changed around and inside the quote',
      quote: 'held since 2016, was freed',
      edit: (t) => t.replace('held since 2016, was freed', 'held since  2016,  was freed'),
      status: 'fuzzy',
      expectText: 'held since  2016,  was freed',
    },
    {
      name: 'unicode names kept through a nearby edit',
      quote: 'Soumaïla Cissé',
      edit: (t) => t.replace('in the same exchange', 'in the very same exchange'),
      status: 'exact',
      expectText: 'Soumaïla Cissé',
    },
  ];

  it.each(cases)('$name → $status', ({ quote, occurrence, edit, status, expectText }) => {
    const edited = edit(BRIEF);
    const result = reanchor(BRIEF, edited, quote, occurrence);
    expect(result.status).toBe(status);
    if (expectText !== undefined) {
      expect(edited.slice(result.start!, result.end!)).toBe(expectText);
      if (status === 'fuzzy') expect(result.score).toBeGreaterThan(0.7);
    } else {
      expect(result.start).toBeNull();
    }
  });

  it('keeps the right occurrence of a repeated phrase when text is inserted between them', () => {
    const edited = BRIEF.replace('One outlet said', 'One outlet, citing an official, said');
    for (const occurrence of [0, 1]) {
      const p = passage(BRIEF, 'the ransom', occurrence);
      const after = passage(edited, 'the ransom', occurrence);
      const [r] = reanchorPassages(BRIEF, edited, [
        { id: 'x', quote: p.quote, start: p.position.start, end: p.position.end },
      ]);
      expect(r!.start).toBe(after.position.start);
    }
  });

  it('re-anchors overlapping passages independently', () => {
    const a = passage(BRIEF, 'the ransom was 10 million euros');
    const b = passage(BRIEF, '10 million euros; another');
    const edited = BRIEF.replace('In October 2020', 'Early in October 2020');
    const results = reanchorPassages(BRIEF, edited, [
      { id: 'a', quote: a.quote, start: a.position.start, end: a.position.end },
      { id: 'b', quote: b.quote, start: b.position.start, end: b.position.end },
    ]);
    expect(results.map((r) => [r.id, r.status, edited.slice(r.start!, r.end!)])).toEqual([
      ['a', 'exact', 'the ransom was 10 million euros'],
      ['b', 'exact', '10 million euros; another'],
    ]);
    expect(results[0]!.end! > results[1]!.start!).toBe(true);
  });

  it('orphans a short quote whose only remaining occurrences have other context', () => {
    const edited = BRIEF.replace(
      'Most counts put the number at 206, although one ministry figure was lower.',
      'Counts differ.',
    ).replace('released a large group', 'released 206 people in a large group');
    expect(reanchor(BRIEF, edited, '206').status).toBe('orphaned');
  });
});

describe('offset map through an edit', () => {
  it('maps unchanged text exactly and changed text into its new stretch', () => {
    const edited = BRIEF.replace('206', 'two hundred and six');
    const map = createOffsetMapper(BRIEF, edited);
    const keita = BRIEF.indexOf('Keïta');
    expect(map(keita)).toEqual({ offset: edited.indexOf('Keïta'), exact: true });
    expect(map(0)).toEqual({ offset: 0, exact: true });
    // An offset inside the changed word maps into the new stretch, not exactly.
    const inside = map(BRIEF.indexOf('206') + 1);
    expect(inside.exact).toBe(false);
    expect(inside.region!.start).toBeLessThanOrEqual(edited.indexOf('two hundred'));
    expect(inside.region!.end).toBeGreaterThanOrEqual(
      edited.indexOf('two hundred') + 'two hundred and six'.length,
    );
  });

  it('handles line-ending and paragraph changes', () => {
    const crlf = 'First line.\nSecond line with 206 in it.\n\nThird.';
    const edited = 'First line, extended.\nSecond line with 206 in it.\n\nInserted.\n\nThird.';
    const r = reanchor(crlf, edited, '206');
    expect([r.status, edited.slice(r.start!, r.end!)]).toEqual(['exact', '206']);
  });
});
