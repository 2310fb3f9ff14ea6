import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { loadDocumentForPage } from '@/app/_server/workspace';
import { appStore } from '@/app/_server/store';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { compareRevisions, listRevisions } from '@/db/queries/revisions';
import { collapseUnchanged } from '@/lib/documents/word-diff';

export const metadata: Metadata = { title: 'Revisions · Warrant' };

const revisionNumber = z.coerce.number().int().min(1).optional().catch(undefined);

export default async function RevisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; documentId: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const store = appStore();
  const { workspaceId, documentId } = await params;
  const { user, document } = await loadDocumentForPage(workspaceId, documentId);
  const revisions = await listRevisions(store, { actor: user, documentId });
  const sp = await searchParams;
  const latest = revisions[0]!.number;
  const to = Math.min(revisionNumber.parse(sp.to) ?? latest, latest);
  const from = Math.min(revisionNumber.parse(sp.from) ?? Math.max(1, to - 1), latest);
  const comparison =
    revisions.length > 1 && from !== to
      ? await compareRevisions(store, { actor: user, documentId, from, to })
      : null;
  const base = `/w/${workspaceId}/documents/${documentId}`;
  const options = revisions.map((r) => (
    <option key={r.number} value={r.number}>
      Revision {r.number}
    </option>
  ));
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={base} className="text-indigo-700 hover:underline">
          ← {document.title}
        </Link>
      </p>
      <Card title="Revisions" description="Every change of the text is kept as a revision of its own.">
        <DataTable label="Revisions" columns={['Revision', 'By', 'When (UTC)', 'Source', 'Words', '']}>
          {revisions.map((r) => (
            <tr key={r.id} className="border-t border-slate-200">
              <td className="py-2 pr-4">
                {r.number}
                {r.current ? <span className="ml-2 text-xs text-emerald-700">current</span> : null}
                {r.note ? <span className="block text-xs text-slate-500">{r.note}</span> : null}
              </td>
              <td className="py-2 pr-4">{r.createdByName ?? 'a former member'}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                {r.createdAt.toISOString().slice(0, 16).replace('T', ' ')}
              </td>
              <td className="py-2 pr-4">
                {r.format === 'edit' ? 'edited in the reader' : `imported (${r.format})`}
              </td>
              <td className="py-2 pr-4 tabular-nums">{r.wordCount.toLocaleString('en')}</td>
              <td className="py-2 text-right whitespace-nowrap">
                <Link
                  href={`${base}/revisions/${r.number}`}
                  className="text-indigo-700 underline"
                  aria-label={`Read revision ${r.number}`}
                >
                  Read
                </Link>{' '}
                <Link
                  href={`${base}/revisions/${r.number}/passages`}
                  className="ml-2 text-indigo-700 underline"
                  aria-label={`Passages after revision ${r.number}`}
                >
                  Passages
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      </Card>
      {revisions.length > 1 ? (
        <Card title="Compare two revisions">
          <form className="mb-4 flex flex-wrap items-end gap-3" aria-label="Compare revisions">
            <label className="flex flex-col text-xs text-slate-600">
              From
              <select
                name="from"
                defaultValue={from}
                className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              >
                {options}
              </select>
            </label>
            <label className="flex flex-col text-xs text-slate-600">
              To
              <select
                name="to"
                defaultValue={to}
                className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              >
                {options}
              </select>
            </label>
            <Button type="submit" variant="secondary">
              Compare
            </Button>
          </form>
          {comparison ? (
            <section aria-label={`Changes from revision ${from} to revision ${to}`}>
              <p className="mb-3 text-sm text-slate-700">
                Revision {from} → {to}: {comparison.diff.added} word{comparison.diff.added === 1 ? '' : 's'}{' '}
                added, {comparison.diff.removed} removed.
              </p>
              {comparison.diff.replaced ? (
                <p role="status" className="mb-3 text-sm text-slate-700">
                  These revisions differ too much to compare word by word, so each is shown whole: the first
                  as removed, the second as added.
                </p>
              ) : null}
              <div className="max-h-[70vh] overflow-y-auto rounded-md border border-slate-200 p-4 font-serif text-base leading-7 whitespace-pre-wrap">
                {collapseUnchanged(comparison.diff.parts).map((p, i) =>
                  p.kind === 'added' ? (
                    <ins key={i} className="diff-added">
                      {p.text}
                    </ins>
                  ) : p.kind === 'removed' ? (
                    <del key={i} className="diff-removed">
                      {p.text}
                    </del>
                  ) : p.kind === 'gap' ? (
                    <span key={i} className="block py-1 text-center font-sans text-xs text-slate-500">
                      {p.text}
                    </span>
                  ) : (
                    <span key={i}>{p.text}</span>
                  ),
                )}
              </div>
            </section>
          ) : (
            <p className="text-sm text-slate-600">Choose two different revisions.</p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
