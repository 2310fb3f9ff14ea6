'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedActionWithUser } from '@/app/_server/action';
import { appStore } from '@/app/_server/store';
import { deleteTopic, mergeTopics, renameTopic } from '@/db/queries/topics';

const id = z.string().min(1).max(100);

export const renameTopicAction = validatedActionWithUser(
  z.object({
    workspaceId: id,
    topicId: id,
    question: z.string().trim().min(1, 'Write the question the topic’s claims answer.').max(300),
  }),
  async ({ workspaceId, topicId, question }, { user }) => {
    const renamed = await renameTopic(appStore(), { actor: user, topicId, question });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: `Renamed: “${renamed.question}”.` };
  },
);

export const mergeTopicAction = validatedActionWithUser(
  z.object({
    workspaceId: id,
    topicId: id,
    intoId: z.string().min(1, 'Choose the topic to merge into.').max(100),
  }),
  async ({ workspaceId, topicId, intoId }, { user }) => {
    const merged = await mergeTopics(appStore(), { actor: user, fromId: topicId, intoId });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    // The merged topic's row is gone: its page says what happened, with the claims side by side.
    redirect(`/w/${workspaceId}/topics/${intoId}?merged=${merged.moved}`);
  },
);

export const deleteTopicAction = validatedActionWithUser(
  z.object({ workspaceId: id, topicId: id }),
  async ({ workspaceId, topicId }, { user }) => {
    await deleteTopic(appStore(), { actor: user, topicId });
    revalidatePath(`/w/${workspaceId}`, 'layout');
    return { ok: true, message: 'Topic deleted.' };
  },
);
