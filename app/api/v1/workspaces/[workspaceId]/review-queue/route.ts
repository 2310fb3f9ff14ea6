import { v1Route, validate } from '@/app/_server/api-v1';
import { presentReviewQueue } from '@/app/_server/api-v1-presenters-workspace';
import { appStore } from '@/app/_server/store';
import { getReviewQueue } from '@/db/queries/review-queue';
import { REVIEW_QUEUE_LIMIT, reviewQueueQuery } from '@/lib/api/contract/workspace-review';

type Params = { workspaceId: string };

/**
 * The review queue: contested claims (with their reasons, under the blind-assessment rule) and
 * claims awaiting review; ?reason, ?type, ?topic, ?document, ?assignee filter, ?offset and
 * ?limit (≤ 500) page.
 */
export const GET = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const {
    limit = REVIEW_QUEUE_LIMIT,
    offset = 0,
    ...filters
  } = validate(reviewQueueQuery, Object.fromEntries(new URL(request.url).searchParams));
  const queue = await getReviewQueue(store, { actor, workspaceId: params.workspaceId, filters });
  return presentReviewQueue(queue, { offset, limit });
});
