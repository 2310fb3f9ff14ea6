/**
 * Finds a passage in a (possibly changed) text from its selectors, from cheap to expensive, and
 * never guesses:
 *
 *   1. the expected position still holds the exact quote            → exact
 *   2. the exact quote elsewhere, chosen by its context and distance  → exact (or fuzzy when its
 *      context no longer matches, and then only near the expected position)
 *   3. the stored context on both sides, near the expected position, around the quote with one
 *      insertion inside it (a word added to a short quote)            → fuzzy
 *   4. an approximate match (approx-string-match) inside a window around the expected position,
 *      scored on quote, prefix, suffix and distance (as the Hypothesis client does) → fuzzy
 *   5. the stored context bracketing a passage at most half changed   → fuzzy
 *   6. nothing good enough                                            → orphaned
 *
 * A look-alike passage is not taken: a candidate needs a quote at most 25% different AND matching
 * context; context that does not match vetoes any candidate away from the expected place, however
 * exact its quote; and when several candidates score alike the anchor is orphaned rather than
 * moved to one of them at random.
 *
 * The cost is bounded whatever the passage: an approximate search costs the window times the
 * quote, so quotes longer than `FUZZY_QUOTE_MAX` are not searched approximately (step 4 finds them
 * by their first and last words instead), every edit distance is computed in a band of at most
 * `MAX_EDIT_BAND` errors after dropping the common start and end, and the search window is capped.
 * A caller with a time budget (./reanchor.ts) can turn steps 3 to 5 off (`fuzzy: false`).
 */
import search from 'approx-string-match';
import type { AnchorStatus } from '../vocabulary';
import type { TextQuoteSelector } from './selectors';

export type { AnchorStatus };

export interface AnchorResult {
  status: AnchorStatus;
  start: number | null;
  end: number | null;
  /** 1 for exact; the match score (0–1) for fuzzy; 0 for orphaned. */
  score: number;
}

export interface AnchorHint {
  /** Where the passage is expected to start in the text (e.g. its mapped old position). */
  expectedStart: number;
  /** True when the text at the expected position was not changed by the edit. */
  positionTrusted?: boolean;
  /** Where to look for approximate matches; defaults to a window around `expectedStart`. */
  window?: { start: number; end: number };
  /** False: only exact matches (steps 1 and 2); what they do not find is orphaned. */
  fuzzy?: boolean;
}

