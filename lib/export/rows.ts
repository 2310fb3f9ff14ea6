/**
 * The presenter of the tabular exports (CSV and the XLSX sheets): turns claims into rows and
 * cells. Every multi-valued field gets its own columns (tag 1..N, passage 1..M, one likelihood
 * and one confidence column per analyst), so no value is ever joined with a separator that a
 * value could itself contain. The one exception is "contested": its reason labels come from a
 * fixed vocabulary without ";" and are listed with "; ".
 *
 * The number of those columns is fixed before streaming starts, by a `RowLayout` the caller
 * computes (with a cheap aggregate query, or `scanLayout` over claims()). A claim that does not
 * fit the layout is an error (`ExportLayoutError`), never silently cut.
 */
import { admiraltyCode, CLAIM_KINDS, likelihoodLabel, type Likelihood } from '../scales';
import { pageLabel } from '../documents/pages';
import type { Cell } from './neutralize';
import {
  CLAIM_STATUS_LABELS,
  type ExportAnchor,
  type ExportAssessment,
  type ExportClaim,
  type ExportDocument,
  type ExportEvidence,
  type ExportSource,
  type ExportSourceData,
} from './model';

export type { Cell };

export interface RowLayout {
  /** The most tags any exported claim has: columns "tag 1" … "tag N". */
  maxTags: number;
  /** The most passages (anchors) any exported claim has: "passage 1" … "passage M". */
  maxPassages: number;
  /** The analysts, in column order, who assessed any exported claim. */
  analysts: string[];
  /** A "pages N" column after each "document N": the export has documents imported from a PDF. */
  pages?: boolean;
}

export class ExportLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportLayoutError';
  }
}

/** One row of the evidence table: one claim × one evidence link (null for a claim without evidence). */
export interface EvidenceRow {
  claim: ExportClaim;
  evidence: ExportEvidence | null;
}

export function evidenceRows(claim: ExportClaim): EvidenceRow[] {
  return claim.evidence.length === 0
    ? [{ claim, evidence: null }]
    : claim.evidence.map((evidence) => ({ claim, evidence }));
}

/** The layout that fits every claim given (one pass; keeps only counts and analyst names). */
export async function scanLayout(
  claims: AsyncIterable<ExportClaim> | Iterable<ExportClaim>,
): Promise<RowLayout> {
  let maxTags = 0;
  let maxPassages = 0;
  const analysts = new Set<string>();
  let pages = false;
  for await (const claim of claims) {
    pages ||= claim.anchors.some((a) => a.pages !== undefined);
    maxTags = Math.max(maxTags, claim.tags.length);
    maxPassages = Math.max(maxPassages, claim.anchors.length);
    for (const a of claim.assessments) analysts.add(a.analyst);
  }
  return {
    maxTags,
    maxPassages,
    analysts: [...analysts].sort((a, b) => a.localeCompare(b)),
    ...(pages ? { pages } : {}),
  };
}

/** "exact", "fuzzy (0.93)", "orphaned". */
export function anchorStatusLabel(anchor: Pick<ExportAnchor, 'status' | 'score'>): string {
  return anchor.status === 'fuzzy' ? `fuzzy (${anchor.score.toFixed(2)})` : anchor.status;
}

export interface Column<T> {
  header: string;
  cell: (row: T) => Cell;
}

/** A table: its headers and a function from a row to its cells, in the same order. */
export interface Table<T> {
  headers: string[];
  cells: (row: T) => Cell[];
}

function table<T>(columns: Column<T>[], check?: (row: T) => void): Table<T> {
  const headers = columns.map((c) => c.header);
  const cellFns = columns.map((c) => c.cell);
  return {
    headers,
    cells: (row) => {
      check?.(row);
      return cellFns.map((f) => f(row));
    },
  };
}

const text = (v: string | null | undefined): Cell => (v === undefined || v === null || v === '' ? null : v);

