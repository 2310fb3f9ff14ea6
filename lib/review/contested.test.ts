import { describe, expect, it } from 'vitest';
import type { Stance } from '../scales';
import {
  CONTESTED_REASON_LABELS,
  contestedByClaim,
  contestedReasons,
  quantitiesDisagree,
  sameUnit,
  type ContestClaimInput,
  type ContestQuantity,
} from './contested';

// A briefing on the 2020 Sahel hostage exchange. Times are days after 1 October 2020.
const DAY = 86_400_000;
const t = (day: number) => Date.UTC(2020, 9, 1) + day * DAY;

const RANSOM = { topicId: 'topic-ransom', topicQuestion: 'How much ransom was paid?' };
const PRISONERS = { topicId: 'topic-prisoners', topicQuestion: 'How many prisoners were released?' };

function claim(over: Partial<ContestClaimInput> & { id: string }): ContestClaimInput {
  return {
    statement: `Claim ${over.id}`,
    topicId: null,
    topicQuestion: null,
    quantity: null,
    alternativeOf: null,
    status: 'in_review',
    evidence: [],
    assessments: [],
    disputes: [],
    adjudicatedAt: null,
    quantityChangedAt: t(0),
    ...over,
  };
}

const eur = (min: number, max = min): ContestQuantity => ({ min, max, unit: 'EUR' });

const ransom25 = claim({
  id: 'ransom-2.5m',
  statement: 'A ransom of €2.5M was paid to JNIM',
  ...RANSOM,
  quantity: eur(2_500_000),
  quantityChangedAt: t(1),
});
const ransom10 = claim({
  id: 'ransom-10m',
  statement: 'Ransom of €10M',
  ...RANSOM,
  quantity: eur(10_000_000),
  quantityChangedAt: t(2),
});

const amadou = { userId: 'u-amadou', userName: 'Amadou Diallo' };
const claire = { userId: 'u-claire', userName: 'Claire Martin' };
const idrissa = { userId: 'u-idrissa', userName: 'Idrissa Touré' };

describe('sameUnit and quantitiesDisagree', () => {
  it.each([
    ['EUR', 'EUR', true],
    ['EUR', 'eur', true],
    [' EUR ', 'eur', true],
    ['', '', true],
    ['EUR', 'persons', false],
    ['EUR', '', false],
  ])('%j vs %j → %s', (a, b, same) => expect(sameUnit(a, b)).toBe(same));

  it.each([
    ['exact values that differ', eur(2_500_000), eur(10_000_000), true],
    ['equal exact values', eur(2_500_000), eur(2_500_000), false],
    ['ranges that do not overlap', eur(2_000_000, 3_000_000), eur(5_000_000, 10_000_000), true],
    ['ranges that overlap', eur(2_000_000, 6_000_000), eur(5_000_000, 10_000_000), false],
    ['ranges that touch', eur(2_500_000, 5_000_000), eur(5_000_000, 10_000_000), false],
    ['an exact value at a range’s edge', eur(10_000_000), eur(2_500_000, 10_000_000), false],
    ['an exact value inside a range', eur(5_000_000), eur(2_500_000, 10_000_000), false],
    ['an exact value above a range', eur(12_000_000), eur(2_500_000, 10_000_000), true],
    ['an exact value below a range', eur(1_000_000), eur(2_500_000, 10_000_000), true],
    ['units differing only in case and spaces', eur(2_500_000), { min: 1e7, max: 1e7, unit: ' eur' }, true],
    ['different units never compare', eur(206), { min: 300, max: 300, unit: 'persons' }, false],
    [
      'two quantities without a unit',
      { min: 206, max: 206, unit: '' },
      { min: 300, max: 300, unit: '' },
      true,
    ],
  ])('%s → %s', (_name, a, b, disagree) => {
    expect(quantitiesDisagree(a, b)).toBe(disagree);
    expect(quantitiesDisagree(b, a)).toBe(disagree);
  });
});