/** Below these, a candidate is not the same passage. */
export const MIN_QUOTE_SIMILARITY = 0.75;
export const MIN_CONTEXT_SIMILARITY = 0.5;
/** A quote changed more than that is still found when its context on both sides pins it. */
export const MIN_QUOTE_SIMILARITY_WITH_CONTEXT = 0.5;
export const STRONG_CONTEXT = 0.8;
/** Two candidates closer than this in score are ambiguous. */
const AMBIGUITY_MARGIN = 0.05;
const MAX_EXACT_CANDIDATES = 2000;
/** Longer quotes are found exactly, or by their edges: never by an approximate search. */
export const FUZZY_QUOTE_MAX = 1_000;
/** No edit distance is computed beyond this many errors: more is "too different". */
export const MAX_EDIT_BAND = 512;
/** The approximate search looks at most this far around the expected place. */
const MAX_WINDOW = 64 * 1024;
/** The first and last characters of a long quote, by which it is found when its middle changed. */
const EDGE = 64;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/** Similarity (0–1) of `str` to the best approximate occurrence inside `text`. */
function similarity(text: string, str: string): number {
  if (str.length === 0) return 1;
  if (text.length === 0) return 0;
  if (text.includes(str)) return 1;
  const matches = search(text, str, str.length);
  if (matches.length === 0) return 0;
  return 1 - Math.min(...matches.map((m) => m.errors)) / str.length;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Scored extends Candidate {
  quoteScore: number;
  prefixScore: number;
  suffixScore: number;
  contextScore: number;
  score: number;
}

function scoreCandidate(text: string, quote: TextQuoteSelector, c: Candidate, expected: number): Scored {
  const quoteScore = 1 - c.errors / Math.max(1, quote.exact.length);
  // Context is compared with some slack, since insertions around the quote shift it.
  const slack = 8;
  const prefixScore = similarity(
    text.slice(Math.max(0, c.start - quote.prefix.length - slack), c.start),
    quote.prefix,
  );
  const suffixScore = similarity(text.slice(c.end, c.end + quote.suffix.length + slack), quote.suffix);
  const hasContext = quote.prefix.length + quote.suffix.length > 0;
  const contextScore = hasContext
    ? (prefixScore * quote.prefix.length + suffixScore * quote.suffix.length) /
      (quote.prefix.length + quote.suffix.length)
    : 1;
  const positionScore = 1 - Math.min(1, Math.abs(c.start - expected) / Math.max(1, text.length));
  const score =
    (WEIGHTS.quote * quoteScore +
      WEIGHTS.prefix * prefixScore +
      WEIGHTS.suffix * suffixScore +
      WEIGHTS.position * positionScore) /
    TOTAL_WEIGHT;
  return { ...c, quoteScore, prefixScore, suffixScore, contextScore, score };
}

/**
 * Edit distance between two strings when it is at most `max`, else null. The common start and end
 * are dropped first (a small edit in a long passage leaves little to compare), then the dynamic
 * programming runs in a band of ±`max` around the diagonal and stops as soon as a row has no
 * value within `max`: O(n · max) at worst, never O(n²).
 */
export function boundedEditDistance(a: string, b: string, max = MAX_EDIT_BAND): number | null {
  if (a === b) return 0;
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) {
    end++;
  }
  const x = a.slice(start, a.length - end);
  const y = b.slice(start, b.length - end);
  const k = Math.min(max, MAX_EDIT_BAND);
  if (Math.abs(x.length - y.length) > k) return null;
  if (x.length === 0 || y.length === 0) return Math.max(x.length, y.length);
  const INF = k + 1;
  let prev = new Int32Array(y.length + 1);
  let row = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j <= k ? j : INF;
  for (let i = 1; i <= x.length; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(y.length, i + k);
    // Only the band is written: the cells just outside it read as "too far".
    row[0] = i <= k ? i : INF;
    if (from > 1) row[from - 1] = INF;
    if (to < y.length) row[to + 1] = INF;
    let best = i <= k ? i : INF;
    const xi = x.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (xi === y.charCodeAt(j - 1) ? 0 : 1));
      row[j] = v > INF ? INF : v;
      if (v < best) best = v;
    }
    if (best > k) return null;
    [prev, row] = [row, prev];
  }
  const d = prev[y.length]!;
  return d <= k ? d : null;
}

/**
 * An approximate match's boundaries are uncertain by a few characters (a deleted word lets the
 * match start earlier as cheaply). Where the stored context is found next to the match, its edge
 * sets the boundary; the quote's errors are then counted over the refined passage.
 */
function refine(text: string, quote: TextQuoteSelector, c: Candidate, maxErrors: number): Candidate {
  const k = maxErrors + 8;
  let { start, end } = c;
  if (quote.prefix.length >= 4) {
    const from = Math.max(0, c.start - quote.prefix.length - k);
    const to = Math.min(c.end, c.start + k);
    const found = bestMatch(text.slice(from, to), quote.prefix);
    if (found && found.errors <= quote.prefix.length / 2) start = from + found.end;
  }
  if (quote.suffix.length >= 4) {
    const from = Math.max(start, c.end - k);
    const to = Math.min(text.length, c.end + quote.suffix.length + k);
    const found = bestMatch(text.slice(from, to), quote.suffix);
    if (found && found.errors <= quote.suffix.length / 2) end = from + found.start;
  }
  if (start >= end || (start === c.start && end === c.end)) return c;
  const errors = boundedEditDistance(text.slice(start, end), quote.exact, maxErrors);
  return errors !== null ? { start, end, errors } : c;
}

