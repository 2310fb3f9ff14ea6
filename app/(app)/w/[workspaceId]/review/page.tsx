import type { Metadata } from 'next';
import Link from 'next/link';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { LiveRefresh } from '@/components/live/live-refresh';
import { Button } from '@/components/ui/button';
import { getReviewQueue } from '@/db/queries/review-queue';
import { CONTESTED_REASON_LABELS } from '@/lib/review/contested';
import { queueFiltersSchema } from '@/lib/review/inputs';
import { claimStatusTitle } from '@/lib/vocabulary';
import { FilterSelect } from '@/components/ui/filter-select';

export const metadata: Metadata = { title: 'Review queue · Warrant' };

/** Claims shown at once; the filters narrow a longer queue. */
const QUEUE_PAGE = 500;

export default async function ReviewQueuePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const store = appStore();
  const { workspaceId } = await params;
  const raw = await searchParams;
  const filters = queueFiltersSchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined])),
  );
  const { user } = await loadWorkspace(workspaceId);
  const { items, counts, facets } = await getReviewQueue(store, { actor: user, workspaceId, filters });
  const select = (name: string, label: string, any: string, options: { id: string; name: string }[]) => (
    <FilterSelect
      name={name}
      label={label}
      any={any}
      options={options}
      value={(filters as Record<string, string | undefined>)[name]}
    />
  );
  return (
    <div className="space-y-4">
      <LiveRefresh on={['claims']} />
      <div>
        <h2 className="text-lg font-semibold">Review queue</h2>
        <p className="text-sm text-slate-600">
          {counts.contested} contested · {counts.awaitingReview} awaiting review. A claim leaves the queue
          when it is adjudicated or when its reasons no longer hold.
        </p>
      </div>
      <form
        role="search"
        aria-label="Filter the queue"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        {select('reason', 'Reason', 'Any reason', [
          ...Object.entries(CONTESTED_REASON_LABELS).map(([id, name]) => ({ id, name })),
          { id: 'in_review', name: 'awaiting review' },
        ])}
        {select('type', 'Type', 'Any type', facets.types)}
        {select('topic', 'Topic', 'Any topic', facets.topics)}
        {select('document', 'Document', 'Any document', facets.documents)}
        {select('assignee', 'Reviewer', 'Anyone', [
          { id: 'me', name: 'Me' },
          { id: 'none', name: 'Nobody yet' },
          ...facets.reviewers,
        ])}
        <Button type="submit" size="sm">
          Filter
        </Button>
        <Link href={`/w/${workspaceId}/review`} className="text-sm text-indigo-700 hover:underline">
          Clear
        </Link>
      </form>
      {items.length > QUEUE_PAGE ? (
        <p className="text-sm text-slate-600">
          Showing the first {QUEUE_PAGE} of {items.length}; narrow the queue with the filters.
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">
          {counts.total ? (
            <>
              Nothing to review with these filters.{' '}
              <Link href={`/w/${workspaceId}/review`} className="text-indigo-700 underline">
                Clear the filters
              </Link>{' '}
              to see the whole queue.
            </>
          ) : (
            <>
              Nothing to review. A claim comes here when its author submits it for review, or when it becomes
              contested (competing values on one topic, mixed evidence, analysts who disagree, a dispute).
              Meanwhile, the{' '}
              <Link href={`/w/${workspaceId}/evidence`} className="text-indigo-700 underline">
                evidence table
              </Link>{' '}
              lists every claim.
            </>
          )}
        </p>
      ) : (
        <ul aria-label="Claims to review" className="space-y-3">
          {items.slice(0, QUEUE_PAGE).map((item) => (
            <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <article aria-label={item.statement}>
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span
                    aria-hidden
                    className="inline-block h-2.5 w-2.5 rounded-full"
                    style={{ backgroundColor: item.color }}
                  />
                  {item.typeName} · {claimStatusTitle(item.status)}
                  {item.topic ? <> · {item.topic}</> : null}
                  {' · '}
                  {item.reviewer ? `Reviewer: ${item.reviewer.name}` : 'No reviewer yet'}
                </div>
                <h3 className="mt-1 font-medium">
                  <Link
                    href={`/w/${workspaceId}/claims/${item.id}`}
                    className="text-indigo-800 hover:underline"
                  >
                    {item.statement}
                  </Link>
                </h3>
                <ul className="mt-1 space-y-0.5 text-sm">
                  {item.reasons.map((r, i) => (
                    <li key={i}>
                      <span className="mr-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                        {r.label}
                      </span>
                      <span className="text-slate-700">{r.detail}</span>
                    </li>
                  ))}
                  {item.status === 'in_review' ? (
                    <li>
                      <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900">
                        awaiting review
                      </span>
                    </li>
                  ) : null}
                </ul>
                {item.documents.length ? (
                  <p className="mt-1 text-xs text-slate-500">
                    In{' '}
                    {item.documents.map((d, i) => (
                      <span key={d.id}>
                        {i ? ', ' : ''}
                        <Link
                          href={`/w/${workspaceId}/documents/${d.id}?claim=${item.id}`}
                          className="text-indigo-700 hover:underline"
                        >
                          {d.title}
                        </Link>
                      </span>
                    ))}
                  </p>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