function checkLayout(claim: ExportClaim, layout: RowLayout): void {
  if (claim.tags.length > layout.maxTags)
    throw new ExportLayoutError(
      `Claim ${claim.id} has ${claim.tags.length} tags; the layout has room for ${layout.maxTags}.`,
    );
  if (claim.anchors.length > layout.maxPassages)
    throw new ExportLayoutError(
      `Claim ${claim.id} has ${claim.anchors.length} passages; the layout has room for ${layout.maxPassages}.`,
    );
  const seen = new Set<string>();
  for (const a of claim.assessments) {
    if (!layout.analysts.includes(a.analyst))
      throw new ExportLayoutError(`Claim ${claim.id} is assessed by ${a.analyst}, who is not in the layout.`);
    if (seen.has(a.analyst))
      throw new ExportLayoutError(`Claim ${claim.id} has two assessments by ${a.analyst}.`);
    seen.add(a.analyst);
  }
}

/** Columns describing the claim itself, up to and including its passages. */
function claimHeadColumns(layout: RowLayout): Column<ExportClaim>[] {
  const columns: Column<ExportClaim>[] = [
    { header: 'claim id', cell: (c) => c.id },
    { header: 'statement', cell: (c) => c.statement },
    { header: 'type', cell: (c) => text(c.type) },
    { header: 'topic', cell: (c) => text(c.topic) },
  ];
  for (let i = 0; i < layout.maxTags; i++)
    columns.push({ header: `tag ${i + 1}`, cell: (c) => text(c.tags[i]) });
  columns.push(
    { header: 'quantity min', cell: (c) => c.quantity?.min ?? null },
    { header: 'quantity max', cell: (c) => c.quantity?.max ?? null },
    { header: 'quantity unit', cell: (c) => text(c.quantity?.unit) },
    { header: 'kind', cell: (c) => CLAIM_KINDS[c.kind] },
  );
  for (let i = 0; i < layout.maxPassages; i++) {
    const anchor = (c: ExportClaim) => c.anchors[i];
    columns.push(
      { header: `passage ${i + 1}`, cell: (c) => text(anchor(c)?.exact) },
      { header: `document ${i + 1}`, cell: (c) => text(anchor(c)?.documentTitle) },
      ...(layout.pages
        ? [{ header: `pages ${i + 1}`, cell: (c: ExportClaim) => text(pageLabel(anchor(c)?.pages ?? [])) }]
        : []),
      {
        header: `anchor status ${i + 1}`,
        cell: (c) => {
          const a = anchor(c);
          return a ? anchorStatusLabel(a) : null;
        },
      },
    );
  }
  return columns;
}

function analystColumns(layout: RowLayout): Column<ExportClaim>[] {
  return layout.analysts.flatMap((name) => {
    const find = (c: ExportClaim) => c.assessments.find((a) => a.analyst === name);
    return [
      {
        header: `likelihood (${name})`,
        cell: (c: ExportClaim) => {
          const a = find(c);
          return a ? likelihoodLabel(a.likelihood) : null;
        },
      },
      { header: `confidence (${name})`, cell: (c: ExportClaim) => find(c)?.confidence ?? null },
    ];
  });
}

const contestedCell = (c: ExportClaim): Cell => (c.contested.length ? c.contested.join('; ') : null);

function evidenceColumnDefs(): Column<ExportEvidence | null>[] {
  return [
    { header: 'evidence id', cell: (e) => e?.id ?? null },
    { header: 'source', cell: (e) => text(e?.sourceName) },
    { header: 'source kind', cell: (e) => text(e?.sourceKind) },
    { header: 'source url', cell: (e) => text(e?.sourceUrl) },
    { header: 'reliability', cell: (e) => e?.reliability ?? null },
    { header: 'stance', cell: (e) => e?.stance ?? null },
    { header: 'credibility', cell: (e) => e?.credibility ?? null },
    { header: 'rating', cell: (e) => (e ? admiraltyCode(e.reliability, e.credibility) : null) },
    { header: 'quote', cell: (e) => text(e?.quote) },
    { header: 'locator', cell: (e) => text(e?.locator) },
    { header: 'note', cell: (e) => text(e?.note) },
    { header: 'accessed on', cell: (e) => text(e?.accessedOn) },
  ];
}

const onClaim = (cols: Column<ExportClaim>[]): Column<EvidenceRow>[] =>
  cols.map((c) => ({ header: c.header, cell: (row: EvidenceRow) => c.cell(row.claim) }));

