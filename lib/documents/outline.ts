/** The headings of a document, in order, for the reader's table of contents. */
import type { PmJson } from './canonical-text';

export interface OutlineEntry {
  /** Position among the document's headings (0-based): the reader scrolls to the nth heading. */
  index: number;
  level: number;
  text: string;
}

const textOf = (node: PmJson): string =>
  node.type === 'text' ? (node.text ?? '') : (node.content ?? []).map(textOf).join('');

export function documentOutline(doc: PmJson): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  let index = 0;
  const walk = (node: PmJson) => {
    if (node.type === 'heading') {
      const text = textOf(node).trim();
      entries.push({ index, level: Number(node.attrs?.level ?? 1), text: text || '(untitled section)' });
      index++;
      return;
    }
    node.content?.forEach(walk);
  };
  walk(doc);
  return entries;
}
