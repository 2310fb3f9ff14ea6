/**
 * Every payload of the corpus through every import path, asserting with jsdom (find-xss.ts) that
 * what the reader then shows could not run script: the document sanitizer alone; pasted plain
 * text, Markdown and HTML (conversion, then the reader's server-side HTML); a .docx upload holding
 * the payloads in text runs, hyperlinks, anchors, HYPERLINK fields and HTML-looking runs.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { convertToDocument, type SourceFormat } from '@/lib/documents/convert';
import { renderDocumentHtml } from '@/lib/documents/render-html';
import { sanitizeHtml } from '@/lib/documents/sanitize';
import { findXssEach } from './find-xss';
import { XSS_CORPUS } from './xss-corpus';
import { makeHostileDocx } from './xss-docx';
import { sweep } from './xss-sweep';
import { PASTE_FORMATS } from '@/lib/vocabulary';

/** Imports; an import refused with a message (e.g. nothing readable left) is also safe. */
async function imported(format: SourceFormat, input: string | Uint8Array): Promise<string | null> {
  try {
    const doc = await convertToDocument(format, input);
    return renderDocumentHtml(doc.content).html;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('invalid');
    return null;
  }
}

/** Conversions build a jsdom window each: a sweep of the corpus takes seconds on a busy machine. */
const SLOW = 120_000;

const some = (html: string | null) => (html === null ? [] : [html]);

describe('every payload, through every import path, comes out inert', () => {
  it('the document sanitizer alone', async () => {
    expect(await sweep((p) => [sanitizeHtml(p)])).toEqual([]);
  });

  it.each(PASTE_FORMATS)(
    'pasted as %s, imported, rendered by the reader',
    async (format) => {
      const dropped: number[] = [];
      const findings = await sweep(async (p, id) => {
        const html = await imported(format, p);
        // Plain text is kept as text: the payload is shown, escaped, not dropped.
        if (format === 'text' && p.includes(`__xss(${id})`) && !html?.includes(`__xss(${id})`))
          dropped.push(id);
        return some(html);
      });
      expect(findings).toEqual([]);
      expect(dropped).toEqual([]);
    },
    SLOW,
  );

  it(
    'in a .docx (text runs, hyperlinks, anchors, HYPERLINK fields, HTML-looking runs)',
    async () => {
      // Ten payloads a file (one conversion each is slow); a finding names the file's payloads.
      const outputs: string[] = [];
      const owners: string[] = [];
      for (let i = 0; i < XSS_CORPUS.length; i += 10) {
        const batch = XSS_CORPUS.slice(i, i + 10);
        const html = await imported('docx', makeHostileDocx(batch.map((p) => p.text)));
        expect(html).not.toBeNull();
        outputs.push(html!);
        owners.push(`payloads #${batch[0]!.id}–#${batch.at(-1)!.id}`);
      }
      const findings = findXssEach(outputs).flatMap((found, i) => found.map((f) => `${owners[i]}: ${f}`));
      expect(findings).toEqual([]);
    },
    SLOW,
  );
});
