import { describe, expect, it } from 'vitest';
import { adjudicationSchema, disputeSchema, queueFiltersSchema } from './inputs';

describe('adjudicationSchema', () => {
  it.each([
    [{ outcome: 'accepted', rationale: 'Three outlets agree on 206.', version: 2 }, true],
    [{ outcome: 'accepted', rationale: '   ', version: 2 }, 'Write the rationale for this decision.'],
    [{ outcome: 'accepted', version: 2 }, 'Write the rationale for this decision.'],
    [{ outcome: 'maybe', rationale: 'x', version: 2 }, 'Choose accepted, rejected or disputed.'],
    [
      { outcome: 'rejected', rationale: 'x'.repeat(5001), version: 1 },
      'Keep the rationale under 5,000 characters.',
    ],
    [
      { outcome: 'rejected', rationale: 'No second source.' },
      'The claim’s version is missing; reload the page.',
    ],
    [{ outcome: 'accepted', rationale: 'x', version: 1, likelihood: 'likely', confidence: 'moderate' }, true],
    [
      { outcome: 'rejected', rationale: 'x', version: 1, likelihood: 'unlikely', confidence: null },
      "Record the team's confidence too: a judgment needs both.",
    ],
    [
      { outcome: 'rejected', rationale: 'x', version: 1, confidence: 'low' },
      "Record the team's likelihood too: a judgment needs both.",
    ],
    [
      { outcome: 'accepted', rationale: 'x', version: 1, likelihood: 'probable', confidence: 'low' },
      'Choose a likelihood from the scale.',
    ],
    [
      { outcome: 'accepted', rationale: 'x', version: 1, likelihood: 'likely', confidence: 'certain' },
      'Choose low, moderate or high confidence.',
    ],
    [
      { outcome: 'disputed', rationale: 'x', version: 1, likelihood: 'likely', confidence: 'low' },
      "A claim kept disputed has no settled judgment yet: leave the team's judgment empty.",
    ],
    [
      {
        outcome: 'disputed',
        rationale: 'x',
        version: 1,
        preferredClaimId: 'c2',
        likelihood: 'likely',
        confidence: 'low',
      },
      true,
    ],
  ])('%j → %s', (input, expected) => {
    const parsed = adjudicationSchema.safeParse(input);
    if (expected === true) expect(parsed.success).toBe(true);
    else expect(parsed.error?.issues[0]?.message).toBe(expected);
  });

  it('trims the rationale and defaults the preferred claim to none', () => {
    const parsed = adjudicationSchema.parse({
      outcome: 'disputed',
      rationale: '  Unverified.  ',
      version: 3,
    });
    expect(parsed).toEqual({
      outcome: 'disputed',
      rationale: 'Unverified.',
      preferredClaimId: null,
      likelihood: null,
      confidence: null,
      version: 3,
    });
  });
});

describe('disputeSchema', () => {
  it.each([
    [{ reason: 'The €10M figure comes from one unnamed official.' }, true],
    [{ reason: '' }, false],
    [{}, false],
  ])('%j → %s', (input, ok) => expect(disputeSchema.safeParse(input).success).toBe(ok));
});

describe('queueFiltersSchema', () => {
  it('keeps known filters and drops unknown reasons instead of failing the page', () => {
    expect(queueFiltersSchema.parse({ reason: 'analysts_disagree', assignee: 'me' })).toEqual({
      reason: 'analysts_disagree',
      assignee: 'me',
    });
    expect(queueFiltersSchema.parse({ reason: 'bogus' })).toEqual({});
  });
});
