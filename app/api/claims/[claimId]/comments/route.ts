import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { addComment, listComments, listMentionable } from '@/db/queries/comments';
import { commentBodySchema } from '@/lib/review/comment-markdown';

type Params = { claimId: string };

export const GET = jsonRoute<Params>(async ({ user, params }) => {
  const [threads, members] = await Promise.all([
    listComments({ actor: user, claimId: params.claimId }),
    listMentionable({ actor: user, claimId: params.claimId }),
  ]);
  return { threads, members };
});

const post = z.object({ body: commentBodySchema, parentId: z.string().min(1).max(100).nullish() });

export const POST = jsonRoute<Params>(
  async ({ request, user, params }) => {
    const { body, parentId } = await readJson(request, post);
    return addComment({ actor: user, claimId: params.claimId, body, parentId });
  },
  { status: 201 },
);
