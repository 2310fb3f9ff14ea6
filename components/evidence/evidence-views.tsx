import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ExportClaim, ExportSource } from '@/lib/export/model';
import {
  groupRows,
  TABLE_COLUMNS,
  type ColumnKey,
  type DisplayRow,
  type TableView,
} from '@/lib/export/table-view';
import { assessmentLabel, RELIABILITY } from '@/lib/scales';
import { formatQuantity } from '@/lib/quantity';

const TH =
  'sticky top-0 z-10 border-b border-slate-200 bg-white px-3 py-2 text-left text-xs font-semibold text-slate-700 shadow-[0_1px_0_var(--color-slate-200)]';
const TD = 'border-b border-slate-100 px-3 py-2.5 align-top text-sm leading-relaxed whitespace-pre-line';
/** The table scrolls in its own box (both ways), under a header that stays in view. */
const SCROLLER = 'max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white';

/** Widths of the columns that hold sentences, so that they wrap instead of stretching the table. */
const COLUMN_WIDTH: Partial<Record<ColumnKey, string>> = {
  statement: 'min-w-56 max-w-sm',
  passage: 'min-w-64 max-w-md',
  document: 'min-w-40 max-w-56',
  assessments: 'min-w-48 max-w-64',
  topic: 'min-w-32 max-w-48',
  source: 'min-w-32 max-w-48',
  tags: 'min-w-24 max-w-40',
  contested: 'min-w-32 max-w-48',
};

/** A quote longer than this is folded to a few lines, with a control to show all of it. */
export const LONG_QUOTE = 220;

/**
 * A long quote: four lines, and "Show all" (a native disclosure, no script needed) lifts the
 * clamp; the text is written once, so a screen reader reads it whole.
 */
function Quote({ text }: { text: string }) {
  if (text.length <= LONG_QUOTE) return <>{text}</>;
  return (
    <div className="group/quote">
      <span className="line-clamp-4 group-has-[details[open]]/quote:line-clamp-none">{text}</span>
      <details className="mt-0.5 text-xs">
        <summary className="cursor-pointer text-indigo-700">
          <span className="group-has-[details[open]]/quote:hidden">Show all</span>
          <span className="hidden group-has-[details[open]]/quote:inline">Show less</span>
          <span className="sr-only"> of the quote</span>
        </summary>
      </details>
    </div>
  );
}

/** What an empty table says: clear the filters, or how the first rows come to be. */
function Empty({
  filtered,
  clearHref,
  children,
}: {
  filtered: boolean;
  clearHref: string;
  children: ReactNode;
}) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
      {filtered ? (
        <>
          Nothing matches these filters.{' '}
          <Link href={clearHref} className="text-indigo-700 underline">
            Clear the filters
          </Link>{' '}
          to see every row.
        </>
      ) : (
        children
      )}
    </p>
  );
}

/** The empty state of the evidence and claim views of a workspace without claims. */
function NoClaims({ workspaceId }: { workspaceId: string }) {
  return (
    <>
      No evidence yet: open a{' '}
      <Link href={`/w/${workspaceId}/documents`} className="text-indigo-700 underline">
        document
      </Link>
      , select a passage and make a claim, then link the evidence for and against it.
    </>
  );
}

