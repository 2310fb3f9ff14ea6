import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { trashEvidence, updateEvidence } from '@/db/queries/evidence';
import { evidenceFieldsSchema } from '@/lib/claims';

type Params = { evidenceId: string };
const patch = z.object({ version: z.number().int().min(1), fields: evidenceFieldsSchema });

export const PATCH = jsonRoute<Params>(async ({ request, user, params }) => {
  const { version, fields } = await readJson(request, patch);
  return updateEvidence({ actor: user, evidenceId: params.evidenceId, expectedVersion: version, fields });
});

export const DELETE = jsonRoute<Params>(async ({ user, params }) =>
  trashEvidence({ actor: user, evidenceId: params.evidenceId }),
);