describe('competing values', () => {
  it('names the other claim’s value and the topic', () => {
    expect(contestedReasons(ransom25, [ransom25, ransom10])).toEqual([
      {
        kind: 'competing_values',
        key: 'competing_values',
        detail:
          'Competing values under “How much ransom was paid?”: 2,500,000 EUR here, 10,000,000 EUR in “Ransom of €10M”.',
        claimIds: ['ransom-10m'],
      },
    ]);
    expect(contestedReasons(ransom10, [ransom25, ransom10])[0]!.detail).toBe(
      'Competing values under “How much ransom was paid?”: 10,000,000 EUR here, 2,500,000 EUR in “A ransom of €2.5M was paid to JNIM”.',
    );
  });

  it('names every competing claim, and only those', () => {
    const range = claim({
      id: 'ransom-range',
      statement: 'Between €2M and €3M changed hands',
      ...RANSOM,
      quantity: eur(2_000_000, 3_000_000),
    });
    const huge = claim({
      id: 'ransom-30m',
      statement: 'A €30M payment',
      ...RANSOM,
      quantity: eur(30_000_000),
    });
    const [reason] = contestedReasons(ransom10, [ransom25, ransom10, range, huge]);
    expect(reason!.claimIds).toEqual(['ransom-2.5m', 'ransom-range', 'ransom-30m']);
    expect(reason!.detail).toBe(
      'Competing values under “How much ransom was paid?”: 10,000,000 EUR here, 2,500,000 EUR in “A ransom of €2.5M was paid to JNIM”, 2,000,000–3,000,000 EUR in “Between €2M and €3M changed hands”, 30,000,000 EUR in “A €30M payment”.',
    );
    // The range agrees with €2.5M: that claim competes with the €10M and €30M ones only.
    expect(contestedReasons(ransom25, [ransom25, ransom10, range, huge])[0]!.claimIds).toEqual([
      'ransom-10m',
      'ransom-30m',
    ]);
  });

  it('names the first five competing values (their ids in claimIds) and counts the rest', () => {
    // Eight desks each reported their own figure for the same ransom.
    const desks = [1, 2, 3, 4, 5, 6, 7].map((m) =>
      claim({
        id: `desk-${m}`,
        statement: `Desk ${m} heard of €${m * 20}M`,
        ...RANSOM,
        quantity: eur(m * 20_000_000),
      }),
    );
    const [reason] = contestedReasons(ransom10, [ransom10, ...desks]);
    expect(reason!.claimIds).toEqual(desks.slice(0, 5).map((d) => d.id));
    expect(reason!.detail).toBe(
      'Competing values under “How much ransom was paid?”: 10,000,000 EUR here, 20,000,000 EUR in “Desk 1 heard of €20M”, 40,000,000 EUR in “Desk 2 heard of €40M”, 60,000,000 EUR in “Desk 3 heard of €60M”, 80,000,000 EUR in “Desk 4 heard of €80M”, 100,000,000 EUR in “Desk 5 heard of €100M”, and 2 other claims.',
    );
    // One more than the sentence names: “1 other claim”.
    expect(contestedReasons(ransom10, [ransom10, ...desks.slice(0, 6)])[0]!.detail).toMatch(
      /“Desk 5 heard of €100M”, and 1 other claim\.$/,
    );
    // Exactly five: all named, nothing counted.
    expect(contestedReasons(ransom10, [ransom10, ...desks.slice(0, 5)])[0]!.detail).toMatch(
      /“Desk 5 heard of €100M”\.$/,
    );
  });

  it('says “this topic” when the question is unknown and shortens long statements', () => {
    const long = claim({
      id: 'long',
      statement:
        'According to a Malian official speaking on condition of anonymity, the sum handed over in Tessalit reached ten million euros',
      topicId: 'topic-ransom',
      topicQuestion: null,
      quantity: eur(10_000_000),
    });
    const short = { ...ransom25, topicQuestion: null };
    expect(contestedReasons(short, [long])[0]!.detail).toBe(
      'Competing values under this topic: 2,500,000 EUR here, 10,000,000 EUR in “According to a Malian official speaking on condition of anonymity, the sum…”.',
    );
  });

  it.each([
    ['the other claim is an alternative', ransom25, { ...ransom10, alternativeOf: 'ransom-2.5m' }],
    ['this claim is an alternative', { ...ransom25, alternativeOf: 'ransom-10m' }, ransom10],
    ['the other claim is rejected', ransom25, { ...ransom10, status: 'rejected' as const }],
    ['this claim is rejected', { ...ransom25, status: 'rejected' as const }, ransom10],
    ['the other claim has no quantity', ransom25, { ...ransom10, quantity: null }],
    ['the units differ', ransom25, { ...ransom10, quantity: { min: 10, max: 10, unit: 'million EUR' } }],
    ['the other claim is under another topic', ransom25, { ...ransom10, ...PRISONERS }],
    ['this claim has no topic', { ...ransom25, topicId: null }, { ...ransom10, topicId: null }],
    ['the values overlap', ransom25, { ...ransom10, quantity: eur(2_000_000, 10_000_000) }],
  ])('no competing values when %s', (_name, self, other) => {
    expect(contestedReasons(self, [self, other])).toEqual([]);
  });

  it('compares units trimmed and case-insensitively', () => {
    const lower = { ...ransom10, quantity: { min: 1e7, max: 1e7, unit: ' eur ' } };
    expect(contestedReasons(ransom25, [lower])[0]!.detail).toBe(
      'Competing values under “How much ransom was paid?”: 2,500,000 EUR here, 10,000,000 eur in “Ransom of €10M”.',
    );
  });

  it('lets a preferred claim compete with the remaining non-alternatives', () => {
    const alt = { ...ransom10, alternativeOf: 'ransom-2.5m' };
    const third = claim({
      id: 'ransom-5m',
      statement: 'Five million euros',
      ...RANSOM,
      quantity: eur(5_000_000),
    });
    expect(contestedReasons(ransom25, [ransom25, alt, third])[0]!.claimIds).toEqual(['ransom-5m']);
    expect(contestedReasons(alt, [ransom25, alt, third])).toEqual([]);
  });
});

