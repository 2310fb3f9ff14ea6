import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { loadDocumentForPage, orNotFound } from '@/app/_server/workspace';
import { appStore } from '@/app/_server/store';
import { RevisionPassagesPanel, type CloseMatch } from '@/components/documents/revision-passages';
import { Card } from '@/components/ui/card';
import { revisionPassages } from '@/db/queries/revisions';
import { passageDiffs } from '@/lib/documents/passage-diff';
import type { ReanchorCounts } from '@/db/queries/reanchor';

export const metadata: Metadata = { title: 'Passages of a revision · Warrant' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What re-anchoring did, in words. */
function countsText(c: ReanchorCounts) {
  return `${plural(c.exact, 'passage', 'passages')} kept or found ${c.exact === 1 ? 'its' : 'their'} place exactly, ${plural(c.fuzzy, 'was', 'were')} placed as a close match, ${plural(c.orphaned, 'was', 'were')} not found (orphaned).`;
}

export default async function RevisionPassagesPage({
  params,
}: {
  params: Promise<{ workspaceId: string; documentId: string; number: string }>;
}) {
  const store = appStore();
  const { workspaceId, documentId, number } = await params;
  const n = Number(number);
  if (!Number.isInteger(n) || n < 1) notFound();
  const { user, workspace, document } = await loadDocumentForPage(workspaceId, documentId);
  const passages = await orNotFound(revisionPassages(store, { actor: user, documentId, number: n }));
  const base = `/w/${workspaceId}/documents/${documentId}`;
  const { revision, atSave, now } = passages;
  const diffs = passageDiffs(passages.fuzzy.map((p) => ({ before: p.oldQuote, after: p.newText ?? '' })));
  const matches: CloseMatch[] = passages.fuzzy.map((p, i) => ({
    anchorId: p.anchorId,
    claimId: p.claimId,
    statement: p.statement,
    oldQuote: p.oldQuote,
    newText: p.newText ?? '',
    score: p.score,
    revisionId: p.revisionId,
    start: p.start ?? 0,
    end: p.end ?? 0,
    diff: diffs[i] ?? null,
  }));
  return (
    <div className="max-w-5xl space-y-6">
      <p className="text-sm">
        <Link href={`${base}/revisions`} className="text-indigo-700 hover:underline">
          ← Revisions of {document.title}
        </Link>
      </p>
      <h2 className="text-2xl font-semibold">
        Passages after revision {revision.number}{' '}
        <span className="text-base font-normal text-slate-600">— {document.title}</span>
      </h2>
      <Card title="What happened to the passages">
        <div className="space-y-2 text-sm text-slate-800">
          {atSave ? (
            <p>
              When revision {revision.number} was saved: {countsText(atSave)}
            </p>
          ) : (
            <p>
              {revision.number === 1
                ? 'This is the first revision: its passages were selected on it.'
                : 'This revision did not move any passage.'}
            </p>
          )}
          {revision.current ? (
            <p>
              Now: {plural(now.fuzzy, 'close match', 'close matches')} to check,{' '}
              {plural(now.orphaned, 'orphaned passage', 'orphaned passages')}.{' '}
              <Link href={base} className="text-indigo-700 underline">
                Read the current text
              </Link>
              .
            </p>
          ) : (
            <p role="note">
              This revision is no longer the current one: its passages moved on to revision{' '}
              {passages.currentNumber}.{' '}
              <Link
                href={`${base}/revisions/${passages.currentNumber}/passages`}
                className="text-indigo-700 underline"
              >
                See the passages after revision {passages.currentNumber}
              </Link>
              .
            </p>
          )}
        </div>
      </Card>
      <RevisionPassagesPanel
        matches={matches}
        orphans={passages.orphaned.map((o) => ({
          anchorId: o.anchorId,
          claimId: o.claimId,
          statement: o.statement,
          oldQuote: o.oldQuote,
        }))}
        moreMatches={Math.max(0, now.fuzzy - matches.length)}
        moreOrphans={Math.max(0, now.orphaned - passages.orphaned.length)}
        canWrite={revision.current && workspace.can.includes('claim.write')}
        readerUrl={revision.current ? base : null}
      />
    </div>
  );
}
