import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { disputeClaim } from '@/db/queries/review';
import { disputeSchema } from '@/lib/review/inputs';

type Params = { claimId: string };

/** Disputes the claim with a reason (it is contested until adjudicated). */
export const POST = jsonRoute<Params>(
  async ({ request, user, params }) => {
    const store = appStore();
    const { reason } = await readJson(request, disputeSchema);
    return disputeClaim(store, { actor: user, claimId: params.claimId, reason });
  },
  { status: 201 },
);
