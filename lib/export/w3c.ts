/**
 * The claims as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), JSON-LD: one
 * AnnotationCollection whose embedded first (and only) AnnotationPage holds one Annotation per
 * anchor that has a position or a quote.
 *
 * - Annotation id: `${baseUrl}/api/v1/claims/${claimId}#anchor-${anchorId}`; motivation
 *   "describing"; created/modified: the anchor's creation and the later of the claim's and the
 *   anchor's updates; creator: the anchor's author, else the claim's (omitted when unknown).
 * - body: the statement (TextualBody, purpose "describing", text/plain), the claim type (purpose
 *   "classifying") and one TextualBody per tag (purpose "tagging").
 * - target: `{ source: the document's reader URL, selector: [TextQuoteSelector, TextPositionSelector] }`;
 *   an orphaned anchor targets its last known place: the page of the revision that last held it
 *   (`…/documents/{id}/revisions/{number}`), with its quote and its offsets in that revision, so
 *   that no annotation is exported without a place; an orphan from before that place was kept
 *   carries the document's URL and only the TextQuoteSelector.
 *
 * The model counts TextPositionSelector offsets in Unicode code points; Warrant stores UTF-16
 * offsets (as the DOM does). The export uses `anchor.codePoints` when the caller supplies it
 * (see `toCodePointOffset`) and the stored offsets otherwise, which are the same unless a
 * character outside the Basic Multilingual Plane (an emoji) precedes the passage.
 *
 * Streamed: annotations are written one by one; the collection's `total` (and `last`) come after
 * the page, which JSON allows since keys are unordered. When no anchor qualifies the collection
 * has `total: 0` and no page (the model requires a page to hold at least one annotation).
 */
import type { ExportAnchor, ExportClaim, ExportSourceData } from './model';
import { claimApiUrl, documentUrl, revisionUrl } from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The code-point offset of a UTF-16 offset into `text`. */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  let points = 0;
  for (let i = 0; i < utf16Offset && i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The low half of a surrogate pair belongs to the code point counted with its high half.
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    points++;
  }
  return points;
}

export function collectionId(data: Pick<ExportSourceData, 'context'>): string {
  const { context } = data;
  const url = new URL(
    `${context.baseUrl}/api/v1/workspaces/${encodeURIComponent(context.workspace.id)}/annotations`,
  );
  if (context.scope.documentId) url.searchParams.set('document', context.scope.documentId);
  return url.toString();
}

function pageId(collection: string): string {
  const url = new URL(collection);
  url.searchParams.set('page', '1');
  return url.toString();
}

export function annotationFor(
  data: Pick<ExportSourceData, 'context'>,
  claim: ExportClaim,
  anchor: ExportAnchor,
  source: string,
): Record<string, unknown> | null {
  const hasPosition = anchor.start !== null && anchor.end !== null && anchor.status !== 'orphaned';
  const held = anchor.status === 'orphaned' ? anchor.held : null;
  if (!hasPosition && !held && !anchor.exact) return null;
  const selector: Record<string, unknown>[] = [];
  if (anchor.exact)
    selector.push({
      type: 'TextQuoteSelector',
      exact: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
    });
  if (hasPosition) {
    const position = anchor.codePoints ?? { start: anchor.start!, end: anchor.end! };
    selector.push({ type: 'TextPositionSelector', start: position.start, end: position.end });
  } else if (held) {
    selector.push({ type: 'TextPositionSelector', start: held.start, end: held.end });
  }
  const creator = anchor.createdBy ?? claim.author;
  const modified = anchor.updatedAt > claim.updatedAt ? anchor.updatedAt : claim.updatedAt;
  return {
    id: `${claimApiUrl(data.context, claim.id)}#anchor-${encodeURIComponent(anchor.id)}`,
    type: 'Annotation',
    motivation: 'describing',
    created: anchor.createdAt,
    modified,
    ...(creator ? { creator: { type: 'Person', name: creator } } : {}),
    body: [
      { type: 'TextualBody', value: claim.statement, purpose: 'describing', format: 'text/plain' },
      ...(claim.type ? [{ type: 'TextualBody', value: claim.type, purpose: 'classifying' }] : []),
      ...claim.tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
    ],
    target: {
      source: held ? revisionUrl(data.context, anchor.documentId, held.revisionNumber) : source,
      selector,
    },
  };
}

export async function* w3cChunks(data: ExportSourceData): AsyncGenerator<string> {
  const { context } = data;
  const id = collectionId(data);
  const page = pageId(id);
  const scopedDoc = context.scope.documentId
    ? data.documents.find((d) => d.id === context.scope.documentId)
    : undefined;
  const label = `Warrant claims — ${context.workspace.name}${scopedDoc ? ` — ${scopedDoc.title}` : ''}`;
  const urls = new Map(data.documents.map((d) => [d.id, d.url]));
  const head = JSON.stringify({
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label,
    generated: context.exportedAt,
    generator: { id: context.baseUrl, type: 'Software', name: 'Warrant' },
  });
  yield head.slice(0, -1);
  let total = 0;
  for await (const claim of data.claims()) {
    for (const anchor of claim.anchors) {
      const source = urls.get(anchor.documentId) ?? documentUrl(context, anchor.documentId);
      const annotation = annotationFor(data, claim, anchor, source);
      if (!annotation) continue;
      yield total === 0
        ? `,\n"first":${JSON.stringify({ id: page, type: 'AnnotationPage', partOf: id, startIndex: 0 }).slice(0, -1)},"items":[\n`
        : ',\n';
      yield JSON.stringify(annotation);
      total++;
    }
  }
  yield total > 0 ? `\n]},\n"last":${JSON.stringify(page)},"total":${total}}\n` : `,"total":0}\n`;
}
