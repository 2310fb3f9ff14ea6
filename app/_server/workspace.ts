import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDocument } from '@/db/queries/documents';
import { getWorkspace, type WorkspaceView } from '@/db/queries/workspaces';
import { isAppError } from '@/lib/errors';
import type { Action } from '@/lib/permissions';
import { requireUser, type CurrentUser } from './auth';
import { appStore } from './store';

/** The workspace of a page, for the signed-in user; a non-member gets the not-found page. */
export const loadWorkspace = cache(
  async (workspaceId: string): Promise<{ user: CurrentUser; workspace: WorkspaceView }> => {
    const store = appStore();
    const user = await requireUser();
    try {
      return { user, workspace: await getWorkspace(store, { actor: user, workspaceId }) };
    } catch (error) {
      if (isAppError(error) && error.kind === 'not_found') notFound();
      throw error;
    }
  },
);

/** As loadWorkspace, for a page that needs a permission: without it, not found as well. */
export async function loadWorkspaceFor(workspaceId: string, action: Action) {
  const loaded = await loadWorkspace(workspaceId);
  if (!loaded.workspace.can.includes(action)) notFound();
  return loaded;
}

/** A document of this workspace for a page; anything else (or not allowed) is not found. */
export const loadDocumentForPage = cache(async (workspaceId: string, documentId: string) => {
  const store = appStore();
  const { user, workspace } = await loadWorkspace(workspaceId);
  try {
    const document = await getDocument(store, { actor: user, documentId });
    if (document.workspaceId !== workspace.id) notFound();
    return { user, workspace, document };
  } catch (error) {
    if (isAppError(error) && error.kind === 'not_found') notFound();
    throw error;
  }
});

/** A page's read: what does not exist (or is not the reader's to see) is the page's not-found. */
export function orNotFound<T>(read: Promise<T>): Promise<T> {
  return read.catch((error: unknown) => {
    if (isAppError(error) && error.kind === 'not_found') notFound();
    throw error;
  });
}
