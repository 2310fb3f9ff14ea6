/**
 * Every payload of the corpus through the other server-side renderers, asserting with jsdom
 * (find-xss.ts) that the output could not run script: a stored document whose JSON never went
 * through an import (the reader must still escape it), link addresses in editor/API JSON, comment
 * Markdown (bodies and member names in mentions), and the Markdown export read back by a Markdown
 * renderer.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { validateDocument } from '@/lib/documents/convert';
import type { PmJson } from '@/lib/documents/canonical-text';
import { renderDocumentHtml } from '@/lib/documents/render-html';
import { briefPieceHtml } from '@/lib/export/html';
import { escapeMarkdown } from '@/lib/export/markdown';
import { renderComment } from '@/lib/review/comment-markdown';
import { sweep } from './xss-sweep';

/** A document as it could sit in the database had it bypassed the import: payloads everywhere. */
function hostileDocument(p: string): PmJson {
  const text = (t: string, marks?: PmJson['marks']): PmJson => ({ type: 'text', text: t, marks });
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: p }, content: [text(p)] },
      {
        type: 'paragraph',
        content: [
          text(p, [{ type: 'link', attrs: { href: p } }]),
          text(' and ', [{ type: 'link', attrs: { href: `https://example.org/${p}` } }]),
          text(p, [{ type: p } as never, { type: 'bold' }]),
          { type: 'hardBreak' },
          text(p, [{ type: 'code' }]),
        ],
      },
      { type: 'codeBlock', attrs: { language: p }, content: [text(p)] },
      {
        type: 'orderedList',
        attrs: { start: p },
        content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text(p)] }] }],
      },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              {
                type: 'tableCell',
                attrs: { colspan: p, rowspan: p },
                content: [{ type: 'paragraph', content: [text(p)] }],
              },
            ],
          },
        ],
      },
      { type: p, content: [text(p)] } as PmJson,
    ],
  } as PmJson;
}

describe('every payload, through every server-side renderer, comes out inert', () => {
  it('stored as hostile document JSON that never went through an import, rendered by the reader', async () => {
    expect(await sweep((p) => [renderDocumentHtml(hostileDocument(p)).html])).toEqual([]);
  });

  it('as a link address in editor or API JSON: refused, or kept only as a safe address', async () => {
    const findings = await sweep((p) => {
      const json = {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: p } }] }],
          },
        ],
      };
      try {
        return [renderDocumentHtml(validateDocument(json)).html];
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return [];
      }
    });
    expect(findings).toEqual([]);
  });

  it('in a comment, and as the name of a member it mentions', { timeout: 120_000 }, async () => {
    const findings = await sweep((p) => {
      const members = [
        { id: 'u1', name: 'Ana Costa' },
        { id: 'u2', name: p },
      ];
      return [
        renderComment(p, members).html,
        renderComment(`@Ana Costa wrote ${p}`, members).html,
        renderComment(`cc @${p}`, members).html,
      ];
    });
    expect(findings).toEqual([]);
  });

  it('in the Markdown export, read back by a Markdown renderer', async () => {
    const findings = await sweep((p) =>
      [escapeMarkdown(p), escapeMarkdown(p, '   ')].map((md) =>
        marked.parse(md, { async: false, gfm: true }),
      ),
    );
    expect(findings).toEqual([]);
  });

  it(
    'in the HTML brief: escaped as the brief writes it, and even as raw Markdown',
    { timeout: 120_000 },
    async () => {
      const findings = await sweep((p) => [
        briefPieceHtml(`### ${escapeMarkdown(p)}\n\n- ${escapeMarkdown(p, '  ')}\n`),
        // The renderer and its sanitizer stand on their own: the payload unescaped, and as an address.
        briefPieceHtml(p),
        briefPieceHtml(`[a source](${p}) and ![a picture](${p})`),
      ]);
      expect(findings).toEqual([]);
    },
  );
});
