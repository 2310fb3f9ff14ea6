/**
 * Snippets of search results: the engines mark the words found with two private-use characters,
 * and the page and the API turn them into parts of text, so that no markup from a document ever
 * reaches the page as HTML. (The same characters inside a document could at worst mark or unmark
 * words of its own snippet: the parts are only ever shown as text.)
 */
import type { SearchKind } from '@/lib/vocabulary';

export const SNIPPET_START = '\uE000';
export const SNIPPET_END = '\uE001';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** A marked snippet as parts: adjacent parts of the same kind merged, stray marks dropped. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
    text = '';
  };
  for (const ch of marked) {
    if (ch === SNIPPET_START || ch === SNIPPET_END) {
      flush();
      match = ch === SNIPPET_START;
    } else text += ch;
  }
  flush();
  return parts;
}

/** The snippet as plain text with the words found in «…» (notifications, logs, text exports). */
export function snippetText(marked: string): string {
  return snippetParts(marked)
    .map((p) => (p.match ? `«${p.text}»` : p.text))
    .join('');
}

/** What a search result is and where it is (the ids it has; a passage's offsets in its document). */
export interface HitTarget {
  kind: SearchKind;
  documentId: string | null;
  claimId: string | null;
  sourceId: string | null;
  evidenceId: string | null;
  commentId: string | null;
  start: number | null;
  end: number | null;
}

/** Where a result opens in the app: the passage in the reader, the claim's panel, the comment in its discussion… */
export function hitHref(workspaceId: string, hit: HitTarget): string {
  const w = `/w/${encodeURIComponent(workspaceId)}`;
  const id = (v: string | null) => encodeURIComponent(v ?? '');
  switch (hit.kind) {
    case 'passage':
      return `${w}/documents/${id(hit.documentId)}${hit.start !== null && hit.end !== null ? `?at=${hit.start}-${hit.end}` : ''}`;
    case 'document':
      return `${w}/documents/${id(hit.documentId)}`;
    case 'claim':
      return `${w}/claims/${id(hit.claimId)}`;
    case 'evidence':
      return `${w}/claims/${id(hit.claimId)}#evidence-${id(hit.evidenceId)}`;
    case 'comment':
      return `${w}/claims/${id(hit.claimId)}#comment-${id(hit.commentId)}`;
    case 'source':
      return `${w}/sources/${id(hit.sourceId)}`;
  }
}
