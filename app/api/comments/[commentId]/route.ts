import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { deleteComment, editComment } from '@/db/queries/comments';
import { commentBodySchema } from '@/lib/review/comment-markdown';

type Params = { commentId: string };

const patch = z.object({ body: commentBodySchema, version: z.number().int().min(1) });

/** Edits one's own comment. */
export const PATCH = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const { body, version } = await readJson(request, patch);
  return editComment(store, { actor: user, commentId: params.commentId, body, expectedVersion: version });
});

/** Deletes one's own comment, or, for an owner of the workspace, anyone's. */
export const DELETE = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return deleteComment(store, { actor: user, commentId: params.commentId });
});
