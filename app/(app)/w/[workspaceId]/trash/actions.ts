'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { purgeDocument, restoreDocument } from '@/db/queries/documents';
import { restoreClaim } from '@/db/queries/claims';
import { restoreSource } from '@/db/queries/sources';
import { restoreEvidence } from '@/db/queries/evidence';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';

const input = z.object({ documentId: z.string().min(1).max(100) });

export const restoreDocumentAction = validatedActionWithUser(input, async ({ documentId }, { user }) => {
  const store = appStore();
  const { workspaceId } = await restoreDocument(store, { actor: user, documentId });
  revalidatePath(`/w/${workspaceId}`, 'layout');
  return { ok: true, message: 'Document restored.' };
});

export const purgeDocumentAction = validatedActionWithUser(input, async ({ documentId }, { user }) => {
  const store = appStore();
  const { workspaceId } = await purgeDocument(store, { actor: user, documentId });
  revalidatePath(`/w/${workspaceId}`, 'layout');
  return { ok: true, message: 'Document deleted for good.' };
});

export const restoreClaimAction = validatedActionWithUser(
  z.object({ claimId: z.string().min(1).max(100) }),
  async ({ claimId }, { user }) => {
    const store = appStore();
    const { workspaceId } = await restoreClaim(store, { actor: user, claimId });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: 'Claim restored.' };
  },
);

export const restoreSourceAction = validatedActionWithUser(
  z.object({ sourceId: z.string().min(1).max(100) }),
  async ({ sourceId }, { user }) => {
    const store = appStore();
    const { workspaceId } = await restoreSource(store, { actor: user, sourceId });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: 'Source restored, with its evidence.' };
  },
);

export const restoreEvidenceAction = validatedActionWithUser(
  z.object({ evidenceId: z.string().min(1).max(100) }),
  async ({ evidenceId }, { user }) => {
    const store = appStore();
    await restoreEvidence(store, { actor: user, evidenceId });
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Evidence restored.' };
  },
);