describe('mixed evidence', () => {
  const ev = (stance: Stance, day = 3) => ({
    stance,
    createdAt: t(day),
  });

  it.each([
    [[ev('supports'), ev('contradicts')], 'Mixed evidence: 1 piece supports it, 1 piece contradicts it.'],
    [
      [ev('supports'), ev('supports'), ev('contradicts'), ev('mentions')],
      'Mixed evidence: 2 pieces support it, 1 piece contradicts it.',
    ],
    [
      [ev('contradicts'), ev('supports'), ev('contradicts'), ev('contradicts'), ev('qualifies')],
      'Mixed evidence: 1 piece supports it, 3 pieces contradict it.',
    ],
    [[ev('supports'), ev('supports')], null],
    [[ev('supports'), ev('qualifies')], null],
    [[ev('contradicts'), ev('mentions')], null],
    [[], null],
  ])('%j → %s', (evidence, detail) => {
    const c = claim({ id: 'prisoners-206', statement: 'Mali released 206 prisoners', evidence });
    expect(contestedReasons(c, [])).toEqual(
      detail ? [{ kind: 'mixed_evidence', key: 'mixed_evidence', detail }] : [],
    );
  });
});

describe('analysts disagree', () => {
  type A = ContestClaimInput['assessments'][number];
  const as = (
    who: { userId: string; userName: string },
    likelihood: A['likelihood'],
    confidence: A['confidence'],
    day = 3,
  ): A => ({
    ...who,
    likelihood,
    confidence,
    updatedAt: t(day),
  });

  it.each([
    [
      'two bands apart',
      [as(claire, 'unlikely', 'moderate'), as(amadou, 'likely', 'moderate')],
      'Analysts disagree on likelihood (two or more bands apart): Amadou Diallo rates it likely (55–80%) · moderate confidence; Claire Martin rates it unlikely (20–45%) · moderate confidence.',
    ],
    [
      'one band apart',
      [as(claire, 'roughly_even_chance', 'moderate'), as(amadou, 'likely', 'moderate')],
      null,
    ],
    ['the same judgment', [as(claire, 'likely', 'high'), as(amadou, 'likely', 'high')], null],
    [
      'names only those far apart',
      [
        as(claire, 'unlikely', 'moderate'),
        as(idrissa, 'roughly_even_chance', 'moderate'),
        as(amadou, 'likely', 'moderate'),
      ],
      'Analysts disagree on likelihood (two or more bands apart): Amadou Diallo rates it likely (55–80%) · moderate confidence; Claire Martin rates it unlikely (20–45%) · moderate confidence.',
    ],
    [
      'the ends of the scale',
      [as(amadou, 'almost_certain', 'moderate'), as(claire, 'almost_no_chance', 'moderate')],
      'Analysts disagree on likelihood (two or more bands apart): Amadou Diallo rates it almost certain (95–99%) · moderate confidence; Claire Martin rates it almost no chance (1–5%) · moderate confidence.',
    ],
    [
      'low and high confidence',
      [as(amadou, 'likely', 'high'), as(idrissa, 'likely', 'moderate'), as(claire, 'likely', 'low')],
      'Analysts disagree on confidence (low and high): Amadou Diallo rates it likely (55–80%) · high confidence; Claire Martin rates it likely (55–80%) · low confidence.',
    ],
    ['low and moderate confidence', [as(amadou, 'likely', 'moderate'), as(claire, 'likely', 'low')], null],
    [
      'both at once',
      [as(amadou, 'very_likely', 'high'), as(claire, 'unlikely', 'low')],
      'Analysts disagree on likelihood (two or more bands apart) and confidence (low and high): Amadou Diallo rates it very likely (80–95%) · high confidence; Claire Martin rates it unlikely (20–45%) · low confidence.',
    ],
    ['a single analyst', [as(amadou, 'very_likely', 'high')], null],
  ])('%s', (_name, assessments, detail) => {
    const c = claim({ id: 'negotiator', statement: 'The negotiator is an agent of Algeria', assessments });
    expect(contestedReasons(c, [])).toEqual(
      detail ? [{ kind: 'analysts_disagree', key: 'analysts_disagree', detail }] : [],
    );
  });
});

