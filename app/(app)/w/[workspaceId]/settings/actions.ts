'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deleteWorkspace, renameWorkspace } from '@/db/queries/workspaces';
import { validatedActionWithUser } from '@/app/_server/action';
import { workspaceNameSchema } from '@/lib/validation';

const id = z.string().min(1).max(100);

export const renameWorkspaceAction = validatedActionWithUser(
  z.object({ workspaceId: id, name: workspaceNameSchema }),
  async ({ workspaceId, name }, { user }) => {
    await renameWorkspace({ actor: user, workspaceId, name });
    revalidatePath('/', 'layout');
    return { ok: true, message: 'Workspace renamed.', values: { name } };
  },
);

export const deleteWorkspaceAction = validatedActionWithUser(
  z.object({ workspaceId: id, confirmName: z.string().max(200) }),
  async ({ workspaceId, confirmName }, { user }) => {
    await deleteWorkspace({ actor: user, workspaceId, confirmName });
    revalidatePath('/', 'layout');
    redirect('/workspaces');
  },
);
