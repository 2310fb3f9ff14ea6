import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { trashEvidence, updateEvidence } from '@/db/queries/evidence';
import { evidenceFieldsSchema } from '@/lib/claims';

type Params = { evidenceId: string };
const patch = z.object({ version: z.number().int().min(1), fields: evidenceFieldsSchema });

export const PATCH = jsonRoute<Params>(async ({ request, user, params }) => {
  const store = appStore();
  const { version, fields } = await readJson(request, patch);
  return updateEvidence(store, {
    actor: user,
    evidenceId: params.evidenceId,
    expectedVersion: version,
    fields,
  });
});

export const DELETE = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return trashEvidence(store, { actor: user, evidenceId: params.evidenceId });
});