describe('disputed by a member', () => {
  it('gives one reason per open dispute, oldest first', () => {
    const c = claim({
      id: 'prisoners-206',
      statement: 'Mali released 206 prisoners',
      disputes: [
        { id: 'd2', userName: 'Idrissa Touré', reason: '  ', createdAt: t(5) },
        { id: 'd3', userName: 'Amadou Diallo', reason: 'Le Point says 180', createdAt: t(6) },
        {
          id: 'd1',
          userName: 'Claire Martin',
          reason: 'RFI counted 204; the 206 includes two who were never held.',
          createdAt: t(4),
        },
      ],
    });
    expect(contestedReasons(c, [])).toEqual([
      {
        kind: 'disputed',
        key: 'disputed:d1',
        detail: 'Disputed by Claire Martin: “RFI counted 204; the 206 includes two who were never held.”',
      },
      { kind: 'disputed', key: 'disputed:d2', detail: 'Disputed by Idrissa Touré (no reason given).' },
      { kind: 'disputed', key: 'disputed:d3', detail: 'Disputed by Amadou Diallo: “Le Point says 180”.' },
    ]);
  });
});

describe('combinations', () => {
  it('lists every reason in a fixed order', () => {
    const c = {
      ...ransom10,
      evidence: [
        { stance: 'supports' as const, createdAt: t(3) },
        { stance: 'contradicts' as const, createdAt: t(4) },
      ],
      assessments: [
        { ...amadou, likelihood: 'very_likely' as const, confidence: 'moderate' as const, updatedAt: t(3) },
        { ...claire, likelihood: 'unlikely' as const, confidence: 'moderate' as const, updatedAt: t(3) },
      ],
      disputes: [
        { id: 'd1', userName: 'Claire Martin', reason: 'Single anonymous source.', createdAt: t(4) },
      ],
    };
    expect(contestedReasons(c, [ransom25, c]).map((r) => r.key)).toEqual([
      'competing_values',
      'mixed_evidence',
      'analysts_disagree',
      'disputed:d1',
    ]);
  });

  it('finds nothing for a lone uncontested claim', () => {
    const lone = claim({
      id: 'prisoners-206',
      statement: 'Mali released 206 prisoners',
      ...PRISONERS,
      quantity: { min: 206, max: 206, unit: 'persons' },
      evidence: [
        { stance: 'supports', createdAt: t(2) },
        { stance: 'qualifies', createdAt: t(3) },
      ],
      assessments: [
        { ...amadou, likelihood: 'very_likely', confidence: 'high', updatedAt: t(3) },
        { ...claire, likelihood: 'likely', confidence: 'moderate', updatedAt: t(3) },
      ],
    });
    expect(contestedReasons(lone, [lone])).toEqual([]);
  });
});

