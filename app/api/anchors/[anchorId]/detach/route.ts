import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { detachPassage } from '@/db/queries/passage-review';
import { seenPlaceSchema } from '../seen-place';

type Params = { anchorId: string };

/** Detaches a passage from the text: it becomes orphaned, keeping its last place. */
export const POST = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const seen = await readJson(request, seenPlaceSchema);
  return detachPassage(store, { actor: user, anchorId: params.anchorId, seen });
});
