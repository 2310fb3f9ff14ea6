import { conditionalEdit, jsonResponse, noContent, readJsonBody, v1Route } from '@/app/_server/api-v1';
import { commentEtag, presentSingleComment } from '@/app/_server/api-v1-presenters-review';
import { appStore } from '@/app/_server/store';
import type { Actor } from '@/db/queries/access';
import { deleteComment, editComment } from '@/db/queries/comments';
import { getComment } from '@/db/queries/review-lists';
import type { Store } from '@/db/store';
import { commentEditSchema } from '@/lib/api/contract/claim-review';

type Params = { commentId: string };

async function current(store: Store, actor: Actor, commentId: string) {
  const comment = await getComment(store, { actor, commentId });
  return { object: comment, body: presentSingleComment(comment), etag: commentEtag(comment) };
}

/** One comment, with its ETag (send it back in If-Match to edit). */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const { body, etag } = await current(appStore(), actor, params.commentId);
  return jsonResponse(body, { etag });
});

/**
 * Edits one's own comment. Needs If-Match (428 without); an ETag of an older text is 412 with the
 * current comment, and nothing is saved.
 */
export const PATCH = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  return conditionalEdit(request, 'comment', params.commentId, {
    readPatch: () => readJsonBody(request, commentEditSchema),
    load: () => current(store, actor, params.commentId),
    apply: (object, patch) =>
      editComment(store, {
        actor,
        commentId: params.commentId,
        body: patch.body,
        expectedVersion: object.version,
      }),
  });
});

/** Deletes one's own comment (an owner: anyone's); its replies stay. */
export const DELETE = v1Route<Params>(async ({ actor, params }) => {
  await deleteComment(appStore(), { actor, commentId: params.commentId });
  return noContent();
});
