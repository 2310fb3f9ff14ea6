import type { DocumentView } from '@/db/queries/documents';

/** The metadata beside the reader. */
export function DocumentFacts({
  document,
  revision,
}: {
  document: DocumentView;
  revision: { number: number; createdAt: Date; createdByName: string | null };
}) {
  const rows: [string, React.ReactNode][] = [
    ['Author', document.author],
    ['Outlet', document.outlet],
    ['Published', document.publishedOn],
    ['Language', document.language],
    [
      'Original',
      document.sourceUrl ? (
        <a
          href={document.sourceUrl}
          rel="noopener noreferrer nofollow"
          target="_blank"
          className="break-all text-indigo-700 underline"
        >
          {document.sourceUrl}
        </a>
      ) : null,
    ],
    ['Words', document.wordCount.toLocaleString('en')],
    [
      'Revision',
      `${revision.number} of ${document.revisionCount}, by ${revision.createdByName ?? 'a former member'} on ${revision.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    ],
  ];
  return (
    <dl className="space-y-3 text-sm">
      {rows
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs tracking-wide text-slate-500 uppercase">{k}</dt>
            <dd className="text-slate-800">{v}</dd>
          </div>
        ))}
      {document.notes ? (
        <div>
          <dt className="text-xs tracking-wide text-slate-500 uppercase">Notes</dt>
          <dd className="whitespace-pre-wrap text-slate-800">{document.notes}</dd>
        </div>
      ) : null}
    </dl>
  );
}
