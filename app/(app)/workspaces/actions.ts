'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createWorkspace } from '@/db/queries/workspaces';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { workspaceNameSchema } from '@/lib/validation';

export const createWorkspaceAction = validatedActionWithUser(
  z.object({ name: workspaceNameSchema }),
  async ({ name }, { user }) => {
    const store = appStore();
    const { workspaceId } = await createWorkspace(store, { actor: user, name });
    redirect(`/w/${workspaceId}`);
  },
);
