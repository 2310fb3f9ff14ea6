import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { reattachAnchor, removeAppearance } from '@/db/queries/claims';
import { passageSchema } from '@/lib/claims';

type Params = { anchorId: string };

/** Re-attaches an anchor (typically an orphan) to a passage of the current revision. */
export const PUT = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const passage = await readJson(request, passageSchema);
  await reattachAnchor(store, { actor: user, anchorId: params.anchorId, passage });
});

export const DELETE = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return removeAppearance(store, { actor: user, anchorId: params.anchorId });
});
