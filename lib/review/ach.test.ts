import { describe, expect, it } from 'vitest';
import { STANCES, type Credibility, type Reliability, type Stance } from '../scales';
import { ACH_MAX_LINKS, buildAch, cellLabel, cellWeight, type AchHypothesis, type AchLink } from './ach';

/*
 * Fixtures written for these tests: a question with three competing answers, and reports of the
 * kind an analyst would cite for and against them.
 */
const TEN: AchHypothesis = {
  id: 'ten',
  statement: 'The ransom paid for the hostages was 10 million euros',
  status: 'in_review',
};
const TWO_AND_A_HALF: AchHypothesis = {
  id: 'two-half',
  statement: 'The ransom was 2.5 million euros, paid by an intermediary',
  status: 'draft',
};
const NONE: AchHypothesis = {
  id: 'none',
  statement: 'No ransom was paid; the hostages were exchanged for prisoners only',
  status: 'disputed',
};

function link(
  claimId: string,
  sourceId: string,
  stance: Stance,
  rating: `${Reliability}${Credibility}`,
  quote: string | null,
): AchLink {
  return {
    claimId,
    sourceId,
    sourceName: sourceId.replace(/-/g, ' '),
    reliability: rating[0] as Reliability,
    credibility: Number(rating[1]) as Credibility,
    stance,
    quote,
    locator: null,
  };
}

const WEEKLY_QUOTE =
  'According to two people close to the negotiations, ten million euros changed hands in Kidal.';
const DAILY_QUOTE =
  'A mediator we spoke to put the sum at 2.5 million euros, paid through a Malian businessman.';
const MINISTRY_QUOTE = 'The government has never paid and will never pay a ransom to terrorist groups.';
const RADIO_QUOTE = 'The release followed weeks of talks in which money was discussed.';

const EVIDENCE: AchLink[] = [
  // The weekly's report: for €10M, and (the same passage) against €2.5M and against "no ransom".
  link('ten', 'The-Weekly', 'supports', 'B2', WEEKLY_QUOTE),
  link('two-half', 'The-Weekly', 'contradicts', 'B2', `  ${WEEKLY_QUOTE.toUpperCase()} `),
  link('none', 'The-Weekly', 'contradicts', 'B2', WEEKLY_QUOTE),
  // The daily: for €2.5M only.
  link('two-half', 'The-Daily', 'supports', 'C3', DAILY_QUOTE),
  // The ministry's denial: for "no ransom", against the other two, from a source that cannot be judged.
  link('none', 'Ministry-statement', 'supports', 'F6', MINISTRY_QUOTE),
  link('ten', 'Ministry-statement', 'contradicts', 'F6', MINISTRY_QUOTE),
  link('two-half', 'Ministry-statement', 'contradicts', 'F6', MINISTRY_QUOTE),
  // The radio: consistent with both sums (money changed hands), qualifies "no ransom".
  link('ten', 'The-Radio', 'supports', 'B3', RADIO_QUOTE),
  link('two-half', 'The-Radio', 'supports', 'B3', RADIO_QUOTE),
  link('none', 'The-Radio', 'qualifies', 'B3', RADIO_QUOTE),
];

describe('weights', () => {
  it.each([
    ['A', 1, 1],
    ['B', 2, 0.64],
    ['C', 3, 0.36],
    ['F', 6, 0.25],
    ['E', 5, 0.04],
    ['A', 6, 0.5],
    ['F', 1, 0.5],
  ] as const)('%s%s weighs %s', (reliability, credibility, weight) => {
    expect(cellWeight(reliability, credibility)).toBe(weight);
  });
});

describe('the matrix of a ransom question', () => {
  const m = buildAch([TEN, TWO_AND_A_HALF, NONE], EVIDENCE);

  it('makes one row per source and quoted passage, whatever the case and spacing of the quote', () => {
    expect(m.rows).toHaveLength(4);
    expect(m.rows.map((r) => r.sourceName).sort()).toEqual([
      'Ministry statement',
      'The Daily',
      'The Radio',
      'The Weekly',
    ]);
    expect(m.omitted).toEqual({ hypotheses: 0, rows: 0 });
  });

  it('ranks the hypotheses by the weighted evidence against them, not for them', () => {
    // €10M: against it, the ministry (F6 0.25). €2.5M: the weekly (B2 0.64) + the ministry (0.25).
    // No ransom: the weekly (0.64) + the radio's qualification (B3 0.48 × ½ = 0.24).
    expect(m.hypotheses.map((h) => [h.id, h.inconsistency, h.support, h.rank])).toEqual([
      ['ten', 0.25, 1.12, 1],
      ['none', 0.88, 0.25, 2],
      ['two-half', 0.89, 0.84, 3],
    ]);
  });

  it('puts the most diagnostic evidence first and consistent-with-everything evidence last', () => {
    // The weekly: +0.64 / −0.64 / −0.64 → 1.28. The ministry: −0.25 / −0.25 / +0.25 → 0.5.
    // The radio: +0.48 / +0.48 / −0.24 → 0.72. The daily: 0 / +0.36 / 0 → 0.36.
    expect(m.rows.map((r) => [r.sourceName, r.diagnosticity])).toEqual([
      ['The Weekly', 1.28],
      ['The Radio', 0.72],
      ['Ministry statement', 0.5],
      ['The Daily', 0.36],
    ]);
  });

  it('aligns the cells with the hypotheses in rank order, a word for every cell', () => {
    const daily = m.rows.find((r) => r.sourceName === 'The Daily')!;
    expect(m.hypotheses.map((h) => h.id)).toEqual(['ten', 'none', 'two-half']);
    expect(daily.cells.map(cellLabel)).toEqual(['– no link', '– no link', '✔ supports']);
    const radio = m.rows.find((r) => r.sourceName === 'The Radio')!;
    expect(radio.cells.map(cellLabel)).toEqual(['✔ supports', '◐ qualifies', '✔ supports']);
    expect(radio.cells.map((c) => c.score)).toEqual([0.48, -0.24, 0.48]);
  });
});

