/**
 * The evidence table page's view: which columns, sorted how, grouped by what. Pure: it turns the
 * evidence rows (one per claim × evidence link) into display rows, and reads and writes its state
 * from and to the URL so that a view can be shared.
 */
import { z } from 'zod';
import { formatQuantity } from '../quantity';
import { assessmentOrderKey } from '../review/assessment-order';
import { admiraltyCode, assessmentLabel, CLAIM_KINDS } from '../scales';
import { CLAIM_STATUS_LABELS, type ExportClaim } from './model';
import { anchorStatusLabel, type EvidenceRow } from './rows';

export const TABLE_COLUMNS = {
  statement: 'Claim',
  type: 'Type',
  topic: 'Topic',
  tags: 'Tags',
  quantity: 'Quantity',
  passage: 'Quoted passage',
  document: 'Document',
  anchor: 'Anchor status',
  source: 'Source',
  reliability: 'Reliability',
  stance: 'Stance',
  credibility: 'Credibility',
  assessments: 'Likelihood · confidence',
  status: 'Status',
  contested: 'Contested',
  author: 'Author',
  reviewer: 'Reviewer',
  created: 'Created',
  updated: 'Updated',
} as const;
export type ColumnKey = keyof typeof TABLE_COLUMNS;
export const COLUMN_KEYS = Object.keys(TABLE_COLUMNS) as ColumnKey[];
export const DEFAULT_COLUMNS: ColumnKey[] = [
  'statement',
  'type',
  'topic',
  'quantity',
  'passage',
  'document',
  'source',
  'stance',
  'credibility',
  'assessments',
  'status',
];

export const GROUPS = { topic: 'Topic', type: 'Type', source: 'Source', document: 'Document' } as const;

/** How many rows the evidence table shows at once ("Next" shows the following ones). */
export const ROWS_PER_PAGE = [50, 100, 250, 1000] as const;
export type RowsPerPage = (typeof ROWS_PER_PAGE)[number];
/** A page small enough to read and to render quickly; an analyst may choose up to 1,000. */
export const DEFAULT_ROWS_PER_PAGE: RowsPerPage = 250;
export type GroupKey = keyof typeof GROUPS;

const columnKey = z.enum(COLUMN_KEYS as [ColumnKey, ...ColumnKey[]]);

export const tableViewSchema = z.object({
  view: z.enum(['evidence', 'claims', 'sources']).catch('evidence'),
  sort: columnKey.optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  group: z
    .enum(Object.keys(GROUPS) as [GroupKey, ...GroupKey[]])
    .optional()
    .catch(undefined),
  /** Comma-separated column keys; unknown keys are dropped, none means the default set. */
  cols: z
    .string()
    .optional()
    .transform((v) => {
      const keys = (v ?? '').split(',').filter((k): k is ColumnKey => columnKey.safeParse(k).success);
      return keys.length ? [...new Set(keys)] : DEFAULT_COLUMNS;
    })
    .catch(DEFAULT_COLUMNS),
  /** Rows per page: one of ROWS_PER_PAGE; anything else is the default. */
  rows: z.coerce
    .number()
    .refine((n): n is RowsPerPage => (ROWS_PER_PAGE as readonly number[]).includes(n))
    .transform((n) => n as RowsPerPage)
    .catch(DEFAULT_ROWS_PER_PAGE),
});
export type TableView = z.output<typeof tableViewSchema>;

/** A display row: every column as text, plus the claim's id (for links). */
export interface DisplayRow {
  claimId: string;
  cells: Record<ColumnKey, string>;
  /** Numeric sort key for the quantity column (its lower bound), or null. */
  quantityValue: number | null;
  /** Sort key of the likelihood · confidence column (lib/review/assessment-order.ts), or null. */
  assessmentValue: number | null;
  group: Record<GroupKey, string>;
}

const NONE = '—';

function assessmentsText(claim: ExportClaim): string {
  return claim.assessments
    .map((a) => `${a.analyst}: ${assessmentLabel(a.likelihood, a.confidence)}`)
    .join('\n');
}

