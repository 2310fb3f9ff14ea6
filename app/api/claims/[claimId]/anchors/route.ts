import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { addAppearance } from '@/db/queries/claims';
import { passageSchema } from '@/lib/claims';

/** Adds another passage (appearance) to a claim. */
export const POST = jsonRoute<{ claimId: string }>(
  async ({ request, user, params }) => {
    const store = appStore();
    const passage = await readJson(request, passageSchema);
    return addAppearance(store, { actor: user, claimId: params.claimId, passage });
  },
  { status: 201 },
);
