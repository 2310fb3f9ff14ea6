/**
 * Blind assessments. When a workspace makes assessments blind, an analyst sees the others'
 * assessments of a claim only after recording their own, so the first judgment they write is not
 * anchored by their colleagues'. Members who may not record assessments (viewers) see them all:
 * they cannot be anchored by what they will never rate. An analyst's own assessment is always
 * visible to them. Not blind: everyone sees everything.
 *
 * Apply this in the presenter for every response that carries assessments (claim page, review
 * queue, exports made by an assessing member), not only in the UI.
 */
import { can, type Role } from '../permissions';

export function canSeeOthersAssessments(input: {
  blind: boolean;
  role: Role;
  hasOwnAssessment: boolean;
}): boolean {
  if (!input.blind) return true;
  if (!can(input.role, 'assessment.write')) return true;
  return input.hasOwnAssessment;
}

export function visibleAssessments<T extends { userId: string }>(
  all: T[],
  viewer: { userId: string; role: Role; blind: boolean },
): { visible: T[]; hiddenCount: number } {
  const hasOwnAssessment = all.some((a) => a.userId === viewer.userId);
  if (canSeeOthersAssessments({ blind: viewer.blind, role: viewer.role, hasOwnAssessment }))
    return { visible: all, hiddenCount: 0 };
  const visible = all.filter((a) => a.userId === viewer.userId);
  return { visible, hiddenCount: all.length - visible.length };
}

/**
 * A decision records the team's judgment (likelihood and confidence) with it: under blind
 * assessments it anchors like an assessment does, so a member who may not see the others'
 * assessments of the claim yet does not see it either. The decision itself (outcome, rationale)
 * stays visible.
 */
export function withoutJudgment<T extends Record<string, unknown> | null>(details: T): T {
  if (!details || !('likelihood' in details || 'confidence' in details)) return details;
  const { likelihood: _likelihood, confidence: _confidence, ...rest } = details;
  return rest as T;
}

/** Whether an audit event carries an analyst's or the team's judgment of its claim. */
export function carriesJudgment(action: string, details: Record<string, unknown> | null): boolean {
  if (action === 'assessment.create' || action === 'assessment.update') return true;
  return action === 'claim.adjudicate' && !!details && typeof details.likelihood === 'string';
}
