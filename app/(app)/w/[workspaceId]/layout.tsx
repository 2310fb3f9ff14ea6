import type { ReactNode } from 'react';
import { loadWorkspace } from '@/app/_server/workspace';
import { WorkspaceNav } from '@/components/workspace/workspace-nav';
import { ROLE_LABELS } from '@/lib/permissions';

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  const { workspace } = await loadWorkspace(workspaceId);
  const base = `/w/${workspace.id}`;
  const links = [
    { href: base, label: 'Overview' },
    { href: `${base}/documents`, label: 'Documents' },
    { href: `${base}/sources`, label: 'Sources' },
    { href: `${base}/members`, label: 'Members' },
  ];
  if (workspace.can.includes('workspace.rename')) links.push({ href: `${base}/settings`, label: 'Settings' });
  if (workspace.can.includes('members.manage')) links.push({ href: `${base}/activity`, label: 'Activity' });
  if (workspace.can.includes('trash.purge')) links.push({ href: `${base}/trash`, label: 'Trash' });
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{workspace.name}</h1>
        <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-700">
          Your role: {ROLE_LABELS[workspace.role]}
        </span>
      </div>
      <WorkspaceNav links={links} />
      <div className="mt-6">{children}</div>
    </div>
  );
}
