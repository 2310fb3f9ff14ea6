import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadDocumentForPage } from '@/app/_server/workspace';
import { ImportForm } from '@/components/documents/import-form';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Import a new version · Warrant' };

export default async function NewVersionPage({
  params,
}: {
  params: Promise<{ workspaceId: string; documentId: string }>;
}) {
  const { workspaceId, documentId } = await params;
  const { workspace, document } = await loadDocumentForPage(workspaceId, documentId);
  if (!workspace.can.includes('document.write')) notFound();
  const backTo = `/w/${workspaceId}/documents/${documentId}`;
  return (
    <div className="max-w-3xl">
      <Card
        title={`New version of “${document.title}”`}
        description="The imported text becomes the document's next revision; every earlier revision stays readable."
      >
        <ImportForm
          mode={{ kind: 'revision', documentId, baseRevisionId: document.currentRevisionId, backTo }}
        />
      </Card>
    </div>
  );
}
