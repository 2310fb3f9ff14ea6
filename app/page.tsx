import { redirect } from 'next/navigation';
import { requireUser } from '@/app/_server/auth';
import { appStore } from '@/app/_server/store';
import { listMyWorkspaces } from '@/db/queries/workspaces';

/** Home: the first workspace of the user, or the workspace list when there is none or several. */
export default async function Home() {
  const store = appStore();
  const user = await requireUser();
  const workspaces = await listMyWorkspaces(store, { actor: user });
  if (workspaces.length === 1) redirect(`/w/${workspaces[0]!.id}`);
  redirect('/workspaces');
}
