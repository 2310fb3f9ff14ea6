import type { Metadata } from 'next';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { ImportForm } from '@/components/documents/import-form';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Import a document · Warrant' };

export default async function NewDocumentPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  await loadWorkspaceFor(workspaceId, 'document.write');
  return (
    <div className="max-w-3xl">
      <Card
        title="Import a document"
        description="Headings, paragraphs, lists, block quotes, emphasis, links and simple tables are kept. Scripts, styles, images and embedded content are removed."
      >
        <ImportForm mode={{ kind: 'document', workspaceId }} />
      </Card>
    </div>
  );
}
