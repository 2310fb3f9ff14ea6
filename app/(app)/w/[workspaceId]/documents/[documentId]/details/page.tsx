import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadDocumentForPage } from '@/app/_server/workspace';
import { DetailsForm } from '@/components/documents/details-form';
import { Card } from '@/components/ui/card';
import { updateMetadataAction } from '../actions';

export const metadata: Metadata = { title: 'Document details · Warrant' };

export default async function DetailsPage({
  params,
}: {
  params: Promise<{ workspaceId: string; documentId: string }>;
}) {
  const { workspaceId, documentId } = await params;
  const { workspace, document } = await loadDocumentForPage(workspaceId, documentId);
  if (!workspace.can.includes('document.write')) notFound();
  return (
    <div className="max-w-3xl">
      <Card title={`Details of “${document.title}”`}>
        <DetailsForm
          action={updateMetadataAction}
          documentId={documentId}
          version={document.version}
          values={document}
        />
      </Card>
    </div>
  );
}
