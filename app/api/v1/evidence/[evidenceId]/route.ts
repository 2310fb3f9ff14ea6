import {
  conditionalEdit,
  jsonResponse,
  noContent,
  readJsonBody,
  v1Route,
  validate,
} from '@/app/_server/api-v1';
import { presentEvidence } from '@/app/_server/api-v1-presenters';
import { appStore } from '@/app/_server/store';
import type { Actor } from '@/db/queries/access';
import type { Store } from '@/db/store';
import { trashEvidence, updateEvidence } from '@/db/queries/evidence';
import { getEvidence } from '@/db/queries/evidence-views';
import { etag } from '@/lib/api/etag';
import { evidenceFieldsInput, evidencePatchSchema } from '@/lib/api/schemas';
import { evidenceFieldsSchema } from '@/lib/claims';

type Params = { evidenceId: string };

async function current(store: Store, actor: Actor, evidenceId: string) {
  const evidence = await getEvidence(store, { actor, evidenceId });
  return {
    object: evidence,
    body: presentEvidence(evidence, evidence.claimId),
    etag: etag('evidence', evidence.id, evidence.version),
  };
}

/** One piece of evidence, with its ETag. */
export const GET = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  const { body, etag } = await current(store, actor, params.evidenceId);
  return jsonResponse(body, { etag });
});

/** Edits the evidence (fields left out are kept; null clears quote, locator, note, accessedOn). */
export const PATCH = v1Route<Params>(async ({ request, actor, params }) => {
  const store = appStore();
  return conditionalEdit(request, 'evidence', params.evidenceId, {
    readPatch: () => readJsonBody(request, evidencePatchSchema),
    load: () => current(store, actor, params.evidenceId),
    apply: (evidence, patch) =>
      updateEvidence(store, {
        actor,
        evidenceId: params.evidenceId,
        expectedVersion: evidence.version,
        fields: validate(evidenceFieldsSchema, evidenceFieldsInput(patch, evidence)),
      }),
  });
});

/** Moves the evidence to the workspace trash. */
export const DELETE = v1Route<Params>(async ({ actor, params }) => {
  const store = appStore();
  await trashEvidence(store, { actor, evidenceId: params.evidenceId });
  return noContent();
});
