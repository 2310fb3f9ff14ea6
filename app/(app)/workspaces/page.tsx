import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { Card } from '@/components/ui/card';
import { CreateWorkspaceForm } from '@/components/workspace/create-workspace-form';
import { listMyWorkspaces } from '@/db/queries/workspaces';
import { ROLE_LABELS } from '@/lib/permissions';
import { createWorkspaceAction } from './actions';

export const metadata: Metadata = { title: 'Workspaces · Warrant' };

export default async function WorkspacesPage() {
  const store = appStore();
  const user = await requireUser();
  const workspaces = await listMyWorkspaces(store, { actor: user });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your workspaces</h1>
      {workspaces.length === 0 ? (
        <p className="text-slate-600">
          You do not belong to a workspace yet. Create one below, or open an invite link.
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Workspaces">
          {workspaces.map((w) => (
            <li key={w.id}>
              <Link
                href={`/w/${w.id}`}
                className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-400"
              >
                <span className="block font-medium text-slate-900">{w.name}</span>
                <span className="mt-1 block text-sm text-slate-600">
                  {ROLE_LABELS[w.role]} · {w.memberCount} member{w.memberCount === 1 ? '' : 's'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Card
        title="New workspace"
        description="A workspace holds a team's documents, claims and sources. You will be its owner."
      >
        <CreateWorkspaceForm action={createWorkspaceAction} />
      </Card>
    </div>
  );
}
