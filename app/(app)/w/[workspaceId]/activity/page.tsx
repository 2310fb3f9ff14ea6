import type { Metadata } from 'next';
import Link from 'next/link';
import { appStore } from '@/app/_server/store';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/table';
import { listWorkspaceAuditEvents } from '@/db/queries/audit-log';

export const metadata: Metadata = { title: 'Activity · Warrant' };

export default async function ActivityPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user } = await loadWorkspaceFor(workspaceId, 'members.manage');
  const events = await listWorkspaceAuditEvents(store, { actor: user, workspaceId });
  return (
    <Card title="Activity" description="The latest 100 entries of this workspace's audit log (append-only).">
      <DataTable label="Audit log" columns={['When (UTC)', 'What happened']}>
        {events.map((e) => (
          <tr key={e.id} className="border-t border-slate-200 align-top">
            <td className="py-2 pr-4 whitespace-nowrap">
              {e.at.toISOString().replace('T', ' ').slice(0, 19)}
            </td>
            <td className="py-2">
              <p>
                <strong>{e.actorName ?? 'The system'}</strong> {e.summary}
                {e.object?.label ? (
                  <>
                    {' '}
                    {e.href ? (
                      <Link href={e.href} className="text-indigo-800 underline">
                        “{e.object.label}”
                      </Link>
                    ) : (
                      `“${e.object.label}”`
                    )}
                  </>
                ) : null}
              </p>
              {e.hidden ? (
                <p className="text-sm text-slate-600 italic">
                  Hidden until you record your own assessment of this claim (blind assessments).
                </p>
              ) : e.note ? (
                <p className="text-sm text-slate-600">{e.note}</p>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
