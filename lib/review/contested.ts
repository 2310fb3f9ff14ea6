/**
 * The contested-claim rules. A claim is contested when at least one of these reasons holds, and
 * each reason is spelled out for the analysts:
 *
 * 1. competing values — another claim under the same topic gives a quantity that disagrees with
 *    this one: ranges that do not overlap, exact values that differ, an exact value outside the
 *    other's range (ranges that touch, 2–5 and 5–10, overlap). Quantities compare only in the same
 *    unit (trimmed, case-insensitive: "EUR" = " eur"; "EUR" and "persons" never compare; two
 *    quantities without a unit compare). Rejected claims and alternatives (a reviewer preferred
 *    another claim of the topic) do not compete, neither as this claim nor as the other one.
 *    One reason per claim, naming every competing claim.
 * 2. mixed evidence — evidence that supports it and evidence that contradicts it.
 * 3. analysts disagree — two assessments two or more likelihood bands apart (likely vs unlikely),
 *    or one with low and one with high confidence. Names who said what.
 * 4. disputed — each open dispute a member raised, with its reason.
 *
 * A claim stops being contested only by adjudication or when the reason no longer holds. Every
 * reason has a newest underlying fact; when that fact is not newer than the claim's last
 * adjudication (`adjudicatedAt`), the reviewer has already weighed it and the reason is suppressed.
 * A new fact after the adjudication brings the reason back:
 * - competing values: the newest `quantityChangedAt` among this claim and the competing ones (a new
 *   competing claim, or an edited quantity or topic);
 * - mixed evidence: the newest `createdAt` among the supporting and contradicting evidence
 *   (qualifying or mentioning evidence does not revive it);
 * - analysts disagree: the newest `updatedAt` among the assessments involved in the disagreement;
 * - a dispute: its `createdAt`.
 * The rules read only what they are given: callers pass the time a fact took its current form
 * (e.g. bump `quantityChangedAt` when a claim leaves the rejected status if that should revive it).
 */
import { formatQuantity } from '../quantity';
import { assessmentLabel, likelihoodRank, type Confidence, type Likelihood, type Stance } from '../scales';
import type { ClaimStatus } from '../vocabulary';

/** The reasons a claim is contested (stored in `claims.contested`, a JSON array). */
export const CONTESTED_REASON_KINDS = [
  'competing_values',
  'mixed_evidence',
  'analysts_disagree',
  'disputed',
] as const;
export type ContestedReasonKind = (typeof CONTESTED_REASON_KINDS)[number];

export const CONTESTED_REASON_LABELS: Record<ContestedReasonKind, string> = {
  competing_values: 'competing values',
  mixed_evidence: 'mixed evidence',
  analysts_disagree: 'analysts disagree',
  disputed: 'disputed by a member',
};

export interface ContestedReason {
  kind: ContestedReasonKind;
  /** stable key: 'competing_values', 'mixed_evidence', 'analysts_disagree' or 'disputed:<disputeId>' */
  key: string;
  /** one sentence for analysts */
  detail: string;
  /** ids of the other claims the sentence names (competing values only; at most COMPETING_VALUES_NAMED) */
  claimIds?: string[];
}

export interface ContestQuantity {
  min: number;
  max: number;
  unit: string;
}

export interface ContestClaimInput {
  id: string;
  statement: string;
  topicId: string | null;
  topicQuestion: string | null;
  quantity: ContestQuantity | null;
  /** set when a reviewer picked another claim of the topic as preferred: this claim is an alternative */
  alternativeOf: string | null;
  status: ClaimStatus;
  evidence: { stance: Stance; createdAt: number }[];
  assessments: {
    userId: string;
    userName: string;
    likelihood: Likelihood;
    confidence: Confidence;
    updatedAt: number;
  }[];
  /** open disputes raised by members (status "disputed" with a reason) */
  disputes: { id: string; userName: string; reason: string; createdAt: number }[];
  /** time (ms) of the last adjudication of this claim, or null */
  adjudicatedAt: number | null;
  /** time (ms) the claim's quantity or topic last changed */
  quantityChangedAt: number;
}