/** One row per claim × evidence link: sortable headers, groups, the chosen columns. */
export function EvidenceRowsView({
  workspaceId,
  rows,
  view,
  href,
  filtered,
  clearHref,
}: {
  workspaceId: string;
  rows: DisplayRow[];
  view: TableView;
  href: (over: Record<string, string | undefined>) => string;
  /** Whether a filter is set (an empty table then says to clear them). */
  filtered: boolean;
  clearHref: string;
}) {
  // The rows come in the table's order (sorted and grouped in SQL: db/queries/evidence-table.ts).
  const groups = groupRows(rows, view.group);
  const header = (key: ColumnKey) => {
    const active = view.sort === key;
    const next = active && view.dir === 'asc' ? 'desc' : 'asc';
    return (
      <th
        key={key}
        scope="col"
        className={`${TH} ${COLUMN_WIDTH[key] ?? ''}`}
        aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <Link
          href={href({ sort: key, dir: next === 'desc' ? 'desc' : undefined })}
          className="hover:underline"
        >
          {TABLE_COLUMNS[key]}
          {active ? (view.dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </Link>
      </th>
    );
  };
  if (rows.length === 0)
    return (
      <Empty filtered={filtered} clearHref={clearHref}>
        <NoClaims workspaceId={workspaceId} />
      </Empty>
    );
  return (
    <div className={SCROLLER}>
      <table aria-label="Evidence table" className="w-full border-separate border-spacing-0">
        <thead>
          <tr>{view.cols.map(header)}</tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.label ?? 'all'} aria-label={g.label ?? undefined}>
            {g.label ? (
              <tr>
                <th
                  colSpan={view.cols.length}
                  scope="rowgroup"
                  className="bg-slate-50 px-3 py-1.5 text-left text-sm"
                >
                  {g.label} <span className="font-normal text-slate-500">({g.rows.length})</span>
                </th>
              </tr>
            ) : null}
            {g.rows.map((row, i) => (
              <tr key={`${row.claimId}-${i}`}>
                {view.cols.map((key) => (
                  <td key={key} className={`${TD} ${COLUMN_WIDTH[key] ?? ''}`}>
                    {key === 'statement' ? (
                      <Link
                        href={`/w/${workspaceId}/claims/${row.claimId}`}
                        className="text-indigo-800 hover:underline"
                      >
                        {row.cells.statement}
                      </Link>
                    ) : key === 'passage' ? (
                      <Quote text={row.cells.passage} />
                    ) : (
                      row.cells[key]
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** One row per claim, with its evidence and assessments summarised. */
export function ClaimsView({
  workspaceId,
  claims,
  filtered,
  clearHref,
}: {
  workspaceId: string;
  claims: ExportClaim[];
  filtered: boolean;
  clearHref: string;
}) {
  if (claims.length === 0)
    return (
      <Empty filtered={filtered} clearHref={clearHref}>
        <NoClaims workspaceId={workspaceId} />
      </Empty>
    );
  return (
    <div className={SCROLLER}>
      <table aria-label="Claims" className="w-full border-separate border-spacing-0">
        <thead>
          <tr>
            {['Claim', 'Type', 'Topic', 'Quantity', 'Evidence', 'Assessments', 'Status'].map((h) => (
              <th key={h} scope="col" className={TH}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => (
            <tr key={c.id}>
              <td className={`${TD} ${COLUMN_WIDTH.statement}`}>
                <Link href={`/w/${workspaceId}/claims/${c.id}`} className="text-indigo-800 hover:underline">
                  {c.statement}
                </Link>
              </td>
              <td className={TD}>{c.type}</td>
              <td className={TD}>{c.topic ?? ''}</td>
              <td className={TD}>{c.quantity ? formatQuantity(c.quantity) : ''}</td>
              <td className={TD}>
                {c.evidence
                  .map((e) => `${e.sourceName} (${e.reliability}${e.credibility}, ${e.stance})`)
                  .join('\n')}
              </td>
              <td className={TD}>
                {c.assessments
                  .map((a) => `${a.analyst}: ${assessmentLabel(a.likelihood, a.confidence)}`)
                  .join('\n')}
              </td>
              <td className={TD}>{c.status.replace('_', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each source with its rating history and the claims its evidence touches (the first of them). */
export function SourcesView({
  workspaceId,
  sources,
  filtered,
  clearHref,
}: {
  workspaceId: string;
  filtered: boolean;
  clearHref: string;
  sources: (ExportSource & {
    claims: { claimId: string; statement: string; stance: string; rating: string }[];
    /** How many evidence links of the claims in scope cite the source (the list shows the first). */
    linkCount: number;
  })[];
}) {
  if (sources.length === 0)
    return (
      <Empty filtered={filtered} clearHref={clearHref}>
        No source is cited yet: on a claim, choose “Add evidence” and pick a source of the{' '}
        <Link href={`/w/${workspaceId}/sources`} className="text-indigo-700 underline">
          source registry
        </Link>
        .
      </Empty>
    );
  return (
    <ul aria-label="Sources" className="space-y-3">
      {sources.map((s) => (
        <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-3">
          <article aria-label={s.name}>
            <h3 className="font-medium">
              {s.name}{' '}
              <span className="text-sm font-normal text-slate-600">
                · {s.kind} · {s.reliability} — {RELIABILITY[s.reliability]}
              </span>
            </h3>
            {s.ratings.length ? (
              <ol aria-label="Rating history" className="mt-1 text-xs text-slate-600">
                {s.ratings.map((r, i) => (
                  <li key={i}>
                    {r.changedAt.slice(0, 10)}: {r.previous ? `${r.previous} → ` : ''}
                    {r.reliability} — {r.reason}
                    {r.changedBy ? ` (${r.changedBy})` : ''}
                  </li>
                ))}
              </ol>
            ) : null}
            <ul aria-label="Claims it touches" className="mt-2 space-y-0.5 text-sm">
              {s.claims.map((c, i) => (
                <li key={`${c.claimId}-${i}`}>
                  <span className="mr-1 rounded bg-slate-800 px-1 font-mono text-xs text-white">
                    {c.rating}
                  </span>
                  {c.stance}:{' '}
                  <Link
                    href={`/w/${workspaceId}/claims/${c.claimId}`}
                    className="text-indigo-800 hover:underline"
                  >
                    {c.statement}
                  </Link>
                </li>
              ))}
            </ul>
            {s.linkCount > s.claims.length ? (
              <p className="mt-1 text-xs text-slate-600">
                and {s.linkCount - s.claims.length} more; the exports list them all.
              </p>
            ) : null}
          </article>
        </li>
      ))}
    </ul>
  );
}
