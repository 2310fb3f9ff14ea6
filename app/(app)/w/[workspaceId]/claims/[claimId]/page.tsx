import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { appStore } from '@/app/_server/store';
import { loadWorkspace } from '@/app/_server/workspace';
import { ClaimPage } from '@/components/review/claim-page';
import { getClaimDetail, listTopics } from '@/db/queries/claim-views';
import { listClaimTypes } from '@/db/queries/claim-types';
import { isAppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Claim · Warrant' };

/** One claim on its own page (from the review queue and notifications). */
export default async function ClaimRoute({
  params,
}: {
  params: Promise<{ workspaceId: string; claimId: string }>;
}) {
  const store = appStore();
  const { workspaceId, claimId } = await params;
  const { user, workspace } = await loadWorkspace(workspaceId);
  const claim = await getClaimDetail(store, { actor: user, claimId }).catch((error: unknown) => {
    if (isAppError(error) && error.kind === 'not_found') notFound();
    throw error;
  });
  // A claim of another workspace is not found under this one's address.
  if (claim.workspaceId !== workspaceId) notFound();
  const [types, topics] = await Promise.all([
    listClaimTypes(store, { actor: user, workspaceId }),
    listTopics(store, { actor: user, workspaceId }),
  ]);
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-sm">
        <Link href={`/w/${workspaceId}/review`} className="text-indigo-700 hover:underline">
          ← Review queue
        </Link>
      </p>
      <ClaimPage
        workspaceId={workspaceId}
        claimId={claimId}
        types={types.map((t) => ({ id: t.id, name: t.name }))}
        topics={topics}
        canWrite={workspace.can.includes('claim.write')}
      />
    </div>
  );
}
