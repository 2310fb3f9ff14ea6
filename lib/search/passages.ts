/**
 * A document's current text cut into passages small enough to point at (a search result opens the
 * reader at its passage): paragraphs, and a long paragraph cut at sentence ends (at a space when a
 * sentence is itself too long). Offsets are UTF-16 offsets into the canonical text
 * (lib/documents/canonical-text), as anchors use.
 */
export interface Passage {
  start: number;
  end: number;
  text: string;
}

/** The longest passage: about a long paragraph of print. */
export const MAX_PASSAGE_LENGTH = 1200;

const PARAGRAPH_BREAK = /\n{2,}/g;
const SENTENCE_END = /[.!?…]["'”’»)]*\s+/g;

export function splitPassages(text: string, max = MAX_PASSAGE_LENGTH): Passage[] {
  const passages: Passage[] = [];
  let from = 0;
  const push = (start: number, end: number) => {
    // Trim, keeping offsets exact.
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) passages.push({ start, end, text: text.slice(start, end) });
  };
  const paragraph = (start: number, end: number) => {
    while (end - start > max) {
      const cut = cutPoint(text, start, start + max);
      push(start, cut);
      start = cut;
    }
    push(start, end);
  };
  for (const m of text.matchAll(PARAGRAPH_BREAK)) {
    paragraph(from, m.index);
    from = m.index + m[0].length;
  }
  paragraph(from, text.length);
  return passages;
}

/** Where to end a piece of text[start, limit): the last sentence end, else the last space, else the limit. */
function cutPoint(text: string, start: number, limit: number): number {
  const window = text.slice(start, limit);
  let sentence = -1;
  for (const m of window.matchAll(SENTENCE_END)) {
    if (m.index + m[0].length < window.length) sentence = m.index + m[0].length;
  }
  // A cut in the first third leaves a tiny passage: prefer a space further on.
  if (sentence > window.length / 3) return start + sentence;
  const space = window.lastIndexOf(' ');
  if (space > window.length / 3) return start + space + 1;
  // Never cut a surrogate pair in two.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
