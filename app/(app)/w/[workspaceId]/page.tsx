import Link from 'next/link';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { getDashboard } from '@/db/queries/dashboard';
import { listDocuments } from '@/db/queries/documents';
import { ACTIONS, ROLE_DESCRIPTIONS } from '@/lib/permissions';
import { claimStatusTitle, type ClaimStatus } from '@/lib/vocabulary';

export default async function WorkspaceOverview({ params }: { params: Promise<{ workspaceId: string }> }) {
  const store = appStore();
  const { workspaceId } = await params;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const [documents, dashboard] = await Promise.all([
    listDocuments(store, { actor: user, workspaceId }),
    getDashboard(store, { actor: user, workspaceId }),
  ]);
  const canImport = workspace.can.includes('document.write');
  const w = `/w/${workspaceId}`;
  const day = (d: Date) => d.toISOString().slice(0, 10);
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
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Contested topics" description="Questions whose claims disagree, most contested first.">
            {dashboard.contestedTopics.length ? (
              <ul aria-label="Contested topics" className="space-y-1 text-sm">
                {dashboard.contestedTopics.map((t) => (
                  <li key={t.id}>
                    <Link href={`${w}/topics/${t.id}`} className="text-indigo-800 underline">
                      {t.question}
                    </Link>{' '}
                    <span className="text-slate-600">
                      — {t.contested} of {t.claims} claims contested
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">
                No topic is contested. Claims that answer one question are compared as they come.
              </p>
            )}
          </Card>
          <Card title="Assigned to you" description="Claims waiting for your review.">
            {dashboard.assignedToMe.length ? (
              <ul aria-label="Assigned to you" className="space-y-1 text-sm">
                {dashboard.assignedToMe.map((c) => (
                  <li key={c.id}>
                    <Link href={`${w}/claims/${c.id}`} className="text-indigo-800 underline">
                      {c.statement}
                    </Link>{' '}
                    <span className="text-slate-600">— {claimStatusTitle(c.status as ClaimStatus)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">
                Nothing is assigned to you. The{' '}
                <Link href={`${w}/review`} className="text-indigo-700 underline">
                  review queue
                </Link>{' '}
                lists what the team has to look at.
              </p>
            )}
          </Card>
          <Card title="Your drafts" description="Claims you made that nobody has reviewed yet.">
            {dashboard.myDrafts.length ? (
              <ul aria-label="Your drafts" className="space-y-1 text-sm">
                {dashboard.myDrafts.map((c) => (
                  <li key={c.id}>
                    <Link href={`${w}/claims/${c.id}`} className="text-indigo-800 underline">
                      {c.statement}
                    </Link>{' '}
                    <span className="text-slate-600">— edited {day(c.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">
                No drafts. Select a passage in a document and press <kbd>c</kbd> to make a claim.
              </p>
            )}
          </Card>
          <Card title="Recent decisions">
            {dashboard.recentDecisions.length ? (
              <ul aria-label="Recent decisions" className="space-y-1 text-sm">
                {dashboard.recentDecisions.map((d, i) => (
                  <li key={`${d.claimId}-${i}`}>
                    <strong>{d.outcome}</strong>{' '}
                    <Link href={`${w}/claims/${d.claimId}`} className="text-indigo-800 underline">
                      {d.statement}
                    </Link>{' '}
                    <span className="text-slate-600">
                      — {d.decidedBy ?? 'a former member'}, {day(d.decidedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">
                No decisions yet: reviewers adjudicate from the review queue.
              </p>
            )}
          </Card>
        </div>
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
      <Card title="Your role" description={`${ROLE_DESCRIPTIONS[workspace.role]}.`}>
        <details className="text-sm text-slate-700">
          <summary className="cursor-pointer">What you can do here</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5" aria-label="Your permissions">
            {workspace.can.map((a) => (
              <li key={a}>{ACTIONS[a]}</li>
            ))}
          </ul>
        </details>
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
