import type { Metadata } from 'next';
import { appStore } from '@/app/_server/store';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { TrashRowActions } from '@/components/documents/trash-row-actions';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { listDocuments } from '@/db/queries/documents';
import {
  purgeDocumentAction,
  restoreClaimAction,
  restoreDocumentAction,
  restoreEvidenceAction,
  restoreSourceAction,
} from './actions';
import { listTrashedClaims } from '@/db/queries/claims';
import { ActionButton } from '@/components/ui/action-button';
import { listTrashedSources } from '@/db/queries/sources';
import { listTrashedEvidence } from '@/db/queries/evidence';

export const metadata: Metadata = { title: 'Trash · Warrant' };

export default async function TrashPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user } = await loadWorkspaceFor(workspaceId, 'trash.purge');
  const [docs, claims, trashedSources, trashedEvidence] = await Promise.all([
    listDocuments(store, { actor: user, workspaceId, trashed: true }),
    listTrashedClaims(store, { actor: user, workspaceId }),
    listTrashedSources(store, { actor: user, workspaceId }),
    listTrashedEvidence(store, { actor: user, workspaceId }),
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
                  <ActionButton
                    action={restoreClaimAction}
                    fields={{ claimId: c.id }}
                    label="Restore"
                    ariaLabel={`Restore claim ${c.statement}`}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      <Card title="Sources and evidence in the trash">
        {trashedSources.length + trashedEvidence.length === 0 ? (
          <p className="text-sm text-slate-600">No sources or evidence in the trash.</p>
        ) : (
          <ul className="divide-y divide-slate-200 text-sm">
            {trashedSources.map((src) => (
              <li key={src.id} className="flex items-center justify-between py-2">
                <span>
                  Source <strong>{src.name}</strong> ({src.reliability})
                </span>
                <ActionButton
                  action={restoreSourceAction}
                  fields={{ sourceId: src.id }}
                  label="Restore"
                  ariaLabel={`Restore source ${src.name}`}
                />
              </li>
            ))}
            {trashedEvidence.map((e) => (
              <li key={e.id} className="flex items-center justify-between py-2">
                <span>
                  Evidence: <strong>{e.source}</strong> {e.stance} “{e.claim}”
                </span>
                <ActionButton
                  action={restoreEvidenceAction}
                  fields={{ evidenceId: e.id }}
                  label="Restore"
                  ariaLabel={`Restore evidence from ${e.source}`}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
