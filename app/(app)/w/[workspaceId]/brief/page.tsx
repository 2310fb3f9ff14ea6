import type { Metadata } from 'next';
import Link from 'next/link';
import { appStore } from '@/app/_server/store';
import { loadWorkspaceFor } from '@/app/_server/workspace';
import { PrintButton } from '@/components/evidence/print-button';
import { BRIEF_PAGE_CLAIMS, readBriefPage } from '@/db/queries/brief';
import { filtersFromParams, filtersToQuery } from '@/lib/export/table-filters';

export const metadata: Metadata = { title: 'Brief · Warrant' };

const LINK =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm hover:border-indigo-400 focus-visible:outline-2';

/**
 * The brief of the claims in scope (the evidence table's filters, in the URL), as a page to read
 * and print: the print stylesheet drops the menus and these buttons, leaving the document.
 */
export default async function BriefPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceId } = await params;
  const { user } = await loadWorkspaceFor(workspaceId, 'workspace.export');
  const filters = filtersFromParams(await searchParams);
  const query = filtersToQuery(filters);
  const brief = await readBriefPage(appStore(), { actor: user, workspaceId, filters });
  const exportHref = (format: string) =>
    `/api/workspaces/${workspaceId}/export?${new URLSearchParams([...new URLSearchParams(query), ['format', format]])}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 print:hidden" role="toolbar" aria-label="Brief">
        {brief.html !== null ? <PrintButton /> : null}
        <a href={exportHref('html')} download className={LINK}>
          Download HTML
        </a>
        <a href={exportHref('markdown')} download className={LINK}>
          Download Markdown
        </a>
        <Link href={`/w/${workspaceId}/evidence${query ? `?${query}` : ''}`} className={LINK}>
          Back to the evidence table
        </Link>
        <span className="text-sm text-slate-600">
          {brief.claimCount} claim{brief.claimCount === 1 ? '' : 's'} · scope: {brief.scope}
        </span>
      </div>
      {brief.html === null ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This scope holds {brief.claimCount.toLocaleString('en-GB')} claims; a page shows the brief of at
          most {BRIEF_PAGE_CLAIMS} claims. Narrow it with the evidence table’s filters (a topic, a document, a
          status), or download the whole brief as HTML or Markdown.
        </p>
      ) : (
        // Sanitized by lib/export/html.ts (DOMPurify, an allowlist of a brief's elements).
        <article aria-label="Brief" className="brief" dangerouslySetInnerHTML={{ __html: brief.html }} />
      )}
    </div>
  );
}
