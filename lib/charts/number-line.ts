/**
 * The scale of a number line on which competing values are drawn: linear, or logarithmic when the
 * values span more than `LOG_RATIO` (€50k beside €10M would otherwise sit on top of zero), with
 * round ticks. Pure: positions are fractions of the line's length (0 at its start, 1 at its end).
 */

/** Above this ratio between the largest and the smallest value, the line is logarithmic. */
export const LOG_RATIO = 20;

export interface NumberScale {
  kind: 'linear' | 'log';
  domain: [number, number];
  /** Round values to mark along the line, in order, inside the domain. */
  ticks: number[];
  /** Where a value sits, 0–1 (clamped). */
  position: (value: number) => number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** A round step (1, 2 or 5 × 10ⁿ) near `span / count`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** Rounds away floating-point noise (0.30000000000000004 → 0.3). */
const tidy = (n: number) => Number(n.toPrecision(12));

export function numberScale(values: readonly number[], options: { logRatio?: number } = {}): NumberScale {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return numberScale([0, 1]);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  const logRatio = options.logRatio ?? LOG_RATIO;

  if (lo > 0 && hi / lo > logRatio) {
    const from = Math.floor(Math.log10(lo));
    const to = Math.ceil(Math.log10(hi));
    const ticks: number[] = [];
    for (let p = from; p <= to; p++) ticks.push(tidy(10 ** p));
    const domain: [number, number] = [ticks[0]!, ticks.at(-1)!];
    const [a, b] = [Math.log10(domain[0]), Math.log10(domain[1])];
    return {
      kind: 'log',
      domain,
      ticks,
      position: (v) => (v > 0 ? clamp01((Math.log10(v) - a) / (b - a)) : 0),
    };
  }

  // Linear: from zero when every value is positive (a bar from 0 reads as an amount), else
  // around the values; one value alone sits in the middle of a line from 0 to twice it.
  if (lo > 0) lo = 0;
  if (hi < 0) hi = 0;
  if (lo === hi) hi = lo + 1;
  const step = niceStep(hi - lo, 5);
  const start = tidy(Math.floor(lo / step) * step);
  const end = tidy(Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let t = start; t <= end + step / 2; t = tidy(t + step)) ticks.push(t);
  return {
    kind: 'linear',
    domain: [start, end],
    ticks,
    position: (v) => clamp01((v - start) / (end - start)),
  };
}

/** A tick's label, short: 50k, 2.5M, 1B, 0.5. */
export function formatTick(value: number): string {
  const abs = Math.abs(value);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) if (abs >= size) return `${tidy(value / size)}${suffix}`;
  return String(tidy(value));
}
