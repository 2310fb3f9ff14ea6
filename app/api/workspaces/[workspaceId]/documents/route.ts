import { NextResponse } from 'next/server';
import { requireApiUser } from '@/app/_server/api';
import { errorResponse } from '@/app/_server/errors';
import { readDocumentInput, readMetadata } from '@/app/_server/document-input';
import { appStore } from '@/app/_server/store';
import { assertMayImportDocument, importDocument } from '@/db/queries/documents';

type Context = { params: Promise<{ workspaceId: string }> };

/** Imports a document (paste or upload) into a workspace. Editors and above. */
export async function POST(request: Request, context: Context) {
  try {
    const store = appStore();
    const user = await requireApiUser(request);
    const { workspaceId } = await context.params;
    // Refuse early, before reading a large body, when the user may not import here.
    await assertMayImportDocument(store, { actor: user, workspaceId });
    const input = await readDocumentInput(request);
    const metadata = readMetadata(input.fields);
    const document = await importDocument(store, {
      actor: user,
      workspaceId,
      metadata,
      format: input.format,
      converted: input.converted,
    });
    return NextResponse.json(
      { document, url: `/w/${workspaceId}/documents/${document.id}`, words: input.converted.words },
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
