import { jsonRoute, readJson } from '@/app/_server/api';
import { disputeClaim } from '@/db/queries/review';
import { disputeSchema } from '@/lib/review/inputs';

type Params = { claimId: string };

/** Disputes the claim with a reason (it is contested until adjudicated). */
export const POST = jsonRoute<Params>(
  async ({ request, user, params }) => {
    const { reason } = await readJson(request, disputeSchema);
    return disputeClaim({ actor: user, claimId: params.claimId, reason });
  },
  { status: 201 },
);
