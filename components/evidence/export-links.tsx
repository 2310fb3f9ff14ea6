import Link from 'next/link';
import { EXPORT_FORMATS, type ExportFormat } from '@/lib/export';

const LINK = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:border-indigo-400';
const LIST = 'grid gap-x-6 gap-y-1.5 sm:grid-cols-2';
const ITEM = 'flex flex-wrap items-baseline gap-x-2 gap-y-0.5';
const USE = 'text-xs text-slate-600';

/**
 * What each format is for, in the reader's words, shown beside its link. A format without one
 * here (a new one) shows the description of lib/export.
 */
const USES: Partial<Record<ExportFormat, string>> = {
  csv: 'for spreadsheets and scripts: one row per claim and evidence link',
  xlsx: 'for Excel: claims, evidence, sources and assessments, a sheet each',
  json: 'for scripts and other systems (JSON): everything, with ids',
  w3c: 'for other annotation tools (W3C Web Annotation): the passages and their claims',
  claimreview: 'for fact-check publishers (ClaimReview): the adjudicated claims',
  markdown: 'a brief to send: topic by topic, in Markdown',
  html: 'a brief to read, print or send: the same brief as a web page',
};
const EXCEL_CSV_USE = 'for Excel: the CSV marked as UTF-8, so accents and € read right';

/** One download: a short link name, and what it is for, tied to it with aria-describedby. */
function Download({
  id,
  href,
  label,
  name,
  use,
}: {
  id: string;
  href: string;
  /** The link's accessible name: the format and its scope ("CSV of these claims"). */
  label: string;
  /** The visible text of the link (the format). */
  name: string;
  use: string;
}) {
  return (
    <li className={ITEM}>
      <a href={href} download className={LINK} aria-label={label} aria-describedby={id}>
        {name}
      </a>
      <span id={id} className={USE}>
        {use}
      </span>
    </li>
  );
}

/**
 * Download links: the table as shown (its columns, order and grouping: CSV and Excel), every
 * column of the claims it shows (its filters: every format), and the whole workspace. Each says
 * what it is for.
 */
export function ExportLinks({
  workspaceId,
  query,
  viewQuery,
}: {
  workspaceId: string;
  /** The table's filters, as a query string. */
  query: string;
  /** The table's columns, sort and grouping, as a query string; null when the view has none to follow. */
  viewQuery: string | null;
}) {
  const url = (format: string, { bom = false, scoped = true, view = false } = {}) => {
    const q = new URLSearchParams(scoped ? query : '');
    if (view) {
      q.set('columns', 'view');
      for (const [k, v] of new URLSearchParams(viewQuery ?? '')) q.set(k, v);
    }
    q.set('format', format);
    if (bom) q.set('bom', '1');
    return `/api/workspaces/${workspaceId}/export?${q.toString()}`;
  };
  const all = (scoped: boolean) => {
    const scope = scoped ? 'of these claims' : 'of the whole workspace';
    const part = scoped ? 'scoped' : 'workspace';
    return (
      <ul aria-label={scoped ? 'Formats of these claims' : 'Formats of the whole workspace'} className={LIST}>
        {(Object.entries(EXPORT_FORMATS) as [ExportFormat, (typeof EXPORT_FORMATS)[ExportFormat]][]).map(
          ([key, f]) => (
            <Download
              key={key}
              id={`export-${part}-${key}`}
              href={url(key, { scoped })}
              label={`${f.label} ${scope}`}
              name={f.label}
              use={USES[key] ?? f.description}
            />
          ),
        )}
        <Download
          id={`export-${part}-csv-excel`}
          href={url('csv', { bom: true, scoped })}
          label={`CSV for Excel ${scope}`}
          name="CSV for Excel"
          use={EXCEL_CSV_USE}
        />
      </ul>
    );
  };
  return (
    <section aria-label="Export" className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <p className={ITEM}>
        <Link
          href={`/w/${workspaceId}/brief${query ? `?${query}` : ''}`}
          className={LINK}
          aria-describedby="export-print-brief"
        >
          Print brief
        </Link>
        <span id="export-print-brief" className={USE}>
          the brief of {query ? 'these claims' : 'every claim'} as a page, to read, print or save as PDF
        </span>
      </p>
      {viewQuery !== null ? (
        <div className="space-y-1">
          <p className="text-sm font-medium">Export this view</p>
          <p className="text-xs text-slate-600">
            The columns, order and grouping shown (the grouping as a first column).
          </p>
          <ul aria-label="Formats of this view" className={LIST}>
            <Download
              id="export-view-csv"
              href={url('csv', { view: true })}
              label="CSV of this view"
              name="CSV"
              use="the table as shown, for spreadsheets and scripts"
            />
            <Download
              id="export-view-csv-excel"
              href={url('csv', { bom: true, scoped: true, view: true })}
              label="CSV for Excel of this view"
              name="CSV for Excel"
              use="the table as shown, for Excel (marked as UTF-8)"
            />
            <Download
              id="export-view-xlsx"
              href={url('xlsx', { view: true })}
              label="Excel workbook of this view"
              name="Excel workbook"
              use="the table as shown, for Excel, in one sheet"
            />
          </ul>
        </div>
      ) : null}
      <div className="space-y-1">
        <p className="pt-1 text-sm font-medium">
          {query ? 'All columns of these claims' : 'All columns of every claim'}
        </p>
        {all(true)}
      </div>
      {query ? (
        <div className="space-y-1">
          <p className="pt-1 text-sm font-medium">Export the whole workspace</p>
          {all(false)}
        </div>
      ) : null}
    </section>
  );
}
