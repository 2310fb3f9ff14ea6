/**
 * "Where else?": the other places in a workspace where a quote appears, word for word or nearly
 * (a story copied from outlet to outlet with a word changed). The search index proposes passages
 * holding the quote's most telling words; here each is searched for the quote itself, allowing a
 * few differences, and kept when it is similar enough.
 */
import search from 'approx-string-match';
import { tokensOf, type SearchQuery } from './query';

/** Longer quotes are not looked for: a passage of the index holds at most 1,200 characters. */
export const WHERE_ELSE_MAX_QUOTE = 1_000;
/** Shorter quotes would be found everywhere ("the ransom"). */
export const WHERE_ELSE_MIN_QUOTE = 12;
/** At least this similar (1 − edits / length) to count as the same quote. */
export const WHERE_ELSE_MIN_SIMILARITY = 0.85;
/**
 * The candidates asked from the index hold the quote's most telling words, this many: few enough
 * that a copy with a word or a figure changed still comes, enough to keep the candidates few.
 */
const MAX_WORDS = 4;

/**
 * The index query that proposes candidates: the quote's longest distinct words (longer words are
 * rarer), all required; a passage that changed any of the quote's other words still comes.
 */
export function candidateQuery(quote: string): SearchQuery {
  const words = [...new Set(tokensOf(quote).map((t) => t.toLowerCase()))]
    .filter((t) => t.length >= 3)
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, MAX_WORDS);
  return { include: words.map((w) => ({ tokens: [w], prefix: false })), exclude: [] };
}

export interface Occurrence {
  start: number;
  end: number;
  similarity: number;
}

/** Lower case, keeping every character's length (so offsets hold), for comparing. */
function lower(text: string): string {
  const l = text.toLowerCase();
  return l.length === text.length ? l : text;
}

/** The best occurrence of `quote` in `text` (offsets in `text`), or null when none is similar enough. */
export function bestOccurrence(text: string, quote: string): Occurrence | null {
  const q = quote.trim();
  if (q.length < WHERE_ELSE_MIN_QUOTE || q.length > WHERE_ELSE_MAX_QUOTE) return null;
  const maxErrors = Math.floor(q.length * (1 - WHERE_ELSE_MIN_SIMILARITY));
  const matches = search(lower(text), lower(q), maxErrors);
  let best: Occurrence | null = null;
  for (const m of matches) {
    const similarity = 1 - m.errors / q.length;
    if (!best || similarity > best.similarity) best = { start: m.start, end: m.end, similarity };
  }
  return best && best.similarity >= WHERE_ELSE_MIN_SIMILARITY ? best : null;
}
