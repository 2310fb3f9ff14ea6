import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { setBlindAssessments } from '@/db/queries/review';

type Params = { workspaceId: string };

/** Owners switch blind assessments on or off. */
export const PUT = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const { blind } = await readJson(request, z.object({ blind: z.boolean() }));
  await setBlindAssessments(store, { actor: user, workspaceId: params.workspaceId, blind });
  return { blind };
});
