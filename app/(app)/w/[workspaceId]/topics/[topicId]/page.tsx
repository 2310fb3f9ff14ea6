import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { AchMatrix } from '@/components/charts/ach-matrix';
import { NumberLine } from '@/components/charts/number-line';
import { getTopicAch } from '@/db/queries/ach';
import { getEvidenceTable } from '@/db/queries/evidence-table';
import { listWorkspaceTopics } from '@/db/queries/topics';
import { formatQuantity } from '@/lib/quantity';
import { admiraltyCode, assessmentLabel } from '@/lib/scales';
import { claimStatusTitle } from '@/lib/vocabulary';

export const metadata: Metadata = { title: 'Topic · Warrant' };

/** One topic: its claims side by side (by value), each with its evidence, assessments and status. */
export default async function TopicPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; topicId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceId, topicId } = await params;
  const mergedParam = (await searchParams).merged;
  const merged =
    typeof mergedParam === 'string' && /^\d{1,7}$/.test(mergedParam) ? Number(mergedParam) : null;
  const { user } = await loadWorkspace(workspaceId);
  const store = appStore();
  const topic = (await listWorkspaceTopics(store, { actor: user, workspaceId })).find(
    (t) => t.id === topicId,
  );
  if (!topic) notFound();
  const [table, ach] = await Promise.all([
    getEvidenceTable(store, {
      actor: user,
      workspaceId,
      filters: { topic: topicId },
      baseUrl: '',
      view: 'claims',
    }),
    getTopicAch(store, { actor: user, workspaceId, topicId }),
  ]);
  const claims = [...table.claims].sort(
    (a, b) =>
      (a.quantity?.min ?? Infinity) - (b.quantity?.min ?? Infinity) || a.createdAt.localeCompare(b.createdAt),
  );
  return (
    <div className="space-y-4">
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href={`/w/${workspaceId}/topics`} className="text-indigo-700 hover:underline">
          ← Topics
        </Link>
        <Link
          href={`/w/${workspaceId}/brief?topic=${encodeURIComponent(topicId)}`}
          className="text-indigo-700 hover:underline"
        >
          Brief of this topic
        </Link>
      </p>
      <h2 className="text-lg font-semibold">{topic.question}</h2>
      {merged !== null ? (
        <p role="status" className="rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
          Merged: {merged} claim{merged === 1 ? '' : 's'} moved, and compared with the others.
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        {claims.length} claim{claims.length === 1 ? '' : 's'}, by value
        {topic.contested ? `; ${topic.contested} contested` : ''}.
      </p>
      {claims.length === 0 ? (
        <p className="text-sm text-slate-600">No claim answers this question now.</p>
      ) : (
        <ul aria-label="Competing claims" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {claims.map((c) => (
            <li key={c.id}>
              <article
                aria-label={`Claim: ${c.statement}`}
                className="h-full space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
              >
                <h3 className="font-medium">
                  <Link href={`/w/${workspaceId}/claims/${c.id}`} className="text-indigo-800 hover:underline">
                    {c.statement}
                  </Link>
                </h3>
                <p className="flex flex-wrap gap-2">
                  {c.quantity ? (
                    <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-medium text-indigo-900">
                      {formatQuantity(c.quantity)}
                    </span>
                  ) : null}
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs">
                    {claimStatusTitle(c.status)}
                    {c.alternativeOf ? ' (alternative)' : ''}
                  </span>
                </p>
                {c.contested.length ? (
                  <p className="rounded bg-amber-50 px-2 py-1 text-amber-950">
                    Contested: {c.contested.join('; ')}
                  </p>
                ) : null}
                <section aria-label="Evidence">
                  <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Evidence</h4>
                  {c.evidence.length ? (
                    <ul className="space-y-0.5">
                      {c.evidence.map((e) => (
                        <li key={e.id}>
                          <strong>{admiraltyCode(e.reliability, e.credibility)}</strong> {e.sourceName}{' '}
                          {e.stance}
                          {e.quote ? <span className="text-slate-600"> — “{e.quote}”</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-slate-500">None yet.</p>
                  )}
                </section>
                <section aria-label="Assessments">
                  <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Assessments</h4>
                  {c.assessments.length ? (
                    <ul className="space-y-0.5">
                      {c.assessments.map((a) => (
                        <li key={a.id}>
                          {a.analyst}: {assessmentLabel(a.likelihood, a.confidence)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="text-slate-500">None you may see yet.</p>
                  )}
                </section>
              </article>
            </li>
          ))}
        </ul>
      )}
      <NumberLine workspaceId={workspaceId} claims={claims} />
      <AchMatrix workspaceId={workspaceId} matrix={ach} />
    </div>
  );
}
