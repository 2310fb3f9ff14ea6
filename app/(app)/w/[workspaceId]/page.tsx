import Link from 'next/link';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { listDocuments } from '@/db/queries/documents';
import { ACTIONS, ROLE_DESCRIPTIONS } from '@/lib/permissions';

export default async function WorkspaceOverview({ params }: { params: Promise<{ workspaceId: string }> }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const documents = await listDocuments(store, { actor: user, workspaceId });
  const canImport = workspace.can.includes('document.write');
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <div className="space-y-6 md:col-span-2">
        {!canImport ? (
          <p
            role="note"
            className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            You have read-only access to this workspace: you can read and export, not change anything.
          </p>
        ) : null}
        <Card
          title="Recent documents"
          description={`${documents.length} document${documents.length === 1 ? '' : 's'} in this workspace.`}
        >
          {documents.length === 0 ? (
            <p className="text-sm text-slate-600">No documents yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label="Recent documents">
              {documents.slice(0, 5).map((d) => (
                <li key={d.id} className="py-2">
                  <Link
                    href={`/w/${workspaceId}/documents/${d.id}`}
                    className="font-medium text-indigo-800 hover:underline"
                  >
                    {d.title}
                  </Link>
                  <span className="block text-sm text-slate-600">
                    {[d.outlet, d.author, d.publishedOn].filter(Boolean).join(' · ') || 'No source details'} ·{' '}
                    {d.wordCount.toLocaleString('en')} words
                  </span>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 flex gap-3">
            <Link href={`/w/${workspaceId}/documents`} className="py-2 text-sm text-indigo-700 underline">
              All documents
            </Link>
            {canImport ? (
              <Button asChild size="sm">
                <Link href={`/w/${workspaceId}/documents/new`}>Import document</Link>
              </Button>
            ) : null}
          </div>
        </Card>
      </div>
      <Card title="What you can do here" description={`${ROLE_DESCRIPTIONS[workspace.role]}.`}>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" aria-label="Your permissions">
          {workspace.can.map((a) => (
            <li key={a}>{ACTIONS[a]}</li>
          ))}
        </ul>
        <p className="mt-4 text-sm text-slate-700">
          {workspace.memberCount} member{workspace.memberCount === 1 ? '' : 's'} ·{' '}
          <Link href={`/w/${workspaceId}/members`} className="text-indigo-700 underline">
            See the members
          </Link>
        </p>
      </Card>
    </div>
  );
}
