'use client';

import { useRouter } from 'next/navigation';
import { ClaimDetailView } from '@/components/annotate/claim-detail';

/** A claim in full outside a document: passages link to their documents. */
export function ClaimPage(props: {
  workspaceId: string;
  claimId: string;
  types: { id: string; name: string }[];
  topics: { id: string; question: string }[];
  canWrite: boolean;
}) {
  const router = useRouter();
  return (
    <ClaimDetailView
      {...props}
      documentId={null}
      onChanged={() => router.refresh()}
      onClose={() => router.push(`/w/${props.workspaceId}/review`)}
      onGoTo={() => {}}
      onReattach={() => {}}
    />
  );
}
