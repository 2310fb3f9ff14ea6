import Link from 'next/link';
import type { TopicAch } from '@/db/queries/ach';
import {
  cellLabel,
  CREDIBILITY_WEIGHT,
  formatScore,
  RELIABILITY_WEIGHT,
  type AchCell,
} from '@/lib/review/ach';
import {
  admiraltyCode,
  CREDIBILITY,
  CREDIBILITY_CODES,
  RELIABILITY,
  RELIABILITY_CODES,
  type Stance,
} from '@/lib/scales';
import { claimStatusTitle } from '@/lib/vocabulary';

/** A cell's colour, always beside its symbol and word (never the only cue). */
const CELL_CLASS: Record<Stance, string> = {
  supports: 'bg-emerald-50 text-emerald-900',
  contradicts: 'bg-rose-50 text-rose-900',
  qualifies: 'bg-amber-50 text-amber-950',
  mentions: 'text-slate-700',
};

function Cell({ cell }: { cell: AchCell }) {
  return (
    <td
      className={`px-2 py-1.5 align-top whitespace-nowrap ${cell.stance ? CELL_CLASS[cell.stance] : 'text-slate-600'}`}
    >
      {cellLabel(cell)}
      {cell.stance ? (
        <span className="block text-xs tabular-nums">weight {formatScore(cell.weight)}</span>
      ) : null}
    </td>
  );
}

/** The weights in words, from the constants of lib/review/ach.ts. */
const WEIGHTS = `reliability ${RELIABILITY_CODES.map((r) => `${r} ${RELIABILITY_WEIGHT[r]}`).join(', ')}; credibility ${CREDIBILITY_CODES.map((c) => `${c} ${CREDIBILITY_WEIGHT[c]}`).join(', ')}`;

const rating = (r: TopicAch['rows'][number]) =>
  r.credibilities.map((c) => admiraltyCode(r.reliability, c)).join(', ');

/**
 * The competing-hypotheses matrix of a topic: an HTML table (it is its own text alternative),
 * hypotheses as columns by rank, evidence as rows by diagnosticity, the scores in the footer.
 */
export function AchMatrix({ workspaceId, matrix }: { workspaceId: string; matrix: TopicAch }) {
  const { hypotheses, rows, omitted, omittedLinks } = matrix;
  if (hypotheses.length < 2) return null;
  return (
    <section aria-labelledby="ach-heading" className="space-y-2">
      <h3 id="ach-heading" className="text-base font-semibold">
        Competing hypotheses
      </h3>
      <p className="text-sm text-slate-700">
        Each claim is a hypothesis; each row an item of evidence (a source and its quoted passage) with its
        stance toward every claim. Weight = reliability × credibility ({WEIGHTS}). Claims are ranked by their{' '}
        <strong>inconsistency</strong> — the weighted evidence against them (contradicts counts in full,
        qualifies by half) — the least inconsistent first. Rows that discriminate between claims come first.
      </p>
      {omitted.hypotheses > 0 || omitted.rows > 0 || omittedLinks > 0 ? (
        <p role="note" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-950">
          Shown in part:
          {omitted.hypotheses > 0
            ? ` ${omitted.hypotheses} later claim${omitted.hypotheses === 1 ? '' : 's'} left out;`
            : ''}
          {omitted.rows > 0
            ? ` ${omitted.rows} less diagnostic row${omitted.rows === 1 ? '' : 's'} left out;`
            : ''}
          {omittedLinks > 0 ? ` ${omittedLinks} evidence link${omittedLinks === 1 ? '' : 's'} not read;` : ''}{' '}
          the exports carry the same bounds.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No evidence is linked to these claims yet.</p>
      ) : null}
      <div
        role="region"
        aria-label="Competing hypotheses matrix (scrolls sideways)"
        tabIndex={0}
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      >
        <table className="min-w-full text-left text-sm">
          <caption className="px-2 py-1.5 text-left text-xs text-slate-600">
            Competing hypotheses for “{matrix.topic.question}”: {hypotheses.length} claim
            {hypotheses.length === 1 ? '' : 's'} × {rows.length} item{rows.length === 1 ? '' : 's'} of
            evidence
          </caption>
          <thead className="bg-slate-50 align-bottom text-xs text-slate-700">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Source
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Rating
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Quoted passage
              </th>
              <th scope="col" className="px-2 py-1.5 font-medium">
                Diagnosticity
              </th>
              {hypotheses.map((h) => (
                <th key={h.id} scope="col" className="min-w-40 px-2 py-1.5 font-medium">
                  <span className="block text-slate-600">#{h.rank}</span>
                  <Link href={`/w/${workspaceId}/claims/${h.id}`} className="text-indigo-800 underline">
                    {h.statement}
                  </Link>
                  <span className="block font-normal">{claimStatusTitle(h.status)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-t border-slate-200">
                <th scope="row" className="px-2 py-1.5 align-top font-medium">
                  {r.sourceName}
                </th>
                <td className="px-2 py-1.5 align-top">
                  <abbr
                    title={`${RELIABILITY[r.reliability]}; ${r.credibilities.map((c) => CREDIBILITY[c]).join(', ')}`}
                    className="font-mono no-underline"
                  >
                    {rating(r)}
                  </abbr>
                </td>
                <td className="max-w-80 px-2 py-1.5 align-top text-slate-700">
                  {r.quote ? `“${r.quote}”` : <span className="text-slate-600">(no quote)</span>}
                  {r.locator ? <span className="block text-xs">{r.locator}</span> : null}
                </td>
                <td className="px-2 py-1.5 align-top tabular-nums">{formatScore(r.diagnosticity)}</td>
                {r.cells.map((cell, i) => (
                  <Cell key={hypotheses[i]!.id} cell={cell} />
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 bg-slate-50">
            <tr>
              <th scope="row" colSpan={4} className="px-2 py-1.5 text-right font-semibold">
                Inconsistency (weighted evidence against)
              </th>
              {hypotheses.map((h) => (
                <td key={h.id} className="px-2 py-1.5 font-semibold tabular-nums">
                  {formatScore(h.inconsistency)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="px-2 py-1.5 text-right font-normal">
                Support (weighted evidence for)
              </th>
              {hypotheses.map((h) => (
                <td key={h.id} className="px-2 py-1.5 tabular-nums">
                  {formatScore(h.support)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
