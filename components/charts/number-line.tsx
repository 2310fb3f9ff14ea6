import { formatTick, numberScale } from '@/lib/charts/number-line';
import { formatQuantity } from '@/lib/quantity';
import { claimStatusTitle, type ClaimStatus } from '@/lib/vocabulary';

export interface LineClaim {
  id: string;
  statement: string;
  status: ClaimStatus;
  quantity: { min: number; max: number; unit: string } | null;
}

/** A mark's colour by the claim's status (its status is also written beside it). */
const STATUS_FILL: Record<ClaimStatus, string> = {
  draft: '#64748b',
  in_review: '#4f46e5',
  accepted: '#047857',
  rejected: '#be123c',
  disputed: '#b45309',
};

const WIDTH = 640;
const PAD = 28;
const LANE = 40;
const AXIS = 36;
/** Lanes drawn at most (one per claim); the others are said, not drawn. */
export const MAX_MARKS = 24;

/** Claims on one unit: the unit most of them share (others are listed, not drawn). */
function byUnit(claims: readonly LineClaim[]) {
  const counts = new Map<string, number>();
  for (const c of claims) if (c.quantity) counts.set(c.quantity.unit, (counts.get(c.quantity.unit) ?? 0) + 1);
  const unit = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onLine = claims.filter((c) => c.quantity && c.quantity.unit === unit);
  const drawn = onLine.slice(0, MAX_MARKS);
  const elsewhere = claims.filter((c) => c.quantity && c.quantity.unit !== unit);
  return { unit: unit ?? '', drawn, elsewhere, cut: onLine.length - drawn.length };
}

/**
 * The competing values of a topic on one number line (server-rendered SVG): each claim's value or
 * range in a lane of its own, a link to the claim, coloured and labelled by status; logarithmic
 * when the values span more than a factor of 20. The list below is its text alternative.
 */
export function NumberLine({ workspaceId, claims }: { workspaceId: string; claims: readonly LineClaim[] }) {
  const { unit, drawn, elsewhere, cut } = byUnit(claims);
  if (drawn.length < 2) return null;
  const values = drawn.flatMap((c) => [c.quantity!.min, c.quantity!.max]);
  const scale = numberScale(values);
  const x = (v: number) => PAD + scale.position(v) * (WIDTH - 2 * PAD);
  const height = drawn.length * LANE + AXIS;
  const axisY = drawn.length * LANE + 6;
  // The mark's words are its link's name (what is seen is what a screen reader says).
  const label = (c: LineClaim) =>
    `${c.statement}: ${formatQuantity(c.quantity!)}, ${claimStatusTitle(c.status).toLowerCase()}`;
  return (
    <section aria-labelledby="number-line-heading" className="space-y-2">
      <h3 id="number-line-heading" className="text-base font-semibold">
        Values on one line
      </h3>
      <figure className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          aria-labelledby="number-line-title"
          className="max-w-3xl"
          fontFamily="inherit"
        >
          <title id="number-line-title">
            {`The competing values in ${unit || 'one unit'} on a ${scale.kind === 'log' ? 'logarithmic' : 'linear'} scale`}
          </title>
          {scale.ticks.map((t) => (
            <g key={t} aria-hidden="true">
              <line x1={x(t)} x2={x(t)} y1={0} y2={axisY} stroke="#e2e8f0" />
              <text x={x(t)} y={axisY + 18} textAnchor="middle" fontSize="12" fill="#334155">
                {formatTick(t)}
              </text>
            </g>
          ))}
          <line x1={PAD} x2={WIDTH - PAD} y1={axisY} y2={axisY} stroke="#64748b" aria-hidden="true" />
          {drawn.map((c, i) => {
            const q = c.quantity!;
            const y = i * LANE + 26;
            const [from, to] = [x(q.min), x(q.max)];
            const fill = STATUS_FILL[c.status];
            const anchorEnd = from > WIDTH / 2;
            return (
              <a
                key={c.id}
                href={`/w/${workspaceId}/claims/${c.id}`}
                className="focus-visible:outline-2 focus-visible:outline-indigo-700"
              >
                <text
                  x={anchorEnd ? to : from}
                  y={y - 10}
                  textAnchor={anchorEnd ? 'end' : 'start'}
                  fontSize="12"
                  fill="#1e293b"
                >
                  {label(c)}
                </text>
                {to - from > 1 ? (
                  <rect x={from} y={y - 4} width={to - from} height={8} rx={4} fill={fill} />
                ) : (
                  <circle cx={from} cy={y} r={6} fill={fill} />
                )}
              </a>
            );
          })}
        </svg>
        <figcaption className="text-sm text-slate-700">
          {scale.kind === 'log'
            ? 'Logarithmic scale: the values span more than a factor of 20, so each step is ten times the last.'
            : 'Linear scale.'}{' '}
          Each mark is a link to its claim.
          <ul aria-label="Values on the line" className="mt-1 list-disc pl-5">
            {drawn.map((c) => (
              <li key={c.id}>{label(c)}</li>
            ))}
          </ul>
          {cut > 0 ? (
            <p className="mt-1">
              {cut} more claims in this unit are not drawn (first {MAX_MARKS} shown).
            </p>
          ) : null}
          {elsewhere.length ? (
            <p className="mt-1">
              Not drawn (another unit):{' '}
              {elsewhere.map((c) => `${c.statement} (${formatQuantity(c.quantity!)})`).join('; ')}.
            </p>
          ) : null}
        </figcaption>
      </figure>
    </section>
  );
}
