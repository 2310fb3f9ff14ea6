import Link from 'next/link';
import type { AdmiraltyGrid as Grid } from '@/db/queries/admiralty';
import { CREDIBILITY, CREDIBILITY_CODES, RELIABILITY, RELIABILITY_CODES } from '@/lib/scales';

/** A cell's shade by its share of the largest count (the count is always written in it). */
function shade(n: number, max: number): string {
  if (n === 0) return 'text-slate-600';
  const share = n / max;
  return share > 0.66 ? 'bg-indigo-200' : share > 0.33 ? 'bg-indigo-100' : 'bg-indigo-50';
}

/**
 * The Admiralty grid: how much of the workspace's evidence carries each rating, reliability of the
 * source (rows, A–F) × credibility of the information (columns, 1–6). A table with its headers;
 * every non-empty cell is a link to the evidence table filtered to that rating.
 */
export function AdmiraltyGrid({
  workspaceId,
  grid,
  total,
}: {
  workspaceId: string;
  grid: Grid;
  total: number;
}) {
  const max = Math.max(1, ...RELIABILITY_CODES.flatMap((r) => CREDIBILITY_CODES.map((c) => grid[r][c])));
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-center text-sm">
        <caption className="pb-2 text-left text-sm text-slate-700">
          Evidence by rating: {total} piece{total === 1 ? '' : 's'}, by the source’s reliability (rows) and
          the information’s credibility (columns). Each count links to the evidence table filtered to it.
        </caption>
        <thead>
          <tr>
            <td />
            {CREDIBILITY_CODES.map((c) => (
              <th key={c} scope="col" className="px-1 pb-1 text-xs font-medium">
                <abbr title={CREDIBILITY[c]} className="no-underline">
                  {c}
                </abbr>
                <span className="sr-only"> {CREDIBILITY[c]}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {RELIABILITY_CODES.map((r) => (
            <tr key={r}>
              <th scope="row" className="w-28 pr-2 text-left text-xs font-semibold">
                {r}{' '}
                <span className="block text-[11px] leading-tight font-normal text-slate-600">
                  {RELIABILITY[r]}
                </span>
              </th>
              {CREDIBILITY_CODES.map((c) => {
                const n = grid[r][c];
                return (
                  <td key={c} className={`border border-slate-200 px-1 py-1 tabular-nums ${shade(n, max)}`}>
                    {n > 0 ? (
                      <Link
                        href={`/w/${workspaceId}/evidence?reliability=${r}&credibility=${c}`}
                        aria-label={`${r}${c}: ${n} piece${n === 1 ? '' : 's'} of evidence`}
                        className="block font-medium text-indigo-900 underline"
                      >
                        {n}
                      </Link>
                    ) : (
                      <span>0</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
