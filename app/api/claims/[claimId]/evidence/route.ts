import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { addEvidence } from '@/db/queries/evidence';
import { evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';

const body = z.object({
  source: z.union([z.object({ id: z.string().min(1).max(100) }), z.object({ create: sourceFieldsSchema })]),
  fields: evidenceFieldsSchema,
});

/** Links the claim to a source (from the registry, or created on the spot). */
export const POST = jsonRoute<{ claimId: string }>(
  async ({ request, user, params }) => {
    const store = appStore();
    const { source, fields } = await readJson(request, body);
    return addEvidence(store, { actor: user, claimId: params.claimId, source, fields });
  },
  { status: 201 },
);
