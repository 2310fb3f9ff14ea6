import type { ReactNode } from 'react';
import { requireUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { AppHeader } from '@/components/layout/app-header';
import { listMyWorkspaces } from '@/db/queries/workspaces';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const store = appStore();
  const user = await requireUser();
  const workspaces = await listMyWorkspaces(store, { actor: user });
  return (
    <>
      <a href="#main" className="skip-link print:hidden">
        Skip to content
      </a>
      <AppHeader user={user} workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 print:max-w-none print:p-0">
        {children}
      </main>
    </>
  );
}
