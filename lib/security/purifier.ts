/**
 * A DOMPurify on a jsdom window of its own, made on first use. Each renderer keeps its own (its
 * hooks and settings stay apart): the documents' import (lib/documents/sanitize.ts), comments
 * (lib/review/comment-markdown.ts) and the HTML brief (lib/export/html.ts).
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

export function lazyPurifier(setup?: (purifier: DOMPurify) => void): () => DOMPurify {
  let purifier: DOMPurify | undefined;
  return () => {
    if (!purifier) {
      const { window } = new JSDOM('');
      purifier = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
      setup?.(purifier);
    }
    return purifier;
  };
}