describe('adjudication', () => {
  const mixed = claim({
    id: 'prisoners-206',
    statement: 'Mali released 206 prisoners',
    evidence: [
      { stance: 'supports', createdAt: t(2) },
      { stance: 'contradicts', createdAt: t(3) },
    ],
  });

  it.each([
    ['before the newest evidence: still contested', t(2), ['mixed_evidence']],
    ['at the same time as the newest evidence: suppressed', t(3), []],
    ['after the newest evidence: suppressed', t(4), []],
  ])('adjudicated %s', (_name, adjudicatedAt, keys) => {
    expect(contestedReasons({ ...mixed, adjudicatedAt }, []).map((r) => r.key)).toEqual(keys);
  });

  it('brings mixed evidence back with new supporting or contradicting evidence, not with a mention', () => {
    const adjudicated = { ...mixed, adjudicatedAt: t(4) };
    const mention = {
      ...adjudicated,
      evidence: [...mixed.evidence, { stance: 'mentions' as const, createdAt: t(5) }],
    };
    const contra = {
      ...adjudicated,
      evidence: [...mixed.evidence, { stance: 'contradicts' as const, createdAt: t(5) }],
    };
    expect(contestedReasons(mention, [])).toEqual([]);
    expect(contestedReasons(contra, [])[0]!.detail).toBe(
      'Mixed evidence: 1 piece supports it, 2 pieces contradict it.',
    );
  });

  it('brings competing values back with a new competing claim or an edited quantity', () => {
    const adjudicated = { ...ransom25, adjudicatedAt: t(3) };
    expect(contestedReasons(adjudicated, [adjudicated, ransom10])).toEqual([]);

    const newcomer = claim({
      id: 'ransom-30m',
      statement: 'A €30M payment',
      ...RANSOM,
      quantity: eur(30_000_000),
      quantityChangedAt: t(6),
    });
    const back = contestedReasons(adjudicated, [adjudicated, ransom10, newcomer]);
    expect(back.map((r) => r.claimIds)).toEqual([['ransom-10m', 'ransom-30m']]);

    const edited = { ...ransom10, quantity: eur(12_000_000), quantityChangedAt: t(6) };
    expect(contestedReasons(adjudicated, [edited])[0]!.claimIds).toEqual(['ransom-10m']);

    // Edited into agreement: the reason no longer holds, whatever the adjudication.
    const agreed = { ...ransom10, quantity: eur(2_500_000), quantityChangedAt: t(6) };
    expect(contestedReasons(adjudicated, [agreed])).toEqual([]);
  });

  it('brings a disagreement back only when an involved analyst changes their assessment', () => {
    const base = claim({
      id: 'negotiator',
      statement: 'The negotiator is an agent of Algeria',
      adjudicatedAt: t(4),
      assessments: [
        { ...amadou, likelihood: 'likely', confidence: 'moderate', updatedAt: t(2) },
        { ...claire, likelihood: 'unlikely', confidence: 'moderate', updatedAt: t(3) },
        { ...idrissa, likelihood: 'roughly_even_chance', confidence: 'moderate', updatedAt: t(3) },
      ],
    });
    expect(contestedReasons(base, [])).toEqual([]);

    const uninvolved = structuredClone(base);
    uninvolved.assessments[2]!.updatedAt = t(6); // Idrissa re-confirms "roughly even chance"
    expect(contestedReasons(uninvolved, [])).toEqual([]);

    const stillApart = structuredClone(base);
    stillApart.assessments[1]!.updatedAt = t(6); // Claire re-rates, still "unlikely"
    expect(contestedReasons(stillApart, []).map((r) => r.key)).toEqual(['analysts_disagree']);

    const converged = structuredClone(base);
    converged.assessments[1] = { ...claire, likelihood: 'likely', confidence: 'moderate', updatedAt: t(6) };
    expect(contestedReasons(converged, [])).toEqual([]);
  });

  it('keeps only the disputes raised after the adjudication', () => {
    const c = claim({
      id: 'ransom-10m',
      adjudicatedAt: t(4),
      disputes: [
        { id: 'old', userName: 'Claire Martin', reason: 'Single anonymous source.', createdAt: t(3) },
        { id: 'new', userName: 'Idrissa Touré', reason: 'Le Point retracted the figure.', createdAt: t(5) },
      ],
    });
    expect(contestedReasons(c, []).map((r) => r.key)).toEqual(['disputed:new']);
  });

  it('suppresses each reason on its own facts', () => {
    const c = {
      ...ransom10,
      adjudicatedAt: t(4),
      evidence: [
        { stance: 'supports' as const, createdAt: t(3) },
        { stance: 'contradicts' as const, createdAt: t(5) },
      ],
    };
    // Both quantities changed before the adjudication; the contradicting evidence came after it.
    expect(contestedReasons(c, [ransom25, c]).map((r) => r.key)).toEqual(['mixed_evidence']);
  });
});

