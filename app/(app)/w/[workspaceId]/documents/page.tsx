import type { Metadata } from 'next';
import Link from 'next/link';
import { loadWorkspace } from '@/app/_server/workspace';
import { appStore } from '@/app/_server/store';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/table';
import { UndoTrash } from '@/components/documents/undo-trash';
import { restoreDocumentAction } from '../trash/actions';
import { listDocumentFacets, listDocuments } from '@/db/queries/documents';
import { DOCUMENT_SORTS, documentListQuerySchema } from '@/lib/documents/metadata';

export const metadata: Metadata = { title: 'Documents · Warrant' };

const SORT_LABELS: Record<(typeof DOCUMENT_SORTS)[number], string> = {
  updated: 'Last changed',
  title: 'Title',
  published: 'Publication date',
  outlet: 'Outlet',
  author: 'Author',
};
const CONTROL = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export default async function DocumentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const store = appStore();
  const { workspaceId } = await params;
  const raw = await searchParams;
  const query = documentListQuerySchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const { user, workspace } = await loadWorkspace(workspaceId);
  const [docs, facets] = await Promise.all([
    listDocuments(store, { actor: user, workspaceId, query }),
    listDocumentFacets(store, { actor: user, workspaceId }),
  ]);
  const filtered = Boolean(query.q || query.outlet || query.author || query.from || query.to);
  // Just moved to the trash (the document's "Move to trash"): say so, with an Undo.
  const trashed = typeof raw.trashed === 'string' && raw.trashed.length <= 100 ? raw.trashed : null;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">Documents</h2>
        {workspace.can.includes('document.write') ? (
          <Button asChild>
            <Link href={`/w/${workspaceId}/documents/new`}>Import document</Link>
          </Button>
        ) : null}
      </div>
      {trashed ? <UndoTrash restore={restoreDocumentAction} fields={{ documentId: trashed }} /> : null}
      <form
        role="search"
        aria-label="Find documents"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <label className="flex flex-col text-xs text-slate-600">
          Title contains
          <input name="q" defaultValue={query.q ?? ''} className={CONTROL} />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Outlet
          <select name="outlet" defaultValue={query.outlet ?? ''} className={CONTROL}>
            <option value="">Any outlet</option>
            {facets.outlets.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Author
          <select name="author" defaultValue={query.author ?? ''} className={CONTROL}>
            <option value="">Any author</option>
            {facets.authors.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Published from
          <input type="date" name="from" defaultValue={query.from ?? ''} className={CONTROL} />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          to
          <input type="date" name="to" defaultValue={query.to ?? ''} className={CONTROL} />
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Sort by
          <select name="sort" defaultValue={query.sort ?? 'updated'} className={CONTROL}>
            {DOCUMENT_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {filtered ? (
          <Link href={`/w/${workspaceId}/documents`} className="py-2 text-sm text-indigo-700 underline">
            Clear
          </Link>
        ) : null}
      </form>
      {docs.length === 0 ? (
        <p className="text-slate-600">
          {filtered ? (
            <>
              No document matches these filters.{' '}
              <Link href={`/w/${workspaceId}/documents`} className="text-indigo-700 underline">
                Clear the filters
              </Link>{' '}
              to see them all.
            </>
          ) : workspace.can.includes('document.write') ? (
            <>
              No documents yet:{' '}
              <Link href={`/w/${workspaceId}/documents/new`} className="text-indigo-700 underline">
                import one
              </Link>{' '}
              (paste its text or upload a file), then select passages in it to make claims.
            </>
          ) : (
            'No documents yet: editors and owners import them here; you will then read them and their claims.'
          )}
        </p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <DataTable
            label="Documents"
            columns={['Title', 'Author', 'Outlet', 'Published', 'Claims', 'Words', 'Revisions', 'Changed']}
          >
            {docs.map((d) => (
              <tr key={d.id} className="border-t border-slate-200">
                <td className="py-2 pr-4">
                  <Link
                    href={`/w/${workspaceId}/documents/${d.id}`}
                    className="font-medium text-indigo-800 hover:underline"
                  >
                    {d.title}
                  </Link>
                </td>
                <td className="py-2 pr-4">{d.author ?? '—'}</td>
                <td className="py-2 pr-4">{d.outlet ?? '—'}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{d.publishedOn ?? '—'}</td>
                <td className="py-2 pr-4 tabular-nums">{d.claimCount ?? 0}</td>
                <td className="py-2 pr-4 tabular-nums">{d.wordCount.toLocaleString('en')}</td>
                <td className="py-2 pr-4 tabular-nums">{d.revisionCount}</td>
                <td className="py-2 whitespace-nowrap">{d.updatedAt.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </div>
  );
}
