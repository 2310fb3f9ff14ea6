import type { Metadata } from 'next';
import Link from 'next/link';
import { preload } from 'react-dom';
import { notFound } from 'next/navigation';
import { loadDocumentForPage, orNotFound } from '@/app/_server/workspace';
import { appStore } from '@/app/_server/store';
import { readerTextPath } from '@/lib/reader-preload';
import { DocumentFacts } from '@/components/documents/document-facts';
import { DocumentReader } from '@/components/documents/document-reader';
import { getReaderRevision } from '@/db/queries/revisions';

export const metadata: Metadata = { title: 'Revision · Warrant' };

export default async function RevisionPage({
  params,
}: {
  params: Promise<{ workspaceId: string; documentId: string; number: string }>;
}) {
  const store = appStore();
  const { workspaceId, documentId, number } = await params;
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) notFound();
  const { user, document } = await loadDocumentForPage(workspaceId, documentId);
  const revision = await orNotFound(getReaderRevision(store, { actor: user, documentId, number: n }));
  const base = `/w/${workspaceId}/documents/${documentId}`;
  const rendered = revision.reader;
  // The text itself is fetched by the reader; named here, the browser fetches it with the page.
  const textUrl = readerTextPath(documentId, revision.id, rendered.digest);
  preload(textUrl, { as: 'fetch', crossOrigin: 'anonymous' });
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`${base}/revisions`} className="text-indigo-700 hover:underline">
          ← Revisions of {document.title}
        </Link>
      </p>
      <h2 className="text-2xl font-semibold">
        {document.title}{' '}
        <span className="text-base font-normal text-slate-600">— revision {revision.number}</span>
      </h2>
      <p className="text-sm">
        <Link href={`${base}/revisions/${revision.number}/passages`} className="text-indigo-700 underline">
          What happened to the passages after this revision
        </Link>
      </p>
      {!revision.current ? (
        <p
          role="note"
          className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
        >
          This is an earlier revision, kept as it was.{' '}
          <Link href={base} className="underline">
            Read the current text
          </Link>
          .
        </p>
      ) : null}
      <div className="grid gap-8 xl:grid-cols-[1fr_16rem]">
        <DocumentReader
          documentId={documentId}
          revisionId={revision.id}
          textUrl={textUrl}
          starts={rendered.starts}
          outline={rendered.outline}
          canEdit={false}
          label={`${document.title}, revision ${revision.number}`}
        />
        <aside aria-label="About this document" className="order-first xl:order-last">
          <DocumentFacts document={document} revision={revision} />
        </aside>
      </div>
    </div>
  );
}
