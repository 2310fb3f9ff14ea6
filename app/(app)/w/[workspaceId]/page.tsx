import Link from 'next/link';
import { loadWorkspace } from '@/app/_server/workspace';
import { Card } from '@/components/ui/card';
import { ACTIONS, ROLE_DESCRIPTIONS } from '@/lib/permissions';

export default async function WorkspaceOverview({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace } = await loadWorkspace(workspaceId);
  const readOnly = !workspace.can.includes('document.write');
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <div className="space-y-6 md:col-span-2">
        {readOnly ? (
          <p
            role="note"
            className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            You have read-only access to this workspace: you can read and export, not change anything.
          </p>
        ) : null}
        <Card title="Members" description="Who works in this workspace.">
          <p className="text-sm text-slate-700">
            {workspace.memberCount} member{workspace.memberCount === 1 ? '' : 's'}.{' '}
            <Link href={`/w/${workspace.id}/members`} className="text-indigo-700 underline">
              See the members
            </Link>
          </p>
        </Card>
      </div>
      <Card title="What you can do here" description={`${ROLE_DESCRIPTIONS[workspace.role]}.`}>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" aria-label="Your permissions">
          {workspace.can.map((a) => (
            <li key={a}>{ACTIONS[a]}</li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
