'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createWorkspace } from '@/db/queries/workspaces';
import { validatedActionWithUser } from '@/app/_server/action';
import { workspaceNameSchema } from '@/lib/validation';

export const createWorkspaceAction = validatedActionWithUser(
  z.object({ name: workspaceNameSchema }),
  async ({ name }, { user }) => {
    const { workspaceId } = await createWorkspace({ actor: user, name });
    redirect(`/w/${workspaceId}`);
  },
);
