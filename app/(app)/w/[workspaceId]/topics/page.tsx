import type { Metadata } from 'next';
import Link from 'next/link';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { TopicControls } from '@/components/workspace/topic-forms';
import { listWorkspaceTopics } from '@/db/queries/topics';
import { deleteTopicAction, mergeTopicAction, renameTopicAction } from './actions';

export const metadata: Metadata = { title: 'Topics · Warrant' };

/** The questions the workspace's claims answer, each with its claims; owners tidy them. */
export default async function TopicsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const topics = await listWorkspaceTopics(appStore(), { actor: user, workspaceId });
  const manage = workspace.can.includes('topics.manage');
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Topics</h2>
        <p className="text-sm text-slate-600">
          The questions claims answer. Claims of one topic are compared: competing values are flagged. One
          question is one topic however it is spelled; topics that look alike are marked here
          {manage ? ', to merge when they are the same question' : ''}.
        </p>
      </div>
      {topics.length === 0 ? (
        <p className="text-sm text-slate-600">
          No topics yet: open a{' '}
          <Link href={`/w/${workspaceId}/documents`} className="text-indigo-700 underline">
            document
          </Link>
          , make a claim of a passage and give it the question it answers (“How much ransom was paid?”).
        </p>
      ) : (
        <ul aria-label="Topics" className="space-y-3">
          {topics.map((t) => (
            <li key={t.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
              <article aria-label={`Topic: ${t.question}`} className="space-y-1">
                <h3 className="font-medium">
                  <Link href={`/w/${workspaceId}/topics/${t.id}`} className="text-indigo-800 hover:underline">
                    {t.question}
                  </Link>
                </h3>
                <p className="text-sm text-slate-600">
                  {t.claims} claim{t.claims === 1 ? '' : 's'}
                  {t.withQuantity ? `, ${t.withQuantity} with a value` : ''}
                  {t.contested ? `, ${t.contested} contested` : ''}
                </p>
                {t.similar.length ? (
                  <p role="note" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-950">
                    Looks like: {t.similar.map((s) => `“${s.question}”`).join(', ')}
                  </p>
                ) : null}
              </article>
              {manage ? (
                <TopicControls
                  workspaceId={workspaceId}
                  topic={t}
                  others={topics
                    .filter((o) => o.id !== t.id)
                    .map((o) => ({ id: o.id, question: o.question }))}
                  rename={renameTopicAction}
                  merge={mergeTopicAction}
                  remove={deleteTopicAction}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
