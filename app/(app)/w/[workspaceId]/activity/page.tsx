import type { Metadata } from 'next';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { Card } from '@/components/ui/card';
import { listWorkspaceAuditEvents } from '@/db/queries/audit-log';

export const metadata: Metadata = { title: 'Activity · Warrant' };

export default async function ActivityPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user } = await loadWorkspaceFor(workspaceId, 'members.manage');
  const events = await listWorkspaceAuditEvents({ actor: user, workspaceId });
  return (
    <Card title="Activity" description="The latest 100 entries of this workspace's audit log (append-only).">
      <table className="w-full text-left text-sm">
        <thead className="text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="pb-2 font-medium">When (UTC)</th>
            <th className="pb-2 font-medium">Who</th>
            <th className="pb-2 font-medium">Action</th>
            <th className="pb-2 font-medium">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-t border-slate-200 align-top">
              <td className="py-2 pr-4 whitespace-nowrap">
                {e.at.toISOString().replace('T', ' ').slice(0, 19)}
              </td>
              <td className="py-2 pr-4">{e.actorName ?? 'system'}</td>
              <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
              <td className="py-2 font-mono text-xs break-all text-slate-600">
                {e.details ? JSON.stringify(e.details) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
