import type { Metadata } from 'next';
import Link from 'next/link';
import { loadWorkspace } from '@/app/_server/workspace';
import { appStore } from '@/app/_server/store';
import { SourceForm } from '@/components/sources/source-form';
import { UndoTrash } from '@/components/documents/undo-trash';
import { AdmiraltyGrid } from '@/components/charts/admiralty-grid';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { getAdmiraltyGrid } from '@/db/queries/admiralty';
import { listSources } from '@/db/queries/sources';
import { restoreSourceAction } from '../trash/actions';
import { createSourceAction } from './actions';

export const metadata: Metadata = { title: 'Sources · Warrant' };

export default async function SourcesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const store = appStore();
  const { workspaceId } = await params;
  // Just moved to the trash from its page: say so, with an Undo.
  const { trashed: rawTrashed } = await searchParams;
  const trashed = typeof rawTrashed === 'string' && rawTrashed.length <= 100 ? rawTrashed : null;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const [sources, admiralty] = await Promise.all([
    listSources(store, { actor: user, workspaceId }),
    getAdmiraltyGrid(store, { actor: user, workspaceId }),
  ]);
  return (
    <div className="space-y-4">
      {trashed ? (
        <UndoTrash what="The source" restore={restoreSourceAction} fields={{ sourceId: trashed }} />
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card
          title="Source registry"
          description="Reliability uses the Admiralty scale (A completely reliable … F cannot be judged)."
        >
          {sources.length === 0 ? (
            <p className="text-sm text-slate-600">
              {workspace.can.includes('claim.write')
                ? 'No sources yet: add the outlets, officials and reports you cite with “New source”, or while adding evidence to a claim.'
                : 'No sources yet: editors and owners add the outlets, officials and reports the evidence cites.'}
            </p>
          ) : (
            <DataTable label="Sources" columns={['Source', 'Kind', 'Reliability', 'Evidence']}>
              {sources.map((s) => (
                <tr key={s.id} className="border-t border-slate-200">
                  <td className="py-2 pr-4">
                    <Link
                      href={`/w/${workspaceId}/sources/${s.id}`}
                      className="font-medium text-indigo-800 hover:underline"
                    >
                      {s.name}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{s.kind}</td>
                  <td className="py-2 pr-4">
                    <span className="font-mono">{s.reliability}</span> {s.reliabilityLabel}
                  </td>
                  <td className="py-2 tabular-nums">{s.evidenceCount}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
        <div className="space-y-6">
          {workspace.can.includes('claim.write') ? (
            <Card title="New source">
              <SourceForm action={createSourceAction} workspaceId={workspaceId} />
            </Card>
          ) : null}
          <Card title="Admiralty grid">
            <AdmiraltyGrid workspaceId={workspaceId} grid={admiralty.grid} total={admiralty.total} />
          </Card>
        </div>
      </div>
    </div>
  );
}
