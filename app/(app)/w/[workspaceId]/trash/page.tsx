import type { Metadata } from 'next';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { TrashRowActions } from '@/components/documents/trash-row-actions';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { listDocuments } from '@/db/queries/documents';
import { purgeDocumentAction, restoreClaimAction, restoreDocumentAction } from './actions';
import { listTrashedClaims } from '@/db/queries/claims';
import { RestoreClaimForm } from '@/components/documents/restore-claim-form';

export const metadata: Metadata = { title: 'Trash · Warrant' };

export default async function TrashPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user } = await loadWorkspaceFor(workspaceId, 'trash.purge');
  const [docs, claims] = await Promise.all([
    listDocuments({ actor: user, workspaceId, trashed: true }),
    listTrashedClaims({ actor: user, workspaceId }),
  ]);
  return (
    <div className="space-y-6">
      <Card title="Documents in the trash" description="Restore them, or delete them for good.">
        {docs.length === 0 ? (
          <p className="text-sm text-slate-600">No documents in the trash.</p>
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
      <Card title="Claims in the trash">
        {claims.length === 0 ? (
          <p className="text-sm text-slate-600">No claims in the trash.</p>
        ) : (
          <DataTable label="Trashed claims" columns={['Claim', 'Deleted (UTC)', '']}>
            {claims.map((c) => (
              <tr key={c.id} className="border-t border-slate-200">
                <td className="py-2 pr-4">{c.statement}</td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {c.deletedAt?.toISOString().slice(0, 16).replace('T', ' ')}
                </td>
                <td className="py-2">
                  <RestoreClaimForm action={restoreClaimAction} claimId={c.id} statement={c.statement} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
