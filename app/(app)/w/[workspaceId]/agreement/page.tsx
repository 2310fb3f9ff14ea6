import type { Metadata } from 'next';
import Link from 'next/link';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { AlphaByTopic } from '@/components/charts/alpha-by-topic';
import { Button } from '@/components/ui/button';
import { getAgreementByTopic } from '@/db/queries/agreement-topics';
import { getAgreement } from '@/db/queries/review-views';

export const metadata: Metadata = { title: 'Agreement · Warrant' };

/** Inter-analyst agreement on likelihood (Krippendorff's alpha, ordinal), workspace-wide or per topic. */
export default async function AgreementPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<{ topic?: string | string[] }>;
}) {
  const store = appStore();
  const { workspaceId } = await params;
  const { topic } = await searchParams;
  const topicId = typeof topic === 'string' && topic ? topic : undefined;
  const { user } = await loadWorkspace(workspaceId);
  const [agreement, perTopic] = await Promise.all([
    getAgreement(store, { actor: user, workspaceId, topicId }),
    getAgreementByTopic(store, { actor: user, workspaceId }),
  ]);
  const topicName = agreement.topics.find((t) => t.id === topicId)?.question;
  return (
    <div className="max-w-3xl space-y-4">
      <h2 className="text-lg font-semibold">Agreement between analysts</h2>
      <form role="search" aria-label="Choose a topic" className="flex items-end gap-2">
        <label className="flex flex-col text-xs text-slate-600">
          Topic
          <select
            name="topic"
            defaultValue={topicId ?? ''}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">The whole workspace</option>
            {agreement.topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.question}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" type="submit">
          Show
        </Button>
      </form>
      <section
        aria-label="Agreement on likelihood"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <p className="text-sm text-slate-600">
          Likelihood ratings on {topicName ? `“${topicName}”` : 'the whole workspace'}: Krippendorff’s alpha
          (ordinal), over the claims that two or more analysts assessed.
        </p>
        <p className="mt-2 text-3xl font-semibold" aria-label="Alpha">
          α = {agreement.alpha === null ? 'not computable' : agreement.alpha.toFixed(3)}
        </p>
        <p className="text-sm text-slate-800">{agreement.interpretation}</p>
        <p className="mt-1 text-xs text-slate-500">
          {agreement.units} claims · {agreement.raters} analysts · {agreement.pairableValues} ratings
        </p>
        {agreement.hiddenClaims ? (
          <p className="mt-2 text-sm text-slate-700">
            Blind assessments: {agreement.hiddenClaims}{' '}
            {agreement.hiddenClaims === 1
              ? 'claim that others assessed is'
              : 'claims that others assessed are'}{' '}
            left out of these numbers until you record your own assessment of{' '}
            {agreement.hiddenClaims === 1 ? 'it' : 'them'}.
          </p>
        ) : null}
      </section>
      <AlphaByTopic workspaceId={workspaceId} topics={perTopic.topics} omitted={perTopic.omitted} />
      {agreement.drivers.length ? (
        <section aria-label="Claims that drive disagreement" className="space-y-2">
          <h3 className="font-semibold">Claims that drive disagreement</h3>
          <ol className="space-y-2">
            {agreement.drivers.map((d) => (
              <li key={d.claimId} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
                <Link
                  href={`/w/${workspaceId}/claims/${d.claimId}`}
                  className="text-indigo-800 hover:underline"
                >
                  {d.statement}
                </Link>
                <span className="block text-xs text-slate-600">
                  {Math.round(d.share * 100)}% of the disagreement · from {d.spread}
                </span>
                <span className="block text-xs text-slate-700">
                  {d.ratings.map((r) => `${r.name}: ${r.label}`).join(' · ')}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
