/**
 * A claim's optional quantity: one value or a range, with a unit ("206 persons",
 * "2,500,000–10,000,000 EUR"). Parsed from what an analyst types, formatted for display. No zod
 * here: the claim form imports this module in the browser, where building a zod object schema
 * probes `new Function` and the CSP reports it (the input schema is in ./quantity-input.ts).
 */

export interface Quantity {
  min: number;
  max: number;
  unit: string;
}

const NUMBER = String.raw`\d[\d,\u00a0\u202f ]*(?:\.\d+)?|\.\d+`;
const MULTIPLIER = String.raw`(?:k|thousand|m|mn|mio|millions?|b|bn|billions?)(?![\p{L}])`;
const RANGE = new RegExp(
  String.raw`^(${NUMBER})\s*(${MULTIPLIER})?\s*(?:(?:–|—|-|to|and)\s*(${NUMBER})\s*(${MULTIPLIER})?)?\s*(.*)$`,
  'iu',
);
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
};
/** Currencies, as symbols, codes or words, and the code each stands for. */
const CURRENCIES: [RegExp, string][] = [
  [/€|\beur(?:os?)?\b/iu, 'EUR'],
  [/US\$|\$|\bu\.?s\.? dollars?\b|\bdollars?\b|\busd\b/iu, 'USD'],
  [/£|\bpounds?(?: sterling)?\b|\bgbp\b/iu, 'GBP'],
  [/\b(?:cfa francs?|f ?cfa|xof)\b/iu, 'XOF'],
];
/** Words that hedge a figure ("about 200"): the figure is kept, the hedge is for the statement. */
const HEDGE =
  /^(?:about|around|approximately|approx\.?|roughly|some|nearly|almost|up to|at least|more than|over|c\.|ca\.|~|≈)\s*/iu;

const toNumber = (digits: string) => {
  const n = Number(digits.replace(/[,\s\u00a0\u202f]/g, ''));
  return Number.isFinite(n) ? n : null;
};

export function parseNumber(raw: string): number | null {
  const m = new RegExp(String.raw`^(${NUMBER})\s*(${MULTIPLIER})?$`, 'iu').exec(raw.trim());
  if (!m) return null;
  const n = toNumber(m[1]!);
  return n === null ? null : n * (m[2] ? MULTIPLIERS[m[2].toLowerCase()]! : 1);
}

/**
 * What an analyst types for a figure, read: one value or a range, with the multipliers they write
 * ("2.5m", "2.5 million", "1.5bn", "3–4 million": the multiplier after a range counts for both
 * ends), a currency as a symbol, code or word ("€2.5M", "10m EUR", "2.5 million euros" → EUR), or
 * a unit word after the figure ("180–200 prisoners"); hedges ("about", "some") are dropped. Null
 * when it is not a figure.
 */
export function parseQuantityText(raw: string): { min: number; max: number; unit: string | null } | null {
  let text = raw.normalize('NFKC').trim();
  let unit: string | null = null;
  for (const [pattern, code] of CURRENCIES) {
    if (pattern.test(text)) {
      unit = code;
      text = text.replace(pattern, ' ').trim();
      break;
    }
  }
  text = text.replace(HEDGE, '').replace(/^between\s+/iu, '');
  const m = RANGE.exec(text);
  if (!m) return null;
  const [, first, firstMult, second, secondMult, rest] = m;
  // "3–4 million": the multiplier after the range is the first end's too.
  const scale = (mult: string | undefined) => (mult ? MULTIPLIERS[mult.toLowerCase()]! : 1);
  const a = toNumber(first!);
  const b = second ? toNumber(second) : a;
  if (a === null || b === null) return null;
  const lo = a * scale(firstMult ?? (second ? secondMult : undefined));
  const hi = second ? b * scale(secondMult ?? firstMult) : lo;
  const tail = (rest ?? '').trim();
  if (tail) {
    // A word or two of unit ("persons", "armed men"), nothing else.
    if (unit || !/^[\p{L}][\p{L}\s.'’-]{0,38}$/u.test(tail)) return null;
    unit = tail.replace(/\s+/g, ' ');
  }
  return { min: Math.min(lo, hi), max: Math.max(lo, hi), unit };
}

/** "206" → {206, 206}; "2.5m-10m" → {2500000, 10000000}; null when it is not a number or range. */
export function parseAmount(raw: string): { min: number; max: number } | null {
  const parsed = parseQuantityText(raw);
  return parsed ? { min: parsed.min, max: parsed.max } : null;
}

/** One formatter for every call: `toLocaleString` with options builds a new one each time. */
const NUMBER_FORMAT = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

export function formatQuantity(q: Quantity): string {
  const f = (n: number) => NUMBER_FORMAT.format(n);
  const amount = q.min === q.max ? f(q.min) : `${f(q.min)}–${f(q.max)}`;
  return q.unit ? `${amount} ${q.unit}` : amount;
}
