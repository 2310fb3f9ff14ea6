import { describe, expect, it } from 'vitest';
import type { Role } from '../permissions';
import { canSeeOthersAssessments, carriesJudgment, visibleAssessments, withoutJudgment } from './visibility';

describe('canSeeOthersAssessments', () => {
  it.each([
    // blind, role, has own assessment → may see the others'
    [false, 'owner', false, true],
    [false, 'reviewer', false, true],
    [false, 'editor', false, true],
    [false, 'viewer', false, true],
    [false, 'editor', true, true],
    [true, 'owner', false, false],
    [true, 'reviewer', false, false],
    [true, 'editor', false, false],
    [true, 'owner', true, true],
    [true, 'reviewer', true, true],
    [true, 'editor', true, true],
    [true, 'viewer', false, true],
    [true, 'viewer', true, true],
  ] as [boolean, Role, boolean, boolean][])(
    'blind=%s, %s, own assessment=%s → %s',
    (blind, role, hasOwnAssessment, expected) =>
      expect(canSeeOthersAssessments({ blind, role, hasOwnAssessment })).toBe(expected),
  );
});

describe('visibleAssessments', () => {
  // Assessments of "Mali released 206 prisoners".
  const amadou = { userId: 'amadou', likelihood: 'very_likely', confidence: 'moderate' };
  const claire = { userId: 'claire', likelihood: 'likely', confidence: 'high' };
  const idrissa = { userId: 'idrissa', likelihood: 'unlikely', confidence: 'low' };
  const all = [amadou, claire, idrissa];

  it.each([
    ['open workspace: an editor sees all', 'fatou', 'editor', false, all, [amadou, claire, idrissa], 0],
    ['blind: an editor who has not assessed sees nothing', 'fatou', 'editor', true, all, [], 3],
    ['blind: an editor who has assessed sees all', 'claire', 'editor', true, all, all, 0],
    ['blind: a reviewer who has assessed sees all', 'idrissa', 'reviewer', true, all, all, 0],
    ['blind: an owner who has not assessed sees nothing', 'owner-1', 'owner', true, all, [], 3],
    ['blind: a viewer sees all', 'guest', 'viewer', true, all, all, 0],
    ['blind: no assessments yet', 'fatou', 'editor', true, [], [], 0],
    ['blind: only one’s own assessment', 'amadou', 'editor', true, [amadou], [amadou], 0],
  ] as [string, string, Role, boolean, typeof all, typeof all, number][])(
    '%s',
    (_name, userId, role, blind, input, visible, hiddenCount) =>
      expect(visibleAssessments(input, { userId, role, blind })).toEqual({ visible, hiddenCount }),
  );

  it('returns the caller’s own rows, untouched and in order', () => {
    const rows = [claire, amadou, idrissa];
    const { visible } = visibleAssessments(rows, { userId: 'amadou', role: 'editor', blind: true });
    expect(visible).toEqual(rows);
    expect(visible[1]).toBe(amadou);
  });
});

describe('a decision’s judgment under blind assessments', () => {
  const decided = {
    from: 'in_review',
    to: 'accepted',
    rationale: 'Two outlets agree.',
    likelihood: 'likely',
    confidence: 'high',
  };
  it.each([
    ['assessment.create', { after: { likelihood: 'likely' } }, true],
    ['assessment.update', null, true],
    ['claim.adjudicate', decided, true],
    ['claim.adjudicate', { from: 'in_review', to: 'disputed', rationale: 'Wait.' }, false],
    ['claim.adjudicate', null, false],
    ['claim.alternative', { preferredClaimId: 'c-2' }, false],
    ['claim.update', { likelihood: 'likely' }, false],
  ] as const)('%s %j carries a judgment: %s', (action, details, expected) => {
    expect(carriesJudgment(action, details as Record<string, unknown> | null)).toBe(expected);
  });

  it('keeps the decision and drops only the judgment', () => {
    expect(withoutJudgment(decided)).toEqual({
      from: 'in_review',
      to: 'accepted',
      rationale: 'Two outlets agree.',
    });
    expect(withoutJudgment({ to: 'rejected' })).toEqual({ to: 'rejected' });
    expect(withoutJudgment(null)).toBeNull();
  });
});
