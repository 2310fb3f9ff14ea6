import { z } from 'zod';
import { jsonRoute, readJson } from '@/app/_server/api';
import { appStore } from '@/app/_server/store';
import { listDocumentClaims } from '@/db/queries/claim-views';
import { createClaim } from '@/db/queries/claims';
import { claimFieldsSchema } from '@/lib/claims';
import { encodeReaderClaims } from '@/lib/reader-claims';

type Params = { documentId: string };

/** The claims with passages here, in the reader's compact form (lib/reader-claims.ts). */
export const GET = jsonRoute<Params>(async ({ user, params }) => {
  const store = appStore();
  return encodeReaderClaims(await listDocumentClaims(store, { actor: user, documentId: params.documentId }));
});

const body = z.object({
  passage: z.object({
    revisionId: z.string().min(1).max(100),
    start: z.number().int().min(0),
    end: z.number().int().min(1),
  }),
  fields: claimFieldsSchema,
});

/** Makes a claim from a passage of the document's current revision. */
export const POST = jsonRoute<Params>(
  async ({ request, user, params }) => {
    const store = appStore();
    const { passage, fields } = await readJson(request, body);
    return createClaim(store, {
      actor: user,
      passage: { ...passage, documentId: params.documentId },
      fields,
    });
  },
  { status: 201 },
);
