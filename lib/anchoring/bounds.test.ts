/**
 * The cost bounds of anchoring: a passage someone planted earlier (the whole document as one
 * passage, a long quote rewritten all through) must not slow any later edit.
 */
import { describe, expect, it } from 'vitest';
import { anchorQuote, boundedEditDistance, FUZZY_QUOTE_MAX } from './anchor';
import { reanchorPassages } from './reanchor';
import { describePassage } from './selectors';

/** Plain two-row edit distance, the reference for the bounded one. */
function naive(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** Prose written for these tests, repeated with numbered paragraphs to the length asked for. */
function report(chars: number): string {
  const sentences = [
    'The mediator travelled from Gao to Kidal with two envoys of the transition authorities.',
    'Officials said the prisoners were released in three groups over two days.',
    'A regional outlet reported that a payment had been made, without naming its size.',
    'The ministry declined to comment on the number of detainees freed in the exchange.',
  ];
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const p = `${i + 1}. ${sentences[i % 4]} ${sentences[(i + 1) % 4]}`;
    out.push(p);
    length += p.length + 2;
  }
  return out.join('\n\n').slice(0, chars);
}

describe('boundedEditDistance', () => {
  it.each([
    ['', '', 0],
    ['ransom', 'ransom', 0],
    ['ransom', 'random', 1],
    ['Keïta', 'Keita', 1],
    ['ten million euros', '10 million euros', 3],
    ['the envoy met the mediator', 'the envoy met with the mediator', 5],
    ['abc', '', 3],
    ['', 'abcd', 4],
  ])('%j → %j is %d', (a, b, d) => {
    expect(boundedEditDistance(a, b, 50)).toBe(d);
    expect(naive(a, b)).toBe(d);
  });

  it('agrees with the full computation within the band, and says null beyond it', () => {
    const base = report(400);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 60; trial++) {
      const chars = base.split('');
      const edits = Math.floor(random() * 40);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        if (op < 0.33) chars.splice(at, 1);
        else if (op < 0.66) chars.splice(at, 0, 'x');
        else chars[at] = 'y';
      }
      const other = chars.join('');
      const full = naive(base, other);
      for (const band of [5, 20, 60]) {
        expect(boundedEditDistance(base, other, band)).toBe(full <= band ? full : null);
      }
    }
  });
});

describe('a whole-document passage', () => {
  const text = report(92_000);
  const whole = describePassage(text, 0, text.length);
  const edited = text.replace('declined to comment', 'refused to comment');

  it('is found again after a one-word edit, within a second', () => {
    const started = performance.now();
    const [result] = reanchorPassages(text, edited, [
      { id: 'whole', quote: whole.quote, start: 0, end: text.length },
    ]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result).toMatchObject({ status: 'fuzzy', start: 0, end: edited.length });
    expect(result!.score).toBeGreaterThan(0.9);
  });

  it('is orphaned quickly when its text changed all through', () => {
    const rewritten = text.replace(/the /g, 'a ').replace(/ed /g, 'es ');
    const started = performance.now();
    const result = anchorQuote(rewritten, whole.quote, { expectedStart: 0 });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.status).toBe('orphaned');
  });
});

describe('long quotes are found by their edges', () => {
  const text = report(20_000);
  const start = text.indexOf('5. ');
  const end = start + FUZZY_QUOTE_MAX * 3;
  const p = describePassage(text, start, end);

  it('moves a long quote whose middle changed, with text inserted before it', () => {
    const middle = start + 1_500;
    const edited =
      'An editor’s note was added at the top.\n\n' +
      text.slice(0, middle) +
      'According to a second official, ' +
      text.slice(middle);
    const [result] = reanchorPassages(text, edited, [{ id: 'long', quote: p.quote, start, end }]);
    const shift = 'An editor’s note was added at the top.\n\n'.length;
    expect(result).toMatchObject({ status: 'fuzzy', start: start + shift, end: end + shift + 32 });
  });
});

describe('the time budget of approximate searches', () => {
  const text = report(3_000);
  const quoteOf = (q: string) => {
    const at = text.indexOf(q);
    return { ...describePassage(text, at, at + q.length), at };
  };
  const kept = quoteOf('4. The ministry declined to comment');
  const changed = quoteOf('2. Officials said the prisoners were released in three groups');
  const edited = text.replace(
    '2. Officials said the prisoners were released',
    '2. Officials said the prisoners were freed',
  );
  const passages = [kept, changed].map((p, i) => ({
    id: String(i),
    quote: p.quote,
    start: p.at,
    end: p.at + p.quote.exact.length,
  }));

  it('finds both with time to spare', () => {
    expect(reanchorPassages(text, edited, passages).map((r) => r.status)).toEqual(['exact', 'fuzzy']);
  });

  it('past the budget, still finds exact passages and orphans the ones that needed a search', () => {
    expect(reanchorPassages(text, edited, passages, { fuzzyBudgetMs: 0 }).map((r) => r.status)).toEqual([
      'exact',
      'orphaned',
    ]);
  });
});
