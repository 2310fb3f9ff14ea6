import { EXPORT_FORMATS } from '@/lib/export';

const LINK = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:border-indigo-400';

/**
 * Download links: the table as shown (its columns, order and grouping: CSV and Excel), every
 * column of the claims it shows (its filters: every format), and the whole workspace.
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
  const csvForExcel = (scoped: boolean, view: boolean, scope: string) => (
    <a
      href={url('csv', { bom: true, scoped, view })}
      download
      title="CSV with a byte-order mark, so that Excel reads it as UTF-8"
      className={LINK}
      aria-label={`CSV for Excel ${scope}`}
    >
      CSV for Excel
    </a>
  );
  const all = (scoped: boolean) => {
    const scope = scoped ? 'of these claims' : 'of the whole workspace';
    return (
      <>
        {Object.entries(EXPORT_FORMATS).map(([key, f]) => (
          <a
            key={key}
            href={url(key, { scoped })}
            download
            title={f.description}
            className={LINK}
            aria-label={`${f.label} ${scope}`}
          >
            {f.label}
          </a>
        ))}
        {csvForExcel(scoped, false, scope)}
      </>
    );
  };
  return (
    <section aria-label="Export" className="space-y-1 rounded-lg border border-slate-200 bg-slate-50 p-3">
      {viewQuery !== null ? (
        <>
          <p className="text-sm font-medium">Export this view</p>
          <p className="text-xs text-slate-600">
            The columns, order and grouping shown (the grouping as a first column).
          </p>
          <div className="flex flex-wrap gap-2">
            <a
              href={url('csv', { view: true })}
              download
              title="The table as shown"
              className={LINK}
              aria-label="CSV of this view"
            >
              CSV
            </a>
            {csvForExcel(true, true, 'of this view')}
            <a
              href={url('xlsx', { view: true })}
              download
              title="The table as shown, in one sheet"
              className={LINK}
              aria-label="Excel workbook of this view"
            >
              Excel workbook
            </a>
          </div>
        </>
      ) : null}
      <p className="pt-1 text-sm font-medium">
        {query ? 'All columns of these claims' : 'All columns of every claim'}
      </p>
      <div className="flex flex-wrap gap-2">{all(true)}</div>
      {query ? (
        <>
          <p className="pt-1 text-sm font-medium">Export the whole workspace</p>
          <div className="flex flex-wrap gap-2">{all(false)}</div>
        </>
      ) : null}
    </section>
  );
}
