import type { Metadata } from 'next';
import Link from 'next/link';
import { preload } from 'react-dom';
import { loadDocumentForPage } from '@/app/_server/workspace';
import { appStore } from '@/app/_server/store';
import { readerTextPath } from '@/lib/reader-preload';
import { DocumentFacts } from '@/components/documents/document-facts';
import { Annotator } from '@/components/annotate/annotator';
import { TrashButton } from '@/components/documents/trash-button';
import { getReaderRevision, revisionPassages } from '@/db/queries/revisions';
import { RevisionSavedNotice } from '@/components/documents/revision-saved-notice';
import { listTopics } from '@/db/queries/claim-views';
import { listClaimTypes } from '@/db/queries/claim-types';
import { isAppError } from '@/lib/errors';
import { trashDocumentAction } from './actions';

type Params = Promise<{ workspaceId: string; documentId: string }>;
type Search = Promise<{ claim?: string | string[]; at?: string | string[]; revised?: string | string[] }>;

/** `?at=START-END` (a search result): a passage of the current text, or nothing when it is not one. */
function passageAt(at: string | string[] | undefined, length: number): { start: number; end: number } | null {
  const m = typeof at === 'string' ? /^(\d{1,9})-(\d{1,9})$/.exec(at) : null;
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return start < end && end <= length ? { start, end } : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { workspaceId, documentId } = await params;
  const { document } = await loadDocumentForPage(workspaceId, documentId);
  return { title: `${document.title} · Warrant` };
}

export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Search;
}) {
  const store = appStore();
  const { workspaceId, documentId } = await params;
  const { claim, at, revised } = await searchParams;
  const { user, workspace, document } = await loadDocumentForPage(workspaceId, documentId);
  const [revision, types, topics] = await Promise.all([
    getReaderRevision(store, { actor: user, documentId }),
    listClaimTypes(store, { actor: user, workspaceId }),
    listTopics(store, { actor: user, workspaceId }),
  ]);
  const canWrite = workspace.can.includes('document.write');
  // `?revised=N`: a new version was just saved; say what happened to its passages.
  const revisedNumber = typeof revised === 'string' && /^\d{1,6}$/.test(revised) ? Number(revised) : 0;
  const saved = revisedNumber
    ? await revisionPassages(store, { actor: user, documentId, number: revisedNumber, list: false }).catch(
        // A revision that does not exist (a hand-edited address): no notice.
        (error: unknown) => {
          if (isAppError(error) && error.kind === 'not_found') return null;
          throw error;
        },
      )
    : null;
  const rendered = revision.reader;
  // The text itself is fetched by the reader; named here, the browser fetches it with the page.
  const textUrl = readerTextPath(documentId, revision.id, rendered.digest);
  preload(textUrl, { as: 'fetch', crossOrigin: 'anonymous' });
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
          <Link href={`/w/${workspaceId}/evidence?document=${documentId}`} className={link}>
            Evidence table
          </Link>
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
      {saved ? (
        <RevisionSavedNotice passages={saved} href={`${base}/revisions/${saved.revision.number}/passages`} />
      ) : null}
      <details className="rounded-md border border-slate-200 bg-white px-4 py-2">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">About this document</summary>
        <section aria-label="About this document" className="mt-3">
          <DocumentFacts document={document} revision={revision} />
        </section>
      </details>
      <Annotator
        workspaceId={workspaceId}
        documentId={documentId}
        revisionId={revision.id}
        title={document.title}
        textUrl={textUrl}
        starts={rendered.starts}
        outline={rendered.outline}
        types={types.map((t) => ({ id: t.id, name: t.name, color: t.color }))}
        topics={topics}
        canWrite={canWrite}
        userId={user.userId}
        initialClaimId={typeof claim === 'string' ? claim : null}
        foundPassage={passageAt(at, rendered.textLength)}
        asSource={{ name: document.outlet || document.title, url: document.sourceUrl ?? null }}
      />
    </div>
  );
}
