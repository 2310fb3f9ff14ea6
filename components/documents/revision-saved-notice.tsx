import Link from 'next/link';
import type { RevisionPassages } from '@/db/queries/revisions';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Shown in the reader after a new version is saved: what happened to the passages, and a link to
 * the revision's summary, where close matches are accepted or detached.
 */
export function RevisionSavedNotice({ passages, href }: { passages: RevisionPassages; href: string }) {
  const { revision, atSave, now } = passages;
  const toCheck = now.fuzzy + now.orphaned;
  return (
    <section
      aria-label="Revision saved"
      className={`rounded-md border px-4 py-3 text-sm ${toCheck ? 'border-amber-200 bg-amber-50 text-amber-950' : 'border-emerald-200 bg-emerald-50 text-emerald-950'}`}
    >
      <p>
        <strong>Revision {revision.number} saved.</strong>{' '}
        {atSave
          ? `Its passages: ${plural(atSave.exact, 'found its place exactly', 'found their place exactly')}, ${plural(atSave.fuzzy, 'placed as a close match', 'placed as close matches')}, ${atSave.orphaned} orphaned.`
          : 'No passage had to move.'}{' '}
        {toCheck ? (
          <Link href={href} className="font-medium underline">
            Check the passages ({plural(toCheck, 'needs', 'need')} attention)
          </Link>
        ) : (
          <Link href={href} className="underline">
            See the passages
          </Link>
        )}
      </p>
    </section>
  );
}
