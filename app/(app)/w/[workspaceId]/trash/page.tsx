import type { Metadata } from 'next';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { TrashRowActions } from '@/components/documents/trash-row-actions';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { listDocuments } from '@/db/queries/documents';
import { purgeDocumentAction, restoreDocumentAction } from './actions';

export const metadata: Metadata = { title: 'Trash · Warrant' };

export default async function TrashPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user } = await loadWorkspaceFor(workspaceId, 'trash.purge');
  const docs = await listDocuments({ actor: user, workspaceId, trashed: true });
  return (
    <Card title="Trash" description="Documents moved to the trash. Restore them, or delete them for good.">
      {docs.length === 0 ? (
        <p className="text-sm text-slate-600">The trash is empty.</p>
      ) : (
        <DataTable label="Trashed documents" columns={['Title', 'Outlet', 'Words', '']}>
          {docs.map((d) => (
            <tr key={d.id} className="border-t border-slate-200">
              <td className="py-2 pr-4 font-medium">{d.title}</td>
              <td className="py-2 pr-4">{d.outlet ?? '—'}</td>
              <td className="py-2 pr-4 tabular-nums">{d.wordCount.toLocaleString('en')}</td>
              <td className="py-2">
                <TrashRowActions
                  documentId={d.id}
                  title={d.title}
                  restore={restoreDocumentAction}
                  purge={purgeDocumentAction}
                />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
