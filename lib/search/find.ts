/**
 * "Find" in a document (the reader's find bar): every occurrence of the words typed, ignoring case,
 * accents and the kind and amount of white space between words (a line break matches a space), as
 * offsets into the document's text, so that the reader can mark them and make a claim of one.
 */
export interface Span {
  start: number;
  end: number;
}

/** At most this many matches are marked: more would not help a reader, and cost paint. */
export const MAX_FIND_MATCHES = 1000;

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`: where its character starts and ends in the original. */
  starts: number[];
  ends: number[];
}

const SPACE = /\s/;

/** `text` lower-cased without accents and with white space runs as one space, mapped back unit by unit. */
export function foldText(text: string): Folded {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + len);
    if (SPACE.test(ch)) {
      if (out.length && out[out.length - 1] === ' ') ends[ends.length - 1] = i + len;
      else {
        out.push(' ');
        starts.push(i);
        ends.push(i + len);
      }
    } else {
      const f =
        cp < 128
          ? ch.toLowerCase()
          : ch
              .normalize('NFD')
              .replace(/\p{M}+/gu, '')
              .toLowerCase();
      // A combining mark alone belongs to the letter before it.
      if (!f.length && ends.length) ends[ends.length - 1] = i + len;
      for (const unit of f.split('')) {
        out.push(unit);
        starts.push(i);
        ends.push(i + len);
      }
    }
    i += len;
  }
  return { text: out.join(''), starts, ends };
}

/** The words typed, folded as the text is (edges trimmed). */
export function foldQuery(query: string): string {
  return foldText(query).text.trim();
}

/** Every occurrence of `query` in the folded text (not overlapping), at most `max`, as original offsets. */
export function findInText(folded: Folded, query: string, max = MAX_FIND_MATCHES): Span[] {
  const q = foldQuery(query);
  const found: Span[] = [];
  if (!q) return found;
  for (
    let at = folded.text.indexOf(q);
    at >= 0 && found.length < max;
    at = folded.text.indexOf(q, at + q.length)
  ) {
    found.push({ start: folded.starts[at]!, end: folded.ends[at + q.length - 1]! });
  }
  return found;
}
