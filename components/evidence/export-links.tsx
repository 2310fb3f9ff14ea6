import { EXPORT_FORMATS } from '@/lib/export';

/** Download links for the current view (the table's filters) and for the whole workspace. */
export function ExportLinks({ workspaceId, query }: { workspaceId: string; query: string }) {
  const url = (format: string, extra = '', scoped = true) => {
    const q = new URLSearchParams(scoped ? query : '');
    q.set('format', format);
    if (extra) q.set('bom', '1');
    return `/api/workspaces/${workspaceId}/export?${q.toString()}`;
  };
  const links = (scoped: boolean) => (
    <>
      {Object.entries(EXPORT_FORMATS).map(([key, f]) => (
        <a
          key={key}
          href={url(key, '', scoped)}
          download
          title={f.description}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:border-indigo-400"
          aria-label={`${f.label}${scoped ? ' of this view' : ' of the whole workspace'}`}
        >
          {f.label}
        </a>
      ))}
      <a
        href={url('csv', 'bom', scoped)}
        download
        title="CSV with a byte-order mark, so that Excel reads it as UTF-8"
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:border-indigo-400"
        aria-label={`CSV for Excel${scoped ? ' of this view' : ' of the whole workspace'}`}
      >
        CSV for Excel
      </a>
    </>
  );
  return (
    <section aria-label="Export" className="space-y-1 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <p className="text-sm font-medium">Export this view</p>
      <div className="flex flex-wrap gap-2">{links(true)}</div>
      {query ? (
        <>
          <p className="pt-1 text-sm font-medium">Export the whole workspace</p>
          <div className="flex flex-wrap gap-2">{links(false)}</div>
        </>
      ) : null}
    </section>
  );
}
