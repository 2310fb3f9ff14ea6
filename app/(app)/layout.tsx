import type { ReactNode } from 'react';
import { requireUser } from '@/app/_server/auth';
import { AppHeader } from '@/components/layout/app-header';
import { listMyWorkspaces } from '@/db/queries/workspaces';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const workspaces = await listMyWorkspaces({ actor: user });
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppHeader user={user} workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