/** Units compare trimmed and case-insensitively. */
export function sameUnit(a: string, b: string): boolean {
  return normalUnit(a) === normalUnit(b);
}

const normalUnit = (unit: string) => unit.trim().toLowerCase();

/** Two quantities in the same unit disagree when their ranges do not overlap (touching ranges overlap). */
export function quantitiesDisagree(a: ContestQuantity, b: ContestQuantity): boolean {
  return (a.max < b.min || b.max < a.min) && unitKey(a) === unitKey(b);
}

/*
 * A write in a topic of n claims compares n² pairs and names up to five others in each of n
 * sentences: each quantity's unit key and text, and each statement's quote, are computed once
 * (per quantity object: a write builds its inputs afresh) rather than once per pair or sentence.
 */
const unitKeys = new WeakMap<ContestQuantity, string>();
const amounts = new WeakMap<ContestQuantity, string>();
const quotes = new Map<string, string>();
const QUOTES_KEPT = 2_000;

function unitKey(q: ContestQuantity): string {
  let key = unitKeys.get(q);
  if (key === undefined) unitKeys.set(q, (key = normalUnit(q.unit)));
  return key;
}

function competes(c: ContestClaimInput): c is ContestClaimInput & { quantity: ContestQuantity } {
  return c.quantity !== null && c.topicId !== null && c.alternativeOf === null && c.status !== 'rejected';
}

/** A statement or reason in quotes, shortened at a word boundary past 80 characters. */
function quote(text: string): string {
  const kept = quotes.get(text);
  if (kept !== undefined) return kept;
  const s = text.trim().replace(/\s+/g, ' ');
  const cut = s.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  const quoted =
    s.length <= 80 ? `“${s}”` : `“${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…”`;
  if (quotes.size >= QUOTES_KEPT) quotes.clear();
  quotes.set(text, quoted);
  return quoted;
}

