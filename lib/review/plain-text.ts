/**
 * A comment's Markdown as the words a reader sees, for places that show text, not HTML (a
 * notification's preview): emphasis, code and link marks dropped (a link keeps its words), block
 * marks (headings, quotes, list bullets) dropped, white space folded. `@Name` mentions stay.
 */
export function markdownToPlainText(source: string): string {
  // Escaped marks are kept as they are: set aside first (as private-use characters), put back last.
  const escaped: string[] = [];
  const text = source.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, (_, mark: string) => {
    escaped.push(mark);
    return `\uE000${escaped.length - 1}\uE001`;
  });
  return text
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)/gm, '')
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/\*(?=\S)([^*\n]*?\S)\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}])/gu, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\uE000(\d+)\uE001/g, (_, i: string) => escaped[Number(i)] ?? '');
}
