/**
 * The preview of an import: its first paragraphs as the reader will show them (from the canonical
 * text, whose paragraphs are separated by blank lines), how many there are, and its words.
 */
export const PREVIEW_PARAGRAPHS = 3;
const PREVIEW_CHARS = 300;

export interface ImportPreview {
  paragraphs: string[];
  paragraphCount: number;
  words: number;
}

export function importPreview(text: string, words: number): ImportPreview {
  const all = text.split(/\n{2,}/).filter((p) => p.trim());
  return {
    paragraphs: all.slice(0, PREVIEW_PARAGRAPHS).map((p) => {
      const flat = p.trim();
      return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1).trimEnd()}…` : flat;
    }),
    paragraphCount: all.length,
    words,
  };
}