function bestMatch(text: string, pattern: string) {
  const matches = search(text, pattern, Math.floor(pattern.length / 2));
  return matches.sort((a, b) => a.errors - b.errors)[0];
}

function exactOccurrences(text: string, exact: string): Candidate[] {
  const out: Candidate[] = [];
  for (
    let i = text.indexOf(exact);
    i >= 0 && out.length < MAX_EXACT_CANDIDATES;
    i = text.indexOf(exact, i + 1)
  ) {
    out.push({ start: i, end: i + exact.length, errors: 0 });
  }
  return out;
}

/**
 * The stored context still holds on at least one side: the prefix or the suffix is close to the
 * text beside the candidate. Half-alike context on both sides is what any stretch of text written
 * from the same words shows, and says nothing.
 */
function contextHolds(c: Scored, quote: TextQuoteSelector): boolean {
  const sides: number[] = [];
  if (quote.prefix.length >= 8) sides.push(c.prefixScore);
  if (quote.suffix.length >= 8) sides.push(c.suffixScore);
  return sides.length === 0 || Math.max(...sides) >= STRONG_CONTEXT;
}

/** Picks the best candidate, or null when none is good enough or the best is ambiguous. */
function choose(candidates: Scored[], quote: TextQuoteSelector): Scored | null {
  const ranked = candidates
    .filter((c) => {
      const minQuote =
        c.contextScore >= STRONG_CONTEXT ? MIN_QUOTE_SIMILARITY_WITH_CONTEXT : MIN_QUOTE_SIMILARITY;
      return c.quoteScore >= minQuote && contextHolds(c, quote);
    })
    .sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best) return null;
  if (second && best.score - second.score < AMBIGUITY_MARGIN && best.contextScore < 0.9) return null;
  return best;
}

