import { NextResponse } from 'next/server';
import { z } from 'zod';
import { invalidInput, requireApiUser } from '@/app/_server/api';
import { errorResponse } from '@/app/_server/errors';
import { readDocumentInput } from '@/app/_server/document-input';
import { appStore } from '@/app/_server/store';
import { addRevision, assertMayReviseDocument } from '@/db/queries/revisions';

type Context = { params: Promise<{ documentId: string }> };

const revisionFields = z.object({
  baseRevisionId: z.string({ error: 'The revision you edited is missing; reload the page.' }).min(1).max(100),
  note: z.string().trim().max(500, 'Use at most 500 characters.').optional(),
});

/** Adds a revision: the reader's edit (editor JSON) or a newly imported version (paste or file). */
export async function POST(request: Request, context: Context) {
  try {
    const store = appStore();
    const user = await requireApiUser(request);
    const { documentId } = await context.params;
    // Refuse early, before reading and converting the body, when the user may not change it.
    await assertMayReviseDocument(store, { actor: user, documentId });
    const input = await readDocumentInput(request);
    const fields = revisionFields.safeParse(input.fields);
    if (!fields.success) throw invalidInput(fields.error);
    const revision = await addRevision(store, {
      actor: user,
      documentId,
      baseRevisionId: fields.data.baseRevisionId,
      format: input.format,
      converted: input.converted,
      note: fields.data.note || null,
    });
    return NextResponse.json({ revision }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
