import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { saveMyAssessment } from '@/db/queries/assessments';
import { assessmentFieldsSchema } from '@/lib/claims';

const body = z.object({ version: z.number().int().min(1).nullable(), fields: assessmentFieldsSchema });

/** Records or revises the signed-in analyst's own assessment of the claim. */
export const PUT = jsonRoute<{ claimId: string }>(async ({ request, user, params }) => {
  const store = appStore();
  const { version, fields } = await readJson(request, body);
  return saveMyAssessment(store, { actor: user, claimId: params.claimId, fields, expectedVersion: version });
});