export function anchorQuote(text: string, quote: TextQuoteSelector, hint: AnchorHint): AnchorResult {
  const exact = quote.exact;
  const orphan: AnchorResult = { status: 'orphaned', start: null, end: null, score: 0 };
  if (!exact) return orphan;

  // 1. The expected position still holds the quote.
  const expected = Math.max(0, Math.min(hint.expectedStart, text.length));
  if (text.startsWith(exact, expected)) {
    const s = scoreCandidate(
      text,
      quote,
      { start: expected, end: expected + exact.length, errors: 0 },
      expected,
    );
    if (hint.positionTrusted || contextHolds(s, quote)) {
      return { status: 'exact', start: expected, end: expected + exact.length, score: 1 };
    }
  }

  // The stretch where the passage may have moved to: around its expected place, or the changed
  // region the caller names (capped either way).
  const margin = Math.max(256, exact.length * 2);
  let windowStart = Math.max(0, (hint.window?.start ?? expected - 1024) - margin);
  let windowEnd = Math.min(text.length, (hint.window?.end ?? expected + exact.length + 1024) + margin);
  const cap = MAX_WINDOW + exact.length * 4;
  if (windowEnd - windowStart > cap) {
    windowStart = Math.max(windowStart, expected - cap / 2);
    windowEnd = Math.min(windowEnd, windowStart + cap);
  }
  const near = (c: Candidate) => c.start >= windowStart && c.end <= windowEnd;

  // 2. The exact quote elsewhere. Near the expected place, chosen by context and distance (the
  //    only occurrence is taken even when the text around it was rewritten); away from it, only
  //    with its context on both sides close to the stored one (a moved paragraph): an exact copy
  //    of the words far away amid other, or half-alike, context is a look-alike, never the passage.
  const occurrences = exactOccurrences(text, exact);
  if (occurrences.length > 0) {
    const scored = occurrences
      .map((c) => scoreCandidate(text, quote, c, expected))
      .filter((c) => near(c) || c.contextScore >= STRONG_CONTEXT);
    const best = choose(scored, quote);
    if (best) {
      const status = best.contextScore >= MIN_CONTEXT_SIMILARITY ? 'exact' : 'fuzzy';
      return { status, start: best.start, end: best.end, score: status === 'exact' ? 1 : round(best.score) };
    }
  }

  if (hint.fuzzy === false) return orphan;

  // 3. The stored context, found once on each side near the expected place and intact on both,
  //    brackets the passage: the quote with one insertion inside it no longer than the quote (a
  //    word added to a short quote is too different for an approximate search, yet certain
  //    here), or the quote at most half changed. Pinned on both sides, this is surer than any
  //    approximate match, which a half-alike stretch nearby may win.
  const bracketed =
    exact.length <= FUZZY_QUOTE_MAX ? bracketByContext(text, quote, windowStart, windowEnd) : null;
  const bracketedText = bracketed ? text.slice(bracketed.start, bracketed.end) : '';
  const inserted = bracketed ? insertionInside(bracketedText, exact) : null;
  const bracketErrors = bracketed
    ? (inserted ?? boundedEditDistance(bracketedText, exact, Math.ceil(exact.length / 2)))
    : null;
  if (bracketed && bracketErrors !== null) {
    const s = scoreCandidate(text, quote, { ...bracketed, errors: bracketErrors }, expected);
    // An insertion is scored on the share of the passage that is the old quote.
    const quoteScore = inserted ? exact.length / (exact.length + inserted) : s.quoteScore;
    if (
      Math.min(s.prefixScore, s.suffixScore) >= STRONG_CONTEXT &&
      quoteScore >= MIN_QUOTE_SIMILARITY_WITH_CONTEXT
    ) {
      const score = s.score + (WEIGHTS.quote * (quoteScore - s.quoteScore)) / TOTAL_WEIGHT;
      return { status: 'fuzzy', start: s.start, end: s.end, score: round(score) };
    }
  }

  // 4. Approximate matches inside the window.
  if (exact.length > FUZZY_QUOTE_MAX) return byEdges(text, quote, expected, windowStart, windowEnd) ?? orphan;
  const windowText = text.slice(windowStart, windowEnd);
  // First the usual tolerance; then, only if nothing was found, a wider one that a candidate
  // passes only with strong context on both sides.
  for (const similarity of [MIN_QUOTE_SIMILARITY, MIN_QUOTE_SIMILARITY_WITH_CONTEXT]) {
    const maxErrors = Math.floor(exact.length * (1 - similarity));
    const matches = maxErrors > 0 ? search(windowText, exact, maxErrors) : [];
    const scored = matches.map((m) =>
      scoreCandidate(
        text,
        quote,
        refine(
          text,
          quote,
          { start: windowStart + m.start, end: windowStart + m.end, errors: m.errors },
          maxErrors,
        ),
        expected,
      ),
    );
    // Matches overlapping each other are one candidate: keep the best of each cluster.
    const best = choose(dedupe(scored), quote);
    if (best) return { status: 'fuzzy', start: best.start, end: best.end, score: round(best.score) };
  }

  // 5. The same bracket with context weaker on one side: the quote at most half changed when the
  //    context is strong overall, at most a quarter otherwise.
  if (bracketed && bracketErrors !== null && !inserted) {
    const s = scoreCandidate(text, quote, { ...bracketed, errors: bracketErrors }, expected);
    if (choose([s], quote)) return { status: 'fuzzy', start: s.start, end: s.end, score: round(s.score) };
  }
  return orphan;
}

/** The stretch between the stored prefix and suffix, each found once in the window. */
function bracketByContext(
  text: string,
  quote: TextQuoteSelector,
  from: number,
  to: number,
): { start: number; end: number } | null {
  if (quote.prefix.length < 8 || quote.suffix.length < 8) return null;
  const windowText = text.slice(from, to);
  const prefixAt = exactOrBest(windowText, quote.prefix);
  const suffixAt = exactOrBest(windowText, quote.suffix);
  if (!prefixAt || !suffixAt) return null;
  const start = from + prefixAt.end;
  const end = from + suffixAt.start;
  const length = end - start;
  if (length < quote.exact.length * 0.5 || length > quote.exact.length * 2) return null;
  return { start, end };
}

