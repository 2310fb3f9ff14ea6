import { jsonResponse, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { commentEtag, presentSingleComment } from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import { setCommentResolved } from '@/db/queries/comments';
import { getComment } from '@/db/queries/review-lists';
import { commentResolutionSchema } from '@/lib/api/contract/claim-review';

type Params = { commentId: string };

/**
 * Resolves (`{ resolved: true }`) or reopens a thread, named by its first comment. Setting a state,
 * it may be repeated; it leaves the comment's text (and ETag) as they are.
 */
export const PUT = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { resolved } = await readJsonBody(request, commentResolutionSchema);
  await setCommentResolved(store, { actor, commentId: params.commentId, resolved });
  const comment = await getComment(store, { actor, commentId: params.commentId });
  return jsonResponse(presentSingleComment(comment), { etag: commentEtag(comment) });
});