describe('contestedByClaim', () => {
  it('groups by topic and returns only the contested claims', () => {
    const prisoners206 = claim({
      id: 'prisoners-206',
      statement: 'Mali released 206 prisoners',
      ...PRISONERS,
      quantity: { min: 206, max: 206, unit: 'persons' },
    });
    const prisonersRange = claim({
      id: 'prisoners-range',
      statement: 'Between 180 and 206 detainees were freed',
      ...PRISONERS,
      quantity: { min: 180, max: 206, unit: 'Persons' },
    });
    // Same value as the €10M claim but under another topic: does not compete with the ransom claims.
    const budget = claim({
      id: 'budget',
      statement: 'The mediation budget was €10M',
      topicId: 'topic-budget',
      topicQuestion: 'What did the mediation cost?',
      quantity: eur(10_000_000),
    });
    const unfiled = claim({
      id: 'unfiled',
      statement: 'The exchange was negotiated in Kidal',
      disputes: [{ id: 'd9', userName: 'Claire Martin', reason: 'Tessalit, per RFI.', createdAt: t(2) }],
    });
    const result = contestedByClaim([ransom25, prisoners206, budget, ransom10, prisonersRange, unfiled]);
    expect([...result.keys()]).toEqual(['ransom-2.5m', 'ransom-10m', 'unfiled']);
    expect(result.get('ransom-2.5m')!.map((r) => r.claimIds)).toEqual([['ransom-10m']]);
    expect(result.get('ransom-10m')!.map((r) => r.claimIds)).toEqual([['ransom-2.5m']]);
    expect(result.get('unfiled')!.map((r) => r.key)).toEqual(['disputed:d9']);
  });

  it('returns an empty map when nothing is contested', () => {
    expect(contestedByClaim([]).size).toBe(0);
    expect(contestedByClaim([ransom25]).size).toBe(0);
  });
});

describe('CONTESTED_REASON_LABELS', () => {
  it('uses the wording of the product', () => {
    expect(CONTESTED_REASON_LABELS).toEqual({
      competing_values: 'competing values',
      mixed_evidence: 'mixed evidence',
      analysts_disagree: 'analysts disagree',
      disputed: 'disputed by a member',
    });
  });
});