describe('cases', () => {
  it.each<{ name: string; links: AchLink[]; ranks: string[]; inconsistency: number[]; top: string | null }>([
    {
      name: 'no evidence: every hypothesis at 0, kept in the order given',
      links: [],
      ranks: ['ten', 'two-half'],
      inconsistency: [0, 0],
      top: null,
    },
    {
      name: 'support alone does not rank: the less contradicted comes first even with less support',
      links: [
        link('ten', 'A-source', 'supports', 'A1', 'Ten million.'),
        link('ten', 'B-source', 'supports', 'A1', 'Ten million, again.'),
        link('ten', 'C-source', 'contradicts', 'E5', 'Not ten.'),
        link('two-half', 'D-source', 'supports', 'D4', 'Two and a half.'),
      ],
      ranks: ['two-half', 'ten'],
      inconsistency: [0, 0.04],
      top: 'A source',
    },
    {
      name: 'a reliable contradiction outweighs an unreliable one',
      links: [
        link('ten', 'Wire', 'contradicts', 'A1', 'The sum was far smaller.'),
        link('two-half', 'Blog', 'contradicts', 'E5', 'The sum was far larger.'),
      ],
      ranks: ['two-half', 'ten'],
      inconsistency: [0.04, 1],
      top: 'Wire',
    },
    {
      name: 'the same passage linked twice to one claim: the contradiction is kept',
      links: [
        link('ten', 'Wire', 'supports', 'B2', 'Officials disagree on the sum.'),
        link('ten', 'Wire', 'contradicts', 'B2', 'Officials disagree on the sum.'),
      ],
      ranks: ['two-half', 'ten'],
      inconsistency: [0, 0.64],
      top: 'Wire',
    },
    {
      name: 'mentions count neither for nor against',
      links: [link('ten', 'Wire', 'mentions', 'A1', 'A ransom was discussed.')],
      ranks: ['ten', 'two-half'],
      inconsistency: [0, 0],
      top: 'Wire',
    },
    {
      name: 'evidence of a claim outside the matrix is ignored',
      links: [link('elsewhere', 'Wire', 'contradicts', 'A1', 'Another question.')],
      ranks: ['ten', 'two-half'],
      inconsistency: [0, 0],
      top: null,
    },
  ])('$name', ({ links, ranks, inconsistency, top }) => {
    const m = buildAch([TEN, TWO_AND_A_HALF], links);
    expect(m.hypotheses.map((h) => h.id)).toEqual(ranks);
    expect(m.hypotheses.map((h) => h.inconsistency)).toEqual(inconsistency);
    expect(m.rows[0]?.sourceName ?? null).toBe(top);
  });
});

describe('bounds', () => {
  it('keeps the first hypotheses and the most diagnostic rows, and says how many were left out', () => {
    const hypotheses = Array.from({ length: 5 }, (_, i) => ({
      ...TEN,
      id: `h${i}`,
      statement: `Claim ${i}`,
    }));
    const links = [
      link('h0', 'Weak', 'supports', 'E5', 'A weak hint.'),
      link('h0', 'Strong', 'supports', 'A1', 'A firm report.'),
      link('h1', 'Strong', 'contradicts', 'A1', 'A firm report.'),
      link('h4', 'Dropped', 'contradicts', 'A1', 'About a claim left out.'),
    ];
    const m = buildAch(hypotheses, links, { maxHypotheses: 3, maxRows: 1 });
    expect(m.hypotheses.map((h) => h.id)).toEqual(['h0', 'h2', 'h1']);
    expect(m.rows.map((r) => r.sourceName)).toEqual(['Strong']);
    expect(m.omitted).toEqual({ hypotheses: 2, rows: 1 });
  });

  it('builds the largest matrix the page shows, bounded to what it shows', () => {
    const hypotheses = Array.from({ length: 12 }, (_, i) => ({ ...TEN, id: `h${i}` }));
    const stances = STANCES;
    const links = Array.from({ length: ACH_MAX_LINKS }, (_, i) =>
      link(`h${i % 12}`, `source-${i % 400}`, stances[i % 4]!, 'B2', `Passage ${i % 700}`),
    );
    // (Its speed is not timed here: timed unit tests fail on a busy machine. The bound is structural.)
    const m = buildAch(hypotheses, links);
    expect(m.hypotheses).toHaveLength(12);
    expect(m.rows).toHaveLength(300);
    expect(m.omitted.rows).toBeGreaterThan(0);
  });
});
