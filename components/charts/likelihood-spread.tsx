import { LIKELIHOODS, likelihoodLabel, type Confidence, type Likelihood } from '@/lib/scales';

export interface SpreadMark {
  id: string;
  /** The analyst's name as shown ("You" for the viewer). */
  name: string;
  likelihood: Likelihood;
  confidence: Confidence;
}

/** A mark's size and shade by confidence (the confidence is also written in the list). */
const CONFIDENCE_MARK: Record<Confidence, { r: number; fill: string }> = {
  low: { r: 5, fill: '#a5b4fc' },
  moderate: { r: 7, fill: '#6366f1' },
  high: { r: 9, fill: '#3730a3' },
};

const BAND = 60;
const WIDTH = BAND * LIKELIHOODS.length;
const ROW = 20;

/** A band's label on at most two lines: "roughly even" / "chance". */
function twoLines(label: string): string[] {
  const words = label.split(' ');
  return words.length > 1 ? [words.slice(0, -1).join(' '), words.at(-1)!] : [label];
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/**
 * The spread of the assessments of a claim the viewer may see (the caller passes exactly those:
 * blind assessments hide the others'), on the seven ICD 203 likelihood bands: one mark per analyst,
 * larger and darker with more confidence. Drawn as SVG (a picture, hidden from screen readers);
 * the list beside it says the same in words.
 */
export function LikelihoodSpread({ marks }: { marks: readonly SpreadMark[] }) {
  if (!marks.length) return null;
  const bands = LIKELIHOODS.map((band) => ({
    ...band,
    marks: marks.filter((m) => m.likelihood === band.key),
  }));
  const tallest = Math.max(1, ...bands.map((b) => b.marks.length));
  const height = tallest * ROW + 56;
  return (
    <figure aria-label="Spread of likelihood" className="space-y-1">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" aria-hidden="true" fontFamily="inherit">
        {bands.map((b, i) => (
          <g key={b.key}>
            <rect
              x={i * BAND + 1}
              y={0}
              width={BAND - 2}
              height={tallest * ROW + 8}
              fill={i % 2 ? '#f1f5f9' : '#f8fafc'}
            />
            <text
              x={i * BAND + BAND / 2}
              y={tallest * ROW + 22}
              textAnchor="middle"
              fontSize="10"
              fill="#334155"
            >
              {b.range}
            </text>
            {twoLines(b.label).map((line, k) => (
              <text
                key={k}
                x={i * BAND + BAND / 2}
                y={tallest * ROW + 35 + k * 11}
                textAnchor="middle"
                fontSize="9"
                fill="#334155"
              >
                {line}
              </text>
            ))}
            {b.marks.map((m, j) => (
              <g key={m.id}>
                <circle
                  cx={i * BAND + BAND / 2}
                  cy={tallest * ROW - j * ROW - 4}
                  r={CONFIDENCE_MARK[m.confidence].r}
                  fill={CONFIDENCE_MARK[m.confidence].fill}
                />
                <text x={i * BAND + BAND / 2 + 11} y={tallest * ROW - j * ROW} fontSize="10" fill="#1e293b">
                  {initials(m.name)}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="text-xs text-slate-700">
        <ul aria-label="Assessments on the likelihood scale" className="space-y-0.5">
          {bands
            .filter((b) => b.marks.length)
            .map((b) => (
              <li key={b.key}>
                {likelihoodLabel(b.key)}:{' '}
                {b.marks.map((m) => `${m.name} (${m.confidence} confidence)`).join(', ')}
              </li>
            ))}
        </ul>
      </figcaption>
    </figure>
  );
}