/**
 * The evidence table (CSV, XLSX "Evidence"): one row per claim × evidence link. Columns:
 * claim id, statement, type, topic, tag 1..N, quantity min, quantity max, quantity unit, kind,
 * then per passage i in 1..M: passage i, document i, anchor status i; then evidence id, source,
 * source kind, source url, reliability (A–F), stance, credibility (1–6, a number), rating ("B2"), quote,
 * locator, note, accessed on; then per analyst: likelihood (Name), confidence (Name); then
 * status, contested, author, reviewer, decision rationale, created, updated.
 */
export function evidenceTable(layout: RowLayout): Table<EvidenceRow> {
  const columns: Column<EvidenceRow>[] = [
    ...onClaim(claimHeadColumns(layout)),
    ...evidenceColumnDefs().map((c) => ({
      header: c.header,
      cell: (row: EvidenceRow) => c.cell(row.evidence),
    })),
    ...onClaim(analystColumns(layout)),
    ...onClaim([
      { header: 'status', cell: (c) => CLAIM_STATUS_LABELS[c.status] },
      { header: 'contested', cell: contestedCell },
      { header: 'author', cell: (c) => text(c.author) },
      { header: 'reviewer', cell: (c) => text(c.reviewer) },
      { header: 'decision rationale', cell: (c) => text(c.decision?.rationale) },
      { header: 'created', cell: (c) => c.createdAt },
      { header: 'updated', cell: (c) => c.updatedAt },
    ]),
  ];
  return table(columns, (row) => checkLayout(row.claim, layout));
}

export function evidenceColumns(layout: RowLayout): string[] {
  return evidenceTable(layout).headers;
}

/** The cells of one row, in the order of `evidenceColumns(layout)`. Prefer `evidenceTable` in loops. */
export function evidenceCells(row: EvidenceRow, layout: RowLayout): Cell[] {
  return evidenceTable(layout).cells(row);
}

/**
 * The claims table (XLSX "Claims"): one row per claim. The head columns of the evidence table
 * (up to the passages), then evidence count, the analysts' columns, status, contested,
 * alternative of, author, reviewer, decision, decision rationale, the team's likelihood and
 * confidence recorded with it, decided by, decided at,
 * preferred claim, created, updated.
 */
export function claimTable(layout: RowLayout): Table<ExportClaim> {
  return table(
    [
      ...claimHeadColumns(layout),
      { header: 'evidence count', cell: (c) => c.evidence.length },
      ...analystColumns(layout),
      { header: 'status', cell: (c) => CLAIM_STATUS_LABELS[c.status] },
      { header: 'contested', cell: contestedCell },
      { header: 'alternative of', cell: (c) => c.alternativeOf },
      { header: 'author', cell: (c) => text(c.author) },
      { header: 'reviewer', cell: (c) => text(c.reviewer) },
      { header: 'decision', cell: (c) => c.decision?.status ?? null },
      { header: 'decision rationale', cell: (c) => text(c.decision?.rationale) },
      {
        header: 'team likelihood',
        cell: (c) => (c.decision?.likelihood ? likelihoodLabel(c.decision.likelihood) : null),
      },
      { header: 'team confidence', cell: (c) => c.decision?.confidence ?? null },
      { header: 'decided by', cell: (c) => text(c.decision?.decidedBy) },
      { header: 'decided at', cell: (c) => text(c.decision?.decidedAt) },
      { header: 'preferred claim', cell: (c) => c.decision?.preferredClaimId ?? null },
      { header: 'created', cell: (c) => c.createdAt },
      { header: 'updated', cell: (c) => c.updatedAt },
    ],
    (c) => checkLayout(c, layout),
  );
}

/** The assessments table (XLSX "Assessments"): one row per assessment. */
export function assessmentTable(): Table<{ claim: ExportClaim; assessment: ExportAssessment }> {
  return table([
    { header: 'claim id', cell: (r) => r.claim.id },
    { header: 'statement', cell: (r) => r.claim.statement },
    { header: 'analyst', cell: (r) => r.assessment.analyst },
    { header: 'likelihood', cell: (r) => likelihoodLabel(r.assessment.likelihood) },
    { header: 'confidence', cell: (r) => r.assessment.confidence },
    { header: 'rationale', cell: (r) => text(r.assessment.rationale) },
    { header: 'created', cell: (r) => r.assessment.createdAt },
    { header: 'updated', cell: (r) => r.assessment.updatedAt },
  ]);
}

