import Link from 'next/link';
import type { ExportClaim, ExportSource } from '@/lib/export/model';
import {
  groupRows,
  sortRows,
  TABLE_COLUMNS,
  type ColumnKey,
  type DisplayRow,
  type TableView,
} from '@/lib/export/table-view';
import { assessmentLabel, RELIABILITY } from '@/lib/scales';
import { formatQuantity } from '@/lib/quantity';

const TH = 'border-b border-slate-200 px-2 py-1.5 text-left text-xs font-semibold text-slate-700';
const TD = 'border-b border-slate-100 px-2 py-1.5 align-top text-sm whitespace-pre-line';

/** One row per claim × evidence link: sortable headers, groups, the chosen columns. */
export function EvidenceRowsView({
  workspaceId,
  rows,
  view,
  href,
}: {
  workspaceId: string;
  rows: DisplayRow[];
  view: TableView;
  href: (over: Record<string, string | undefined>) => string;
}) {
  const groups = groupRows(sortRows(rows, view.sort, view.dir), view.group);
  const header = (key: ColumnKey) => {
    const active = view.sort === key;
    const next = active && view.dir === 'asc' ? 'desc' : 'asc';
    return (
      <th
        key={key}
        scope="col"
        className={TH}
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
  if (rows.length === 0) return <p className="text-sm text-slate-600">No claims match these filters.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label="Evidence table" className="w-full border-collapse">
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
                  className="bg-slate-50 px-2 py-1 text-left text-sm"
                >
                  {g.label} <span className="font-normal text-slate-500">({g.rows.length})</span>
                </th>
              </tr>
            ) : null}
            {g.rows.map((row, i) => (
              <tr key={`${row.claimId}-${i}`}>
                {view.cols.map((key) => (
                  <td key={key} className={TD}>
                    {key === 'statement' ? (
                      <Link
                        href={`/w/${workspaceId}/claims/${row.claimId}`}
                        className="text-indigo-800 hover:underline"
                      >
                        {row.cells.statement}
                      </Link>
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
export function ClaimsView({ workspaceId, claims }: { workspaceId: string; claims: ExportClaim[] }) {
  if (claims.length === 0) return <p className="text-sm text-slate-600">No claims match these filters.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label="Claims" className="w-full border-collapse">
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
              <td className={TD}>
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
}: {
  workspaceId: string;
  sources: (ExportSource & {
    claims: { claimId: string; statement: string; stance: string; rating: string }[];
    /** How many evidence links of the claims in scope cite the source (the list shows the first). */
    linkCount: number;
  })[];
}) {
  if (sources.length === 0) return <p className="text-sm text-slate-600">No sources match these filters.</p>;
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
