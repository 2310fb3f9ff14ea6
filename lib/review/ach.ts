/**
 * Analysis of competing hypotheses (Heuer, *Psychology of Intelligence Analysis*, ch. 8) for one
 * topic: its competing claims are the hypotheses (columns), the evidence linked to any of them the
 * items of information (rows), each cell the evidence's stance toward that claim.
 *
 * A row is one item of information: the same source and the same quoted passage (compared without
 * case and spacing), whichever claims it is linked to. A source quoted once as supporting €10M and
 * once as contradicting €2.5M is one row that discriminates between the two; evidence without a
 * quote is one row per source.
 *
 * Weights (documented here, used everywhere the matrix is shown or exported):
 *
 * - A cell's weight is the source's reliability weight times the link's credibility weight:
 *   A 1 · B 0.8 · C 0.6 · D 0.4 · E 0.2 · F 0.5, and 1 1 · 2 0.8 · 3 0.6 · 4 0.4 · 5 0.2 · 6 0.5.
 *   "Cannot be judged" (F, 6) sits at the middle of the scale: neither trusted nor discounted.
 * - A stance's consistency: supports +1, contradicts −1, qualifies −½ (the claim holds only in
 *   part), mentions 0; a claim the item is not linked to: 0 (no link, neutral).
 * - A cell's score is consistency × weight.
 * - A hypothesis's inconsistency score is the sum of the negative scores in its column (weighted
 *   evidence against it); Heuer ranks hypotheses by it, the least inconsistent first, because
 *   evidence for a hypothesis is usually also consistent with the others. Its support (the sum of
 *   positive scores) is shown beside it, and breaks ties only.
 * - A row's diagnosticity is the spread of its scores across the hypotheses (highest − lowest,
 *   counting 0 for no link): evidence consistent with every hypothesis is worth nothing to choose
 *   between them; evidence that supports one and contradicts another is worth the most. Rows are
 *   sorted by it, the most diagnostic first, then by their heaviest weight.
 *
 * Bounded: at most `ACH_MAX_HYPOTHESES` columns (the first ones given) and `ACH_MAX_ROWS` rows
 * (the most diagnostic); the matrix says how many were left out.
 */
import type { Credibility, Reliability, Stance } from '../scales';
import type { ClaimStatus } from '../vocabulary';

export const ACH_MAX_HYPOTHESES = 12;
export const ACH_MAX_ROWS = 300;
/** Evidence links read for one matrix (the data layer stops there and says so). */
export const ACH_MAX_LINKS = 2000;

export const RELIABILITY_WEIGHT: Record<Reliability, number> = {
  A: 1,
  B: 0.8,
  C: 0.6,
  D: 0.4,
  E: 0.2,
  F: 0.5,
};

export const CREDIBILITY_WEIGHT: Record<Credibility, number> = {
  1: 1,
  2: 0.8,
  3: 0.6,
  4: 0.4,
  5: 0.2,
  6: 0.5,
};

export const STANCE_CONSISTENCY: Record<Stance, number> = {
  supports: 1,
  contradicts: -1,
  qualifies: -0.5,
  mentions: 0,
};

/** A cell's symbol, always shown with its word (never colour alone). */
export const STANCE_SYMBOL: Record<Stance, string> = {
  supports: '✔',
  contradicts: '✘',
  qualifies: '◐',
  mentions: '·',
};
export const NO_LINK = { symbol: '–', word: 'no link' } as const;

export interface AchHypothesis {
  id: string;
  statement: string;
  status: ClaimStatus;
}

export interface AchLink {
  claimId: string;
  sourceId: string;
  sourceName: string;
  /** The source's reliability now. */
  reliability: Reliability;
  credibility: Credibility;
  stance: Stance;
  quote: string | null;
  locator: string | null;
}

export interface AchCell {
  /** Null: the item is not linked to this hypothesis. */
  stance: Stance | null;
  credibility: Credibility | null;
  /** reliability weight × credibility weight; 0 without a link. */
  weight: number;
  /** consistency × weight: positive for, negative against. */
  score: number;
}

export interface AchRow {
  key: string;
  sourceId: string;
  sourceName: string;
  reliability: Reliability;
  /** The credibilities of its links, distinct, best first. */
  credibilities: Credibility[];
  quote: string | null;
  locator: string | null;
  /** One per hypothesis, in the order of `AchMatrix.hypotheses`. */
  cells: AchCell[];
  diagnosticity: number;
}

export interface AchScoredHypothesis extends AchHypothesis {
  /** Weighted evidence against (≥ 0): the lower, the more likely (Heuer). */
  inconsistency: number;
  /** Weighted evidence for (≥ 0). */
  support: number;
  /** 1 for the least inconsistent. */
  rank: number;
}

