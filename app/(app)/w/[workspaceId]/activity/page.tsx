import type { Metadata } from 'next';
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
      <DataTable label="Audit log" columns={['When (UTC)', 'Who', 'Action', 'Details']}>
        {events.map((e) => (
          <tr key={e.id} className="border-t border-slate-200 align-top">
            <td className="py-2 pr-4 whitespace-nowrap">
              {e.at.toISOString().replace('T', ' ').slice(0, 19)}
            </td>
            <td className="py-2 pr-4">{e.actorName ?? 'system'}</td>
            <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
            <td className="py-2 font-mono text-xs break-all text-slate-600">
              {e.hidden ? (
                <span className="font-sans italic">
                  Hidden until you record your own assessment of this claim (blind assessments).
                </span>
              ) : e.details ? (
                JSON.stringify(e.details)
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}
