import { v1Route, validate } from '@/app/_server/api-v1';
import { presentAgreement } from '@/app/_server/api-v1-presenters-workspace';
import { appStore } from '@/app/_server/store';
import { getAgreementByTopic } from '@/db/queries/agreement-topics';
import { getAgreement } from '@/db/queries/review-views';
import { agreementQuery } from '@/lib/api/contract/workspace-review';
import { notFound } from '@/lib/errors';

type Params = { workspaceId: string };

/**
 * Agreement between analysts on likelihood (Krippendorff's alpha), the workspace's or ?topic's,
 * with alpha per topic; blind assessments apply as on the Agreement page.
 */
export const GET = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { topic } = validate(agreementQuery, Object.fromEntries(new URL(request.url).searchParams));
  const { workspaceId } = params;
  const [agreement, perTopic] = await Promise.all([
    getAgreement(store, { actor, workspaceId, topicId: topic }),
    getAgreementByTopic(store, { actor, workspaceId }),
  ]);
  // A topic of another workspace (or none) is not found, not an empty agreement.
  if (topic && !agreement.topics.some((t) => t.id === topic)) throw notFound('topic');
  return presentAgreement(agreement, perTopic, topic);
});
