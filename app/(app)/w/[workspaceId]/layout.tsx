import type { ReactNode } from 'react';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { LiveProvider } from '@/components/live/live-provider';
import { KeyboardHelp } from '@/components/layout/keyboard-help';
import { SearchBox } from '@/components/search/search-box';
import { WorkspaceNav, type NavLink } from '@/components/workspace/workspace-nav';
import { unreadNotificationCount } from '@/db/queries/notifications';
import { reviewQueueCount } from '@/db/queries/review-queue';
import { ROLE_LABELS } from '@/lib/permissions';

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const base = `/w/${workspace.id}`;
  const counts = {
    review: await reviewQueueCount(store, { actor: user, workspaceId }),
    unread: await unreadNotificationCount(store, { actor: user }),
  };
  const links: NavLink[] = [
    { href: base, label: 'Overview' },
    { href: `${base}/documents`, label: 'Documents' },
    { href: `${base}/evidence`, label: 'Evidence' },
    { href: `${base}/topics`, label: 'Topics' },
    { href: `${base}/review`, label: 'Review', count: 'review' },
    { href: `${base}/agreement`, label: 'Agreement' },
    { href: `${base}/sources`, label: 'Sources' },
    { href: `${base}/notifications`, label: 'Notifications', count: 'unread' },
    { href: `${base}/members`, label: 'Members' },
  ];
  if (workspace.can.includes('workspace.rename')) links.push({ href: `${base}/settings`, label: 'Settings' });
  if (workspace.can.includes('members.manage')) links.push({ href: `${base}/activity`, label: 'Activity' });
  if (workspace.can.includes('trash.purge')) links.push({ href: `${base}/trash`, label: 'Trash' });
  return (
    <LiveProvider workspaceId={workspace.id}>
      <div className="flex flex-wrap items-baseline gap-3 print:hidden">
        <h1 className="text-2xl font-semibold">{workspace.name}</h1>
        <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-700">
          Your role: {ROLE_LABELS[workspace.role]}
        </span>
        <SearchBox workspaceId={workspace.id} />
      </div>
      <KeyboardHelp />
      <WorkspaceNav workspaceId={workspace.id} links={links} counts={counts} />
      <div className="mt-6 print:mt-0">{children}</div>
    </LiveProvider>
  );
}
