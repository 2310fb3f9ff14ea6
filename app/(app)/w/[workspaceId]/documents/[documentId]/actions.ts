'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { trashDocument, updateDocumentMetadata } from '@/db/queries/documents';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { documentMetadataSchema } from '@/lib/documents/metadata';

const id = z.string().min(1).max(100);

export const updateMetadataAction = validatedActionWithUser(
  documentMetadataSchema.extend({ documentId: id, version: z.coerce.number().int().min(1) }),
  async ({ documentId, version, ...metadata }, { user }) => {
    const store = appStore();
    const doc = await updateDocumentMetadata(store, {
      actor: user,
      documentId,
      expectedVersion: version,
      metadata,
    });
    revalidatePath(`/w/${doc.workspaceId}/documents`, 'layout');
    return { ok: true, message: 'Details saved.', data: { version: String(doc.version) } };
  },
);

export const trashDocumentAction = validatedActionWithUser(
  z.object({ documentId: id }),
  async ({ documentId }, { user }) => {
    const store = appStore();
    const { workspaceId } = await trashDocument(store, { actor: user, documentId });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    // The list says it moved, with an Undo (components/documents/undo-trash.tsx).
    redirect(`/w/${workspaceId}/documents?trashed=${encodeURIComponent(documentId)}`);
  },
);