/**
 * The length of the one stretch inserted strictly inside `quote` that turns it into `found`
 * (the quote's start and end kept, at least a character each), or null when `found` is not
 * `quote` with one insertion no longer than the quote itself.
 */
export function insertionInside(found: string, quote: string): number | null {
  const inserted = found.length - quote.length;
  if (inserted <= 0 || inserted > quote.length) return null;
  let head = 0;
  while (head < quote.length && found.charCodeAt(head) === quote.charCodeAt(head)) head++;
  let tail = 0;
  while (
    tail < quote.length - head &&
    found.charCodeAt(found.length - 1 - tail) === quote.charCodeAt(quote.length - 1 - tail)
  ) {
    tail++;
  }
  // The common end is counted only up to where the common start stopped, so a letter repeated
  // at the join is not counted twice: together they cover the quote, each keeping something.
  return head + tail >= quote.length && head > 0 && tail > 0 ? inserted : null;
}

/**
 * A long quote whose text changed: its first and last `EDGE` characters (exactly, or else
 * approximately: short patterns, cheap to search) bracket a candidate of about the quote's length,
 * whose errors are counted in a bounded band. The candidate is then scored and chosen like any.
 */
function byEdges(
  text: string,
  quote: TextQuoteSelector,
  expected: number,
  from: number,
  to: number,
): AnchorResult | null {
  const exact = quote.exact;
  const windowText = text.slice(from, to);
  // The occurrences nearest where the edge is expected (a repeated phrase may occur many times).
  const edgeAt = (pattern: string, near: number) => {
    const exactly = exactOccurrences(windowText, pattern);
    const found = exactly.length ? exactly : search(windowText, pattern, Math.floor(pattern.length / 4));
    return found.sort((a, b) => Math.abs(a.start - near) - Math.abs(b.start - near)).slice(0, 50);
  };
  const heads = edgeAt(exact.slice(0, EDGE), expected - from);
  const tails = edgeAt(exact.slice(-EDGE), expected - from + exact.length - EDGE);
  const maxErrors = Math.min(MAX_EDIT_BAND, Math.floor(exact.length * (1 - MIN_QUOTE_SIMILARITY)));
  const candidates: Scored[] = [];
  for (const h of heads) {
    let best: { end: number; gap: number } | null = null;
    for (const t of tails) {
      const length = t.end - h.start;
      const gap = Math.abs(length - exact.length);
      if (gap <= maxErrors && (!best || gap < best.gap)) best = { end: t.end, gap };
    }
    if (!best) continue;
    const start = from + h.start;
    const end = from + best.end;
    const errors = boundedEditDistance(text.slice(start, end), exact, maxErrors);
    if (errors !== null) candidates.push(scoreCandidate(text, quote, { start, end, errors }, expected));
  }
  const best = choose(dedupe(candidates), quote);
  return best ? { status: 'fuzzy', start: best.start, end: best.end, score: round(best.score) } : null;
}

/** The only exact occurrence of a context string, or its single best approximate one. */
function exactOrBest(text: string, str: string): { start: number; end: number } | null {
  const first = text.indexOf(str);
  if (first >= 0) return text.indexOf(str, first + 1) < 0 ? { start: first, end: first + str.length } : null;
  const matches = search(text, str, Math.floor(str.length / 4));
  if (matches.length === 0) return null;
  const bestErrors = Math.min(...matches.map((m) => m.errors));
  const best = matches.filter((m) => m.errors === bestErrors);
  return best.length === 1 ? best[0]! : null;
}

function dedupe(candidates: Scored[]): Scored[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: Scored[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
