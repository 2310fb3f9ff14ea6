import { jsonResponse, readJsonBody, v1Route, validate } from '@/app/_server/api-v1';
import {
  commentEtag,
  presentCommentPage,
  presentSingleComment,
} from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import { addComment, listComments } from '@/db/queries/comments';
import { getComment } from '@/db/queries/review-lists';
import { commentCreateSchema, commentListQuery } from '@/lib/api/contract/claim-review';

type Params = { claimId: string };

/** A page of the claim's discussion: the newest threads; `?cursor=` (a page's `nextCursor`) for earlier ones. */
export const GET = v1Route<Params>(async ({ request, actor, params }) => {
  const { cursor, limit } = validate(commentListQuery, Object.fromEntries(new URL(request.url).searchParams));
  const page = await listComments(appStore(), { actor, claimId: params.claimId, cursor, limit });
  return presentCommentPage(params.claimId, page);
});

/** Comments on the claim (or replies to one of its comments): 201 with the comment, its ETag and Location. */
export const POST = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  const { body, parentId } = await readJsonBody(request, commentCreateSchema);
  const { commentId } = await addComment(store, { actor, claimId: params.claimId, body, parentId });
  const comment = await getComment(store, { actor, commentId });
  return jsonResponse(presentSingleComment(comment), {
    status: 201,
    etag: commentEtag(comment),
    location: `/api/v1/comments/${commentId}`,
  });
});
