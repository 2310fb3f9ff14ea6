import { NextResponse } from 'next/server';
import { requireApiUser } from '@/app/_server/api';
import { errorResponse } from '@/app/_server/errors';
import { readDocumentInput } from '@/app/_server/document-input';
import { appStore } from '@/app/_server/store';
import { assertMayImportDocument, findIdenticalDocuments } from '@/db/queries/documents';
import { importPreview } from '@/lib/documents/preview';

type Context = { params: Promise<{ workspaceId: string }> };

/**
 * What an import would make, before it is made (nothing is stored): the first paragraphs as they
 * will read, the word count, a title, and the documents of the workspace with the same text.
 * Takes the import's own body (a paste or a file). Editors and above.
 */
export async function POST(request: Request, context: Context) {
  try {
    const store = appStore();
    const user = await requireApiUser(request);
    const { workspaceId } = await context.params;
    await assertMayImportDocument(store, { actor: user, workspaceId });
    const input = await readDocumentInput(request);
    const identical = await findIdenticalDocuments(store, {
      actor: user,
      workspaceId,
      converted: input.converted,
    });
    return NextResponse.json({
      ...importPreview(input.converted.text, input.converted.words),
      identical: identical.map((d) => ({ ...d, url: `/w/${workspaceId}/documents/${d.id}` })),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