export interface AchMatrix {
  /** The hypotheses by rank (least inconsistent first). */
  hypotheses: AchScoredHypothesis[];
  /** The most diagnostic first. */
  rows: AchRow[];
  /** How many were left out by the bounds. */
  omitted: { hypotheses: number; rows: number };
}

/** Rounds a score for display and comparison (weights are tenths; products are hundredths). */
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function cellWeight(reliability: Reliability, credibility: Credibility): number {
  return round2(RELIABILITY_WEIGHT[reliability] * CREDIBILITY_WEIGHT[credibility]);
}

const normalize = (quote: string | null) => (quote ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The matrix of `hypotheses` (in the order given: the first `ACH_MAX_HYPOTHESES` are kept) and
 * `links` (evidence of those claims; links to other claims are ignored).
 */
export function buildAch(
  hypotheses: readonly AchHypothesis[],
  links: readonly AchLink[],
  bounds: { maxHypotheses?: number; maxRows?: number } = {},
): AchMatrix {
  const maxHypotheses = bounds.maxHypotheses ?? ACH_MAX_HYPOTHESES;
  const maxRows = bounds.maxRows ?? ACH_MAX_ROWS;
  const kept = hypotheses.slice(0, maxHypotheses);
  const column = new Map(kept.map((h, i) => [h.id, i]));

  // Group the links into items of information, each with a cell per hypothesis.
  const groups = new Map<string, { first: AchLink; cells: AchCell[]; credibilities: Set<Credibility> }>();
  for (const link of links) {
    const at = column.get(link.claimId);
    if (at === undefined) continue;
    const key = `${link.sourceId}\u0000${normalize(link.quote)}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        first: link,
        cells: kept.map(() => ({ stance: null, credibility: null, weight: 0, score: 0 })),
        credibilities: new Set(),
      };
      groups.set(key, group);
    }
    group.credibilities.add(link.credibility);
    if (!group.first.locator && link.locator) group.first = { ...group.first, locator: link.locator };
    const weight = cellWeight(link.reliability, link.credibility);
    const score = round2(STANCE_CONSISTENCY[link.stance] * weight);
    const cell = group.cells[at]!;
    // The same item linked twice to one claim: the cell keeps the link most against it (a
    // contradiction is not hidden by a support), then the heavier.
    if (cell.stance === null || score < cell.score || (score === cell.score && weight > cell.weight))
      group.cells[at] = { stance: link.stance, credibility: link.credibility, weight, score };
  }

  const rows: AchRow[] = [...groups.entries()].map(([key, g]) => {
    const scores = g.cells.map((c) => c.score);
    return {
      key,
      sourceId: g.first.sourceId,
      sourceName: g.first.sourceName,
      reliability: g.first.reliability,
      credibilities: [...g.credibilities].sort((a, b) => a - b),
      quote: g.first.quote?.trim() || null,
      locator: g.first.locator,
      cells: g.cells,
      diagnosticity: round2(Math.max(...scores) - Math.min(...scores)),
    };
  });

  // Scores over every row (the bound cuts what is shown, not what is counted).
  const scored = kept.map((h, i) => {
    let inconsistency = 0;
    let support = 0;
    for (const row of rows) {
      const s = row.cells[i]!.score;
      if (s < 0) inconsistency -= s;
      else support += s;
    }
    return { ...h, inconsistency: round2(inconsistency), support: round2(support), index: i };
  });
  const order = [...scored].sort(
    (a, b) => a.inconsistency - b.inconsistency || b.support - a.support || a.index - b.index,
  );

  // Compared once per row, not per comparison (localeCompare is slow: plain order is enough here).
  const heaviest = new Map(rows.map((r) => [r, Math.max(...r.cells.map((c) => c.weight))]));
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  rows.sort(
    (a, b) =>
      b.diagnosticity - a.diagnosticity ||
      heaviest.get(b)! - heaviest.get(a)! ||
      byText(a.sourceName, b.sourceName) ||
      byText(a.quote ?? '', b.quote ?? ''),
  );
  const shown = rows.slice(0, maxRows).map((r) => ({ ...r, cells: order.map((h) => r.cells[h.index]!) }));

  return {
    hypotheses: order.map(({ index: _index, ...h }, i) => ({ ...h, rank: i + 1 })),
    rows: shown,
    omitted: { hypotheses: hypotheses.length - kept.length, rows: rows.length - shown.length },
  };
}

/** A cell in words, with its symbol: "✔ supports", "– no link". */
export function cellLabel(cell: Pick<AchCell, 'stance'>): string {
  return cell.stance ? `${STANCE_SYMBOL[cell.stance]} ${cell.stance}` : `${NO_LINK.symbol} ${NO_LINK.word}`;
}

/** A score as shown: "1.6", "0". */
export function formatScore(n: number): string {
  return String(round2(n));
}