/** The sources table (XLSX "Sources"): one row per source, its current rating. */
export function sourceTable(): Table<ExportSource> {
  return table([
    { header: 'source id', cell: (s) => s.id },
    { header: 'name', cell: (s) => s.name },
    { header: 'kind', cell: (s) => text(s.kind) },
    { header: 'url', cell: (s) => text(s.url) },
    { header: 'description', cell: (s) => text(s.description) },
    { header: 'reliability', cell: (s) => s.reliability },
    { header: 'rating changes', cell: (s) => s.ratings.length },
    { header: 'created', cell: (s) => s.createdAt },
  ]);
}

/** The rating history (XLSX "Source ratings"): one row per change of a source's reliability. */
export function sourceRatingTable(): Table<{ source: ExportSource; index: number }> {
  return table([
    { header: 'source id', cell: (r) => r.source.id },
    { header: 'source', cell: (r) => r.source.name },
    { header: 'reliability', cell: (r) => r.source.ratings[r.index]!.reliability },
    { header: 'previous', cell: (r) => r.source.ratings[r.index]!.previous },
    { header: 'reason', cell: (r) => text(r.source.ratings[r.index]!.reason) },
    { header: 'changed by', cell: (r) => text(r.source.ratings[r.index]!.changedBy) },
    { header: 'changed at', cell: (r) => r.source.ratings[r.index]!.changedAt },
  ]);
}

/** The documents table (XLSX "Documents"). */
export function documentTable(): Table<ExportDocument> {
  return table([
    { header: 'document id', cell: (d) => d.id },
    { header: 'title', cell: (d) => d.title },
    { header: 'url', cell: (d) => d.url },
    { header: 'source url', cell: (d) => text(d.sourceUrl) },
    { header: 'author', cell: (d) => text(d.author) },
    { header: 'published on', cell: (d) => text(d.publishedOn) },
    { header: 'revision', cell: (d) => d.revisionNumber },
    { header: 'revision id', cell: (d) => d.revisionId },
  ]);
}

/** "all claims", "document “Title”", "document “Title” · status: disputed". */
/** True when the export covers less than the whole workspace (a document, or filters). */
export function isScoped(data: Pick<ExportSourceData, 'context'>): boolean {
  const { scope } = data.context;
  return Boolean(scope.documentId) || Object.values(scope.filters ?? {}).some(Boolean);
}

export function scopeLabel(data: Pick<ExportSourceData, 'context' | 'documents'>): string {
  const { scope } = data.context;
  const names = scope.names ?? {};
  const name = (key: string, id: string) => `“${names[key] ?? id}”`;
  const parts: string[] = [];
  if (scope.documentId) {
    const doc = data.documents.find((d) => d.id === scope.documentId);
    parts.push(`document “${doc?.title ?? names.document ?? scope.documentId}”`);
  }
  for (const [key, value] of Object.entries(scope.filters ?? {})) {
    if (key === 'document' && scope.documentId) continue;
    parts.push(scopePhrase(key, value, name));
  }
  return parts.length ? parts.join(' · ') : 'all claims';
}

/** One filter in words: "topic “How much ransom was paid?”", "contested", "reviewed by Rita". */
function scopePhrase(key: string, value: string, name: (key: string, id: string) => string): string {
  switch (key) {
    case 'q':
      return `containing “${value}”`;
    case 'type':
    case 'topic':
    case 'source':
    case 'document':
      return `${key} ${name(key, value)}`;
    case 'tag':
      return `tagged “${value}”`;
    case 'status':
      return `status ${CLAIM_STATUS_LABELS[value as keyof typeof CLAIM_STATUS_LABELS] ?? value}`;
    case 'stance':
      return `evidence that ${value === 'supports' ? 'supports' : value === 'contradicts' ? 'contradicts' : value}`;
    case 'contested':
      return value === 'yes' ? 'contested' : 'not contested';
    case 'reliability':
      return `sources rated ${value}`;
    case 'credibility':
      return `credibility ${value}`;
    case 'likelihood':
      return `assessed ${likelihoodLabel(value as Likelihood)}`;
    case 'confidence':
      return `${value} confidence`;
    case 'anchor':
      return `passages ${value}`;
    case 'author':
      return `by ${name(key, value).slice(1, -1)}`;
    case 'reviewer':
      return value === 'none' ? 'no reviewer yet' : `reviewed by ${name(key, value).slice(1, -1)}`;
    default:
      return `${key}: ${value}`;
  }
}
