import Link from 'next/link';
import type { TopicAgreement } from '@/db/queries/agreement-topics';

const WIDTH = 560;
const LABEL = 220;
const ROW = 24;
/** Alpha drawn from −1 to 1 (lower values sit at −1; the table gives them exactly). */
const x = (alpha: number) => LABEL + ((Math.max(-1, Math.min(1, alpha)) + 1) / 2) * (WIDTH - LABEL - 10);
const short = (text: string) => (text.length > 34 ? `${text.slice(0, 33)}…` : text);

/**
 * Krippendorff's alpha per topic: bars from 0 (SVG, a picture hidden from screen readers) with
 * Krippendorff's thresholds (0.667 for tentative conclusions, 0.8 for reliable ones); the table
 * under it carries the same numbers in words, each topic a link to its own agreement.
 */
export function AlphaByTopic({
  workspaceId,
  topics,
  omitted,
}: {
  workspaceId: string;
  topics: readonly TopicAgreement[];
  omitted: number;
}) {
  if (!topics.length) return null;
  const height = topics.length * ROW + 28;
  return (
    <section
      aria-labelledby="alpha-by-topic"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id="alpha-by-topic" className="font-semibold">
        Agreement per topic
      </h3>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        className="max-w-2xl"
        aria-hidden="true"
        fontFamily="inherit"
      >
        {[-1, 0, 0.667, 0.8, 1].map((t) => (
          <g key={t}>
            <line
              x1={x(t)}
              x2={x(t)}
              y1={0}
              y2={topics.length * ROW}
              stroke={t === 0 ? '#64748b' : '#cbd5e1'}
            />
            <text x={x(t)} y={topics.length * ROW + 16} textAnchor="middle" fontSize="11" fill="#334155">
              {t}
            </text>
          </g>
        ))}
        {topics.map((t, i) => (
          <g key={t.topicId}>
            <text x={LABEL - 8} y={i * ROW + 16} textAnchor="end" fontSize="12" fill="#1e293b">
              {short(t.question)}
            </text>
            {t.alpha === null ? (
              <text x={x(0) + 4} y={i * ROW + 16} fontSize="11" fill="#475569">
                not computable
              </text>
            ) : (
              <rect
                x={Math.min(x(0), x(t.alpha))}
                y={i * ROW + 5}
                width={Math.max(1, Math.abs(x(t.alpha) - x(0)))}
                height={14}
                fill={t.alpha >= 0.8 ? '#047857' : t.alpha >= 0.667 ? '#4f46e5' : '#b45309'}
              />
            )}
          </g>
        ))}
      </svg>
      <table className="w-full max-w-2xl text-left text-sm">
        <caption className="text-left text-xs text-slate-600">
          Krippendorff’s alpha (ordinal) of the likelihood ratings per topic: 0.8 and above supports
          conclusions, 0.667 tentative ones.
          {omitted ? ` ${omitted} more topics with fewer assessed claims are not shown.` : ''}
        </caption>
        <thead className="text-xs text-slate-600">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Topic
            </th>
            <th scope="col" className="py-1 font-medium">
              α
            </th>
            <th scope="col" className="py-1 font-medium">
              Claims
            </th>
            <th scope="col" className="py-1 font-medium">
              Analysts
            </th>
          </tr>
        </thead>
        <tbody>
          {topics.map((t) => (
            <tr key={t.topicId} className="border-t border-slate-200">
              <th scope="row" className="py-1 font-normal">
                <Link
                  href={`/w/${workspaceId}/agreement?topic=${encodeURIComponent(t.topicId)}`}
                  className="text-indigo-800 underline"
                >
                  {t.question}
                </Link>
              </th>
              <td className="py-1 tabular-nums">
                {t.alpha === null ? 'not computable' : t.alpha.toFixed(3)}
              </td>
              <td className="py-1 tabular-nums">{t.units}</td>
              <td className="py-1 tabular-nums">{t.raters}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
