'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deleteWorkspace, renameWorkspace } from '@/db/queries/workspaces';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { workspaceNameSchema } from '@/lib/validation';
import { claimTypeSchema } from '@/lib/claim-types';
import { createClaimType, deleteClaimType, updateClaimType } from '@/db/queries/claim-types';
import { setBlindAssessments } from '@/db/queries/review';

const id = z.string().min(1).max(100);

export const renameWorkspaceAction = validatedActionWithUser(
  z.object({ workspaceId: id, name: workspaceNameSchema }),
  async ({ workspaceId, name }, { user }) => {
    const store = appStore();
    await renameWorkspace(store, { actor: user, workspaceId, name });
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Workspace renamed.', values: { name } };
  },
);

export const deleteWorkspaceAction = validatedActionWithUser(
  z.object({ workspaceId: id, confirmName: z.string().max(200) }),
  async ({ workspaceId, confirmName }, { user }) => {
    const store = appStore();
    await deleteWorkspace(store, { actor: user, workspaceId, confirmName });
    revalidatePath('/', 'layout');
    redirect('/workspaces');
  },
);

const typeId = z.string().min(1).max(100);

export const createClaimTypeAction = validatedActionWithUser(
  claimTypeSchema.extend({ workspaceId: z.string().min(1).max(100) }),
  async ({ workspaceId, ...input }, { user }) => {
    const store = appStore();
    await createClaimType(store, { actor: user, workspaceId, input });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: `Claim type “${input.name}” added.` };
  },
);

export const updateClaimTypeAction = validatedActionWithUser(
  claimTypeSchema.extend({ workspaceId: z.string().min(1).max(100), typeId }),
  async ({ workspaceId, typeId: id, ...input }, { user }) => {
    const store = appStore();
    await updateClaimType(store, { actor: user, typeId: id, input });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: 'Saved.' };
  },
);

export const deleteClaimTypeAction = validatedActionWithUser(
  z.object({ workspaceId: z.string().min(1).max(100), typeId }),
  async ({ workspaceId, typeId: id }, { user }) => {
    const store = appStore();
    await deleteClaimType(store, { actor: user, typeId: id });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: 'Deleted.' };
  },
);

export const reviewSettingsAction = validatedActionWithUser(
  z.object({ workspaceId: id, blind: z.enum(['on', 'off']).optional() }),
  async ({ workspaceId, blind }, { user }) => {
    const store = appStore();
    await setBlindAssessments(store, { actor: user, workspaceId, blind: blind === 'on' });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return {
      ok: true,
      message: blind === 'on' ? 'Assessments are now blind.' : 'Assessments are now visible to every member.',
    };
  },
);
