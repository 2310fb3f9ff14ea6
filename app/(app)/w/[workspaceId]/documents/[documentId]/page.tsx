import type { Metadata } from 'next';
import Link from 'next/link';
import { loadDocumentForPage } from '@/app/_server/workspace';
import { DocumentFacts } from '@/components/documents/document-facts';
import { DocumentReader } from '@/components/documents/document-reader';
import { TrashButton } from '@/components/documents/trash-button';
import { getRevision } from '@/db/queries/revisions';
import { documentOutline } from '@/lib/documents/outline';
import { trashDocumentAction } from './actions';

type Params = Promise<{ workspaceId: string; documentId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspaceId, documentId } = await params;
  const { document } = await loadDocumentForPage(workspaceId, documentId);
  return { title: `${document.title} · Warrant` };
}

export default async function DocumentPage({ params }: { params: Params }) {
  const { workspaceId, documentId } = await params;
  const { user, workspace, document } = await loadDocumentForPage(workspaceId, documentId);
  const revision = await getRevision({ actor: user, documentId });
  const canWrite = workspace.can.includes('document.write');
  const base = `/w/${workspaceId}/documents/${documentId}`;
  const link = 'rounded-md px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100';
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm">
            <Link href={`/w/${workspaceId}/documents`} className="text-indigo-700 hover:underline">
              Documents
            </Link>
          </p>
          <h2 className="text-2xl font-semibold text-slate-900">{document.title}</h2>
        </div>
        <nav aria-label="Document" className="flex flex-wrap items-center gap-1">
          <Link href={`${base}/revisions`} className={link}>
            Revisions ({document.revisionCount})
          </Link>
          {canWrite ? (
            <>
              <Link href={`${base}/details`} className={link}>
                Edit details
              </Link>
              <Link href={`${base}/new-version`} className={link}>
                Import new version
              </Link>
              <TrashButton action={trashDocumentAction} documentId={documentId} title={document.title} />
            </>
          ) : null}
        </nav>
      </div>
      <div className="grid gap-8 xl:grid-cols-[1fr_16rem]">
        <DocumentReader
          documentId={documentId}
          revisionId={revision.id}
          content={revision.content}
          outline={documentOutline(revision.content)}
          canEdit={canWrite}
          label={document.title}
        />
        <aside aria-label="About this document" className="order-first xl:order-last">
          <DocumentFacts document={document} revision={revision} />
        </aside>
      </div>
    </div>
  );
}
