/**
 * The reader asks for its claims as soon as it hydrates. Named in a Link header on the document
 * page (proxy.ts), the browser starts that request with the page's first bytes, so the claims
 * arrive while the text is still being read instead of after it. The request and its
 * authorization are the claims endpoint's as usual; `crossorigin=anonymous` matches the reader's
 * own fetch (same-origin credentials), so the preloaded answer is the one it uses.
 */
const DOCUMENT_PAGE = /^\/w\/[^/]+\/documents\/([A-Za-z0-9-]{1,100})$/;

export function readerPreload(pathname: string): string | null {
  const match = DOCUMENT_PAGE.exec(pathname);
  if (!match || match[1] === 'new') return null;
  return `</api/documents/${match[1]}/claims>; rel=preload; as=fetch; crossorigin=anonymous`;
}

/**
 * Where the reader fetches a revision's text as drawn (its HTML, lib/documents/render-html.ts).
 * The address names the revision and a digest of the drawing, so a browser may keep the answer
 * for good: a revision never changes, and a new drawing of it (another release) is another address.
 */
export const readerTextPath = (documentId: string, revisionId: string, digest: string) =>
  `/api/documents/${encodeURIComponent(documentId)}/text?revision=${encodeURIComponent(revisionId)}&digest=${encodeURIComponent(digest)}`;
