'use client';

import { usePathname } from 'next/navigation';
import { WorkspaceSwitcher } from './workspace-switcher';

export function WorkspaceSwitcherFromPath({ workspaces }: { workspaces: { id: string; name: string }[] }) {
  const pathname = usePathname();
  const match = /^\/w\/([^/]+)/.exec(pathname);
  const currentId = match && workspaces.some((w) => w.id === match[1]) ? match[1] : undefined;
  return <WorkspaceSwitcher workspaces={workspaces} currentId={currentId} />;
}