/** "10,000,000 EUR", with the unit as typed but trimmed. */
function amount(q: ContestQuantity): string {
  let text = amounts.get(q);
  if (text === undefined) amounts.set(q, (text = formatQuantity({ ...q, unit: q.unit.trim() })));
  return text;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Is this reason still open, given the claim's last adjudication? */
function open(newestFact: number, adjudicatedAt: number | null): boolean {
  return adjudicatedAt === null || newestFact > adjudicatedAt;
}

/**
 * How many competing values the sentence names; past it, the others are counted ("and 12 other
 * claims"), and `claimIds` holds the named ones. This keeps each sentence short for the analyst
 * and a write in a large topic linear: a sibling's stored reason stays small, and changes only
 * when the claims it names or the count change.
 */
export const COMPETING_VALUES_NAMED = 5;

/**
 * The competing-values reason of `claim` among `siblings` (the claims of its topic; others are
 * ignored), or null. It reads only the claims' own columns: a write elsewhere in the topic can
 * change this reason of a sibling and no other.
 */
export function competingValues(
  claim: ContestClaimInput,
  siblings: ContestClaimInput[],
): ContestedReason | null {
  if (!competes(claim)) return null;
  const others = siblings.filter(
    (s): s is ContestClaimInput & { quantity: ContestQuantity } =>
      s.id !== claim.id &&
      s.topicId === claim.topicId &&
      competes(s) &&
      quantitiesDisagree(claim.quantity, s.quantity),
  );
  if (others.length === 0) return null;
  const newest = Math.max(claim.quantityChangedAt, ...others.map((o) => o.quantityChangedAt));
  if (!open(newest, claim.adjudicatedAt)) return null;
  const topic = claim.topicQuestion?.trim() ? quote(claim.topicQuestion) : 'this topic';
  const named = others.slice(0, COMPETING_VALUES_NAMED);
  const values = named.map((o) => `${amount(o.quantity)} in ${quote(o.statement)}`);
  const more = others.length - values.length;
  const rest = more ? `, and ${plural(more, 'other claim', 'other claims')}` : '';
  return {
    kind: 'competing_values',
    key: 'competing_values',
    detail: `Competing values under ${topic}: ${amount(claim.quantity)} here, ${values.join(', ')}${rest}.`,
    claimIds: named.map((o) => o.id),
  };
}

function mixedEvidence(claim: ContestClaimInput): ContestedReason | null {
  const relevant = claim.evidence.filter((e) => e.stance === 'supports' || e.stance === 'contradicts');
  const supports = relevant.filter((e) => e.stance === 'supports').length;
  const contradicts = relevant.length - supports;
  if (supports === 0 || contradicts === 0) return null;
  if (!open(Math.max(...relevant.map((e) => e.createdAt)), claim.adjudicatedAt)) return null;
  return {
    kind: 'mixed_evidence',
    key: 'mixed_evidence',
    detail: `Mixed evidence: ${plural(supports, 'piece supports', 'pieces support')} it, ${plural(
      contradicts,
      'piece contradicts',
      'pieces contradict',
    )} it.`,
  };
}

function analystsDisagree(claim: ContestClaimInput): ContestedReason | null {
  const all = claim.assessments;
  if (all.length < 2) return null;
  const ranks = all.map((a) => likelihoodRank(a.likelihood));
  const lo = Math.min(...ranks);
  const hi = Math.max(...ranks);
  const onLikelihood = hi - lo >= 2 ? all.filter((_, i) => ranks[i]! >= lo + 2 || ranks[i]! <= hi - 2) : [];
  const confidences = new Set(all.map((a) => a.confidence));
  const onConfidence =
    confidences.has('low') && confidences.has('high') ? all.filter((a) => a.confidence !== 'moderate') : [];
  const involved = all
    .filter((a) => onLikelihood.includes(a) || onConfidence.includes(a))
    .sort((a, b) => likelihoodRank(b.likelihood) - likelihoodRank(a.likelihood));
  if (involved.length === 0) return null;
  if (!open(Math.max(...involved.map((a) => a.updatedAt)), claim.adjudicatedAt)) return null;
  const on = [
    onLikelihood.length ? 'likelihood (two or more bands apart)' : null,
    onConfidence.length ? 'confidence (low and high)' : null,
  ].filter(Boolean);
  const who = involved.map((a) => `${a.userName} rates it ${assessmentLabel(a.likelihood, a.confidence)}`);
  return {
    kind: 'analysts_disagree',
    key: 'analysts_disagree',
    detail: `Analysts disagree on ${on.join(' and ')}: ${who.join('; ')}.`,
  };
}

function disputes(claim: ContestClaimInput): ContestedReason[] {
  return claim.disputes
    .filter((d) => open(d.createdAt, claim.adjudicatedAt))
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((d): ContestedReason => {
      const reason = d.reason.trim();
      return {
        kind: 'disputed',
        key: `disputed:${d.id}`,
        detail: reason
          ? `Disputed by ${d.userName}: ${quote(reason)}${/[.!?…]$/.test(reason) ? '' : '.'}`
          : `Disputed by ${d.userName} (no reason given).`,
      };
    });
}

/**
 * Why a claim is contested, in a fixed order: competing values, mixed evidence, analysts disagree,
 * then disputes oldest first. `topicSiblings` are the claims of its topic (the claim itself may be
 * among them; claims of other topics are ignored). An empty list: not contested.
 */
export function contestedReasons(
  claim: ContestClaimInput,
  topicSiblings: ContestClaimInput[],
): ContestedReason[] {
  return [
    competingValues(claim, topicSiblings),
    mixedEvidence(claim),
    analystsDisagree(claim),
    ...disputes(claim),
  ].filter((r): r is ContestedReason => r !== null);
}

/** The reasons of every contested claim (uncontested claims are absent), grouping the claims by topic. */
export function contestedByClaim(claims: ContestClaimInput[]): Map<string, ContestedReason[]> {
  const byTopic = new Map<string, ContestClaimInput[]>();
  for (const c of claims) {
    if (c.topicId === null) continue;
    const group = byTopic.get(c.topicId);
    if (group) group.push(c);
    else byTopic.set(c.topicId, [c]);
  }
  const out = new Map<string, ContestedReason[]>();
  for (const c of claims) {
    const reasons = contestedReasons(c, c.topicId === null ? [] : byTopic.get(c.topicId)!);
    if (reasons.length) out.set(c.id, reasons);
  }
  return out;
}