export function displayRow({ claim, evidence }: EvidenceRow): DisplayRow {
  const first = claim.anchors[0];
  const documents = [...new Set(claim.anchors.map((a) => a.documentTitle))];
  const cells: Record<ColumnKey, string> = {
    statement: claim.statement,
    type: claim.type,
    topic: claim.topic ?? '',
    tags: claim.tags.join(', '),
    quantity: claim.quantity ? formatQuantity(claim.quantity) : '',
    passage: first
      ? `“${first.exact}”${claim.anchors.length > 1 ? ` (+${claim.anchors.length - 1})` : ''}`
      : '',
    document: documents.join('\n'),
    anchor: claim.anchors.map(anchorStatusLabel).join(', '),
    source: evidence?.sourceName ?? '',
    reliability: evidence?.reliability ?? '',
    stance: evidence?.stance ?? '',
    credibility: evidence ? admiraltyCode(evidence.reliability, evidence.credibility) : '',
    assessments: assessmentsText(claim),
    status: CLAIM_STATUS_LABELS[claim.status] + (claim.alternativeOf ? ' (alternative)' : ''),
    contested: claim.contested.join(', '),
    author: claim.author ?? '',
    reviewer: claim.reviewer ?? '',
    created: claim.createdAt.slice(0, 10),
    updated: claim.updatedAt.slice(0, 10),
  };
  return {
    claimId: claim.id,
    cells,
    quantityValue: claim.quantity?.min ?? null,
    assessmentValue: assessmentOrderKey(claim.assessments),
    group: {
      topic: claim.topic ?? 'No topic',
      type: claim.type,
      source: evidence?.sourceName ?? 'No evidence',
      document: documents[0] ?? 'No passage',
    },
  };
}

type Ranked = { row: DisplayRow; i: number };

/**
 * The order of a column: quantities by value, assessments by the judgment they give (the middle
 * one: lib/review/assessment-order.ts), the rest as text; blanks last; ties by position.
 */
function rowOrder(key: ColumnKey, dir: 'asc' | 'desc'): (a: Ranked, b: Ranked) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return (a, b) => {
    const av = a.row.cells[key];
    const bv = b.row.cells[key];
    if (!av || !bv) return av === bv ? a.i - b.i : av ? -1 : 1;
    const order =
      key === 'quantity' && a.row.quantityValue !== null && b.row.quantityValue !== null
        ? a.row.quantityValue - b.row.quantityValue
        : key === 'assessments' && a.row.assessmentValue !== null && b.row.assessmentValue !== null
          ? a.row.assessmentValue - b.row.assessmentValue
          : collator.compare(av, bv);
    return order * sign || a.i - b.i;
  };
}

/** Sorts rows by a column (`rowOrder`), stably. */
export function sortRows(rows: DisplayRow[], key: ColumnKey | undefined, dir: 'asc' | 'desc'): DisplayRow[] {
  if (!key) return rows;
  return rows
    .map((row, i) => ({ row, i }))
    .sort(rowOrder(key, dir))
    .map(({ row }) => row);
}

/**
 * The first `limit` rows of a stream in the table's order: with a sort column, the first of ALL
 * rows by that column (not the sorted first rows), kept in bounded memory (the buffer is cut back
 * to `limit` whenever it doubles); without one, the first rows as they come.
 */
export function topRows(key: ColumnKey | undefined, dir: 'asc' | 'desc', limit: number) {
  let buffer: Ranked[] = [];
  let seen = 0;
  const order = key ? rowOrder(key, dir) : null;
  const cut = () => {
    if (order) buffer.sort(order);
    buffer = buffer.slice(0, limit);
  };
  return {
    add(row: DisplayRow) {
      const i = seen++;
      if (!order && buffer.length >= limit) return;
      buffer.push({ row, i });
      if (buffer.length >= 2 * Math.max(limit, 1)) cut();
    },
    /** The rows kept, in the table's order. */
    rows(): DisplayRow[] {
      cut();
      return buffer.map(({ row }) => row);
    },
  };
}

/** Groups rows (in their order) under their group's label, groups sorted by label. */
export function groupRows(
  rows: DisplayRow[],
  key: GroupKey | undefined,
): { label: string | null; rows: DisplayRow[] }[] {
  if (!key) return [{ label: null, rows }];
  const groups = new Map<string, DisplayRow[]>();
  for (const row of rows) {
    const label = row.group[key];
    groups.set(label, [...(groups.get(label) ?? []), row]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, list]) => ({ label, rows: list }));
}

/** The view as query parameters (only what differs from the defaults). */
export function viewToParams(view: Partial<TableView>): Record<string, string> {
  const out: Record<string, string> = {};
  if (view.view && view.view !== 'evidence') out.view = view.view;
  if (view.sort) out.sort = view.sort;
  if (view.sort && view.dir === 'desc') out.dir = 'desc';
  if (view.group) out.group = view.group;
  if (view.cols && view.cols.join(',') !== DEFAULT_COLUMNS.join(',')) out.cols = view.cols.join(',');
  if (view.rows && view.rows !== DEFAULT_ROWS_PER_PAGE) out.rows = String(view.rows);
  return out;
}

export const kindLabel = (claim: ExportClaim) => CLAIM_KINDS[claim.kind];
export const blank = (value: string) => value || NONE;
