/**
 * Resolves the target of a claim made through the API — W3C selectors
 * (https://www.w3.org/TR/annotation-model/#selectors) — on a revision's canonical text. Unlike
 * re-anchoring (lib/anchoring/anchor.ts), a new target is never matched approximately and never
 * guessed: the quote must occur exactly; its prefix and suffix, when given, must sit right before
 * and after it; and exactly one place may remain. Otherwise the caller is told why.
 */
import type { TextPositionSelector, TextQuoteSelector } from '@/lib/anchoring/selectors';

export type QuoteSelectorInput = Pick<TextQuoteSelector, 'exact'> &
  Partial<Pick<TextQuoteSelector, 'prefix' | 'suffix'>>;
export type PositionSelectorInput = Pick<TextPositionSelector, 'start' | 'end'>;

export type TargetResolution =
  | { ok: true; start: number; end: number }
  | { ok: false; reason: 'not_found' | 'ambiguous' | 'mismatch' | 'out_of_range'; message: string };

const MAX_CANDIDATES = 10_000;

function occurrences(text: string, exact: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(exact); i >= 0 && out.length < MAX_CANDIDATES; i = text.indexOf(exact, i + 1)) {
    out.push(i);
  }
  return out;
}

const fail = (reason: Extract<TargetResolution, { ok: false }>['reason'], message: string) =>
  ({ ok: false, reason, message }) as const;

export function resolveTarget(
  text: string,
  { quote, position }: { quote?: QuoteSelectorInput; position?: PositionSelectorInput },
): TargetResolution {
  if (position) {
    const { start, end } = position;
    if (
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end > text.length ||
      start >= end
    ) {
      return fail(
        'out_of_range',
        `The TextPositionSelector [${start}, ${end}) is not a passage of the current text (${text.length} characters).`,
      );
    }
  }
  if (!quote) {
    if (!position) return fail('not_found', 'Give a TextQuoteSelector, a TextPositionSelector or both.');
    return { ok: true, start: position.start, end: position.end };
  }
  // The canonical text is NFC (lib/documents/convert.ts normalises every input).
  const exact = quote.exact.normalize('NFC');
  const prefix = (quote.prefix ?? '').normalize('NFC');
  const suffix = (quote.suffix ?? '').normalize('NFC');
  if (!exact.trim()) return fail('not_found', 'The quote (exact) is empty.');
  const fits = (at: number) =>
    text.startsWith(exact, at) &&
    text.slice(Math.max(0, at - prefix.length), at) === prefix &&
    text.startsWith(suffix, at + exact.length);

  if (position) {
    if (position.end - position.start === exact.length && fits(position.start)) {
      return { ok: true, start: position.start, end: position.end };
    }
    return fail(
      'mismatch',
      'The TextPositionSelector and the TextQuoteSelector disagree: the current text at that position is not the quote.',
    );
  }

  const all = occurrences(text, exact);
  if (all.length === 0)
    return fail('not_found', 'The quote does not occur in the current text of the document.');
  const matching = all.filter(fits);
  if (matching.length === 1) return { ok: true, start: matching[0]!, end: matching[0]! + exact.length };
  if (matching.length === 0) {
    return fail(
      'not_found',
      `The quote occurs ${all.length === 1 ? 'once' : `${all.length} times`}, but never with this prefix and suffix.`,
    );
  }
  return fail(
    'ambiguous',
    `The quote occurs ${matching.length} times: add a prefix or suffix (the text right before or after it), or a TextPositionSelector, to say which.`,
  );
}
