'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createSource, trashSource, updateSource } from '@/db/queries/sources';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { sourceFieldsSchema } from '@/lib/claims';

const id = z.string().min(1).max(100);

export const createSourceAction = validatedActionWithUser(
  sourceFieldsSchema.extend({ workspaceId: id }),
  async ({ workspaceId, ...fields }, { user }) => {
    const store = appStore();
    const { sourceId } = await createSource(store, { actor: user, workspaceId, fields });
    revalidatePath(`/w/${workspaceId}/sources`);
    redirect(`/w/${workspaceId}/sources/${sourceId}`);
  },
);

export const updateSourceAction = validatedActionWithUser(
  sourceFieldsSchema.extend({
    workspaceId: id,
    sourceId: id,
    version: z.coerce.number().int().min(1),
    reason: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
  }),
  async ({ workspaceId, sourceId, version, reason, ...fields }, { user }) => {
    const store = appStore();
    const { version: next } = await updateSource(store, {
      actor: user,
      sourceId,
      expectedVersion: version,
      fields,
      reason: reason || null,
    });
    revalidatePath(`/w/${workspaceId}/sources`, 'layout');
    return { ok: true, message: 'Source saved.', data: { version: String(next) } };
  },
);

export const trashSourceAction = validatedActionWithUser(
  z.object({ workspaceId: id, sourceId: id }),
  async ({ workspaceId, sourceId }, { user }) => {
    const store = appStore();
    await trashSource(store, { actor: user, sourceId });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    redirect(`/w/${workspaceId}/sources?trashed=${encodeURIComponent(sourceId)}`);
  },
);
