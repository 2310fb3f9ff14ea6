import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadWorkspace } from '@/app/_server/workspace';
import { appStore } from '@/app/_server/store';
import { SourceForm } from '@/components/sources/source-form';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { getSource } from '@/db/queries/sources';
import { isAppError } from '@/lib/errors';
import { admiraltyCode, RELIABILITY } from '@/lib/scales';
import { trashSourceAction, updateSourceAction } from '../actions';
import { ActionButton } from '@/components/ui/action-button';

export const metadata: Metadata = { title: 'Source · Warrant' };

export default async function SourcePage({
  params,
}: {
  params: Promise<{ workspaceId: string; sourceId: string }>;
}) {
  const store = appStore();
  const { workspaceId, sourceId } = await params;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const source = await getSource(store, { actor: user, sourceId }).catch((error: unknown) => {
    if (isAppError(error) && error.kind === 'not_found') notFound();
    throw error;
  });
  if (source.workspaceId !== workspaceId) notFound();
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/w/${workspaceId}/sources`} className="text-indigo-700 hover:underline">
          ← Sources
        </Link>
      </p>
      <h2 className="text-2xl font-semibold">
        {source.name}{' '}
        <span className="text-base font-normal text-slate-600">
          {source.reliability} — {source.reliabilityLabel} · {source.evidenceCount} evidence link
          {source.evidenceCount === 1 ? '' : 's'}
        </span>
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        {workspace.can.includes('claim.write') ? (
          <Card title="Edit source">
            <SourceForm action={updateSourceAction} workspaceId={workspaceId} source={source} />
            <div className="mt-4 flex justify-start border-t border-slate-200 pt-3">
              <ActionButton
                action={trashSourceAction}
                fields={{ workspaceId, sourceId: source.id }}
                label="Move source to trash"
                variant="ghost"
              />
            </div>
          </Card>
        ) : null}
        <Card title="Rating history">
          <DataTable label="Rating history" columns={['When (UTC)', 'Rating', 'Reason', 'By']}>
            {source.history.map((h, i) => (
              <tr key={i} className="border-t border-slate-200 align-top">
                <td className="py-2 pr-3 whitespace-nowrap">
                  {h.changedAt.toISOString().slice(0, 16).replace('T', ' ')}
                </td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  {h.previous ? `${h.previous} → ` : ''}
                  {h.reliability} ({RELIABILITY[h.reliability]})
                </td>
                <td className="py-2 pr-3">{h.reason}</td>
                <td className="py-2">{h.changedBy ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        </Card>
      </div>
      <Card title="Evidence from this source">
        {source.evidence.length ? (
          <DataTable
            label="Evidence from this source"
            columns={['Claim', 'Rating', 'Stance', 'Quote', 'Where']}
          >
            {source.evidence.map((e) => (
              <tr key={e.id} className="border-t border-slate-200 align-top">
                <td className="py-2 pr-3">
                  <Link
                    href={`/w/${workspaceId}/claims/${e.claimId}#evidence-${e.id}`}
                    className="text-indigo-800 hover:underline"
                  >
                    {e.statement}
                  </Link>
                </td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  {admiraltyCode(source.reliability, e.credibility)}
                </td>
                <td className="py-2 pr-3">{e.stance}</td>
                <td className="py-2 pr-3">{e.quote ? `“${e.quote}”` : '—'}</td>
                <td className="py-2">{e.locator ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-sm text-slate-600">
            No evidence cites this source yet: on a claim, choose “Add evidence” and pick it.
          </p>
        )}
        {source.evidenceCount > source.evidence.length ? (
          <p className="mt-2 text-sm text-slate-600">
            The latest {source.evidence.length} of {source.evidenceCount}; the evidence table (filtered by
            this source) lists them all.
          </p>
        ) : null}
      </Card>
    </div>
  );
}
