/**
 * W3C Web Annotation selectors for a passage of a revision's canonical text
 * (https://www.w3.org/TR/annotation-model/#selectors). Offsets are UTF-16 code units.
 */

export const CONTEXT_LENGTH = 32;

/**
 * The longest passage a claim may quote, in characters (about a page and a half): a claim is
 * about a statement, not a chapter, and anchoring's cost grows with the quote.
 */
export const PASSAGE_MAX_CHARS = 5_000;

/** Why a passage is refused as too long (the API and the reader say the same). */
export const passageTooLongMessage = (length: number) =>
  `A passage can be at most ${PASSAGE_MAX_CHARS.toLocaleString('en')} characters; this one has ${length.toLocaleString('en')}. Select a shorter passage (or make several claims).`;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface PassageSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Describes the passage [start, end) of `text` by its quote (with context) and its position. */
export function describePassage(
  text: string,
  start: number,
  end: number,
  context = CONTEXT_LENGTH,
): PassageSelectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Not a passage of the text: [${start}, ${end}) of ${text.length} characters.`);
  }
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - context), start),
      suffix: text.slice(end, Math.min(text.length, end + context)),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

/**
 * Trims white space at the edges of a selection (a double-click or a sloppy drag often takes a
 * space or a line break with it). Returns null when nothing but white space is selected.
 */
export function trimPassage(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && /\s/u.test(text[s]!)) s++;
  while (e > s && /\s/u.test(text[e - 1]!)) e--;
  return s < e ? { start: s, end: e } : null;
}
