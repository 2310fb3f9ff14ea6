/**
 * The import pipeline, one for every input:
 *   limits of structure (structure.ts: element count and nesting, before any parser)
 *   → parse (plain text / Markdown / HTML / .docx → HTML; .pdf → JSON directly, ./pdf.ts)
 *   → sanitize to an allowlist (sanitize.ts)
 *   → ProseMirror JSON parsed by the document schema
 *   → validated against that schema (and its links checked)
 *   → canonical text (canonical-text.ts).
 * Failures are typed errors with a message for people. The server runs it in the worker pool
 * (lib/jobs), never on the event loop.
 */
import { DOMParser as PmDOMParser, Node as PmNode } from '@tiptap/pm/model';
import { JSDOM } from 'jsdom';
import { marked } from 'marked';
import { AppError } from '@/lib/errors';
import { canonicalize, wordCount, type PmJson, type Segment } from './canonical-text';
import { docxToHtml } from './docx';
import { pdfToDocument } from './pdf';
import { documentSchema, isSafeHref } from './extensions';
import { sanitizeHtml } from './sanitize';
import { checkHtmlStructure, checkJsonStructure, checkMarkdownStructure, nestedTooDeep } from './structure';
import type { SourceFormat } from '@/lib/vocabulary';

export { SOURCE_FORMATS, type SourceFormat } from '@/lib/vocabulary';

export interface ConvertedDocument {
  content: PmJson;
  text: string;
  segments: Segment[];
  words: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Line endings to "\n", Unicode to NFC (so "Keïta" typed two ways is one string), no NUL. */
export function normaliseInput(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '')
    .normalize('NFC');
}

/** Plain text: blank lines separate paragraphs; a single line break stays a line break. */
export function plainTextToHtml(text: string): string {
  return normaliseInput(text)
    .split(/\n[ \t]*\n+/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim().length > 0)
    .map((block) => `<p>${block.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

export function markdownToHtml(markdown: string): string {
  return marked.parse(normaliseInput(markdown), { async: false, gfm: true, breaks: false });
}

/** Sanitized HTML → ProseMirror JSON of the document schema. */
export function htmlToDocument(html: string): PmJson {
  const { window } = new JSDOM(`<!doctype html><body>${sanitizeHtml(normaliseInput(html))}</body>`);
  try {
    const doc = PmDOMParser.fromSchema(documentSchema).parse(
      window.document.body as unknown as globalThis.Node,
    );
    return doc.toJSON() as PmJson;
  } finally {
    window.close();
  }
}

/** Checks JSON (from an import or from the reader's edit mode) against the document schema. */
/**
 * The same normalisation as imported text (NFC, \n line ends, no NUL), applied to every text node
 * of editor JSON, so that a revision saved from the editor or the API has the text a browser shows.
 */
export function normaliseTextNodes(json: unknown): unknown {
  if (Array.isArray(json)) {
    return json
      .map(normaliseTextNodes)
      .filter((n) => !(isTextNode(n) && (n as { text: string }).text === ''));
  }
  if (!json || typeof json !== 'object') return json;
  const out: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  if (isTextNode(out) && typeof out.text === 'string') out.text = normaliseInput(out.text);
  if (Array.isArray(out.content)) out.content = normaliseTextNodes(out.content);
  return out;
}

const isTextNode = (n: unknown) => !!n && typeof n === 'object' && (n as { type?: unknown }).type === 'text';

export function validateDocument(json: unknown): PmJson {
  let node: PmNode;
  try {
    node = PmNode.fromJSON(documentSchema, normaliseTextNodes(json) as Record<string, unknown>);
    node.check();
  } catch (error) {
    throw new AppError(
      'invalid',
      'document',
      `The document's structure is not valid: ${(error as Error).message}`,
      {
        field: 'content',
      },
    );
  }
  if (node.type.name !== 'doc')
    throw new AppError('invalid', 'document', 'The content must be a whole document.');
  node.descendants((child) => {
    for (const mark of child.marks) {
      if (mark.type.name === 'link' && !isSafeHref(mark.attrs.href)) {
        throw new AppError('invalid', 'document', 'Links may only use http, https or mailto addresses.', {
          field: 'content',
        });
      }
    }
  });
  return node.toJSON() as PmJson;
}

export function finishDocument(json: unknown): ConvertedDocument {
  checkJsonStructure(json);
  const content = validateDocument(json);
  const { text, segments } = canonicalize(content);
  if (!text.trim()) {
    throw new AppError('invalid', 'document', 'The document is empty: there is no text to read.', {
      field: 'content',
    });
  }
  return { content, text, segments, words: wordCount(text) };
}

export async function convertToDocument(
  format: SourceFormat,
  input: string | Uint8Array,
): Promise<ConvertedDocument> {
  const asText = () =>
    typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  let html: string;
  switch (format) {
    case 'text':
      html = plainTextToHtml(asText());
      break;
    case 'markdown': {
      const text = asText();
      checkMarkdownStructure(text);
      html = markdownToHtml(text);
      break;
    }
    case 'html':
      html = asText();
      break;
    case 'docx':
      if (typeof input === 'string')
        throw new AppError('invalid', 'document', 'A .docx file must be uploaded as a file.');
      html = await docxToHtml(input);
      break;
    case 'pdf':
      if (typeof input === 'string')
        throw new AppError('invalid', 'document', 'A .pdf file must be uploaded as a file.');
      // Text and pages come from PDF.js as plain strings (no markup to sanitize): the JSON is
      // built directly, then checked like any other (structure, schema, canonical text).
      return finishDocument(await pdfToDocument(input));
  }
  // Limits of size and structure before any parser sees it (./structure.ts).
  checkHtmlStructure(html);
  try {
    return finishDocument(htmlToDocument(html));
  } catch (error) {
    // A nesting the estimate let through still ends as a clear refusal, never as a crash.
    if (error instanceof RangeError) throw nestedTooDeep();
    throw error;
  }
}
