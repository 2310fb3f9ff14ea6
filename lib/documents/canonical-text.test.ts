import { Node as PmNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import {
  canonicalize,
  canonicalText,
  posToTextOffset,
  textOffsetToPos,
  wordCount,
  type PmJson,
} from './canonical-text';
import { htmlToDocument, markdownToHtml } from './convert';
import { documentSchema } from './extensions';
import { BRIEF_MARKDOWN } from './fixtures';

const p = (...content: PmJson[]): PmJson => ({ type: 'paragraph', content });
const t = (text: string, marks?: PmJson['marks']): PmJson => ({
  type: 'text',
  text,
  ...(marks ? { marks } : {}),
});
const doc = (...content: PmJson[]): PmJson => ({ type: 'doc', content });
const li = (...content: PmJson[]): PmJson => ({ type: 'listItem', content });
const cell = (text: string, type = 'tableCell'): PmJson => ({ type, content: [p(t(text))] });

describe('canonicalText: block separators', () => {
  const cases: { name: string; doc: PmJson; text: string }[] = [
    {
      name: 'two paragraphs',
      doc: doc(p(t('Bamako, October.')), p(t('The exchange.'))),
      text: 'Bamako, October.\n\nThe exchange.',
    },
    {
      name: 'heading then paragraph',
      doc: doc(
        { type: 'heading', attrs: { level: 1 }, content: [t('The exchange')] },
        p(t('It began at dawn.')),
      ),
      text: 'The exchange\n\nIt began at dawn.',
    },
    {
      name: 'marks are ignored',
      doc: doc(p(t('Most counts say '), t('206', [{ type: 'bold' }]), t(' prisoners.'))),
      text: 'Most counts say 206 prisoners.',
    },
    {
      name: 'hard break',
      doc: doc(p(t('line one'), { type: 'hardBreak' }, t('line two'))),
      text: 'line one\nline two',
    },
    {
      name: 'list items',
      doc: doc(
        p(t('Reported:')),
        { type: 'bulletList', content: [li(p(t('206 released'))), li(p(t('ransom paid')))] },
        p(t('End.')),
      ),
      text: 'Reported:\n\n206 released\nransom paid\n\nEnd.',
    },
    {
      name: 'nested list',
      doc: doc({
        type: 'orderedList',
        content: [
          li(p(t('first')), { type: 'bulletList', content: [li(p(t('inner')))] }),
          li(p(t('second'))),
        ],
      }),
      text: 'first\ninner\nsecond',
    },
    {
      name: 'table rows and cells',
      doc: doc({
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('Claim', 'tableHeader'), cell('Figure', 'tableHeader')] },
          { type: 'tableRow', content: [cell('Prisoners'), cell('206')] },
        ],
      }),
      text: 'Claim\tFigure\nPrisoners\t206',
    },
    {
      name: 'block quote keeps paragraph separators',
      doc: doc(p(t('Before.')), { type: 'blockquote', content: [p(t('Quoted one.')), p(t('Quoted two.'))] }),
      text: 'Before.\n\nQuoted one.\n\nQuoted two.',
    },
    {
      name: 'empty paragraphs and rules add nothing',
      doc: doc(p(t('A')), p(), { type: 'horizontalRule' }, p(t('B'))),
      text: 'A\n\nB',
    },
    {
      name: 'unicode is kept as is',
      doc: doc(p(t('Pétronin and Keïta — “quoted” 🙂'))),
      text: 'Pétronin and Keïta — “quoted” 🙂',
    },
    { name: 'empty document', doc: doc(), text: '' },
  ];
  it.each(cases)('$name', ({ doc: d, text }) => expect(canonicalText(d)).toBe(text));
});

describe('text offsets ↔ ProseMirror positions', () => {
  const json = htmlToDocument(markdownToHtml(BRIEF_MARKDOWN));
  const node = PmNode.fromJSON(documentSchema, json);
  const { text, segments } = canonicalize(json);

  it('maps every character of the canonical text to the same character in the document', () => {
    let checked = 0;
    for (let offset = 0; offset < text.length; offset++) {
      const ch = text[offset]!;
      const pos = textOffsetToPos(segments, offset);
      expect(pos).not.toBeNull();
      if (ch === '\n' || ch === '\t') continue; // separators have no character in the document
      expect(node.textBetween(pos!, pos! + 1), `offset ${offset}`).toBe(ch);
      expect(posToTextOffset(segments, pos!)).toBe(offset);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('maps a quoted range both ways', () => {
    const start = text.indexOf('206');
    const from = textOffsetToPos(segments, start, 'start')!;
    const to = textOffsetToPos(segments, start + 3, 'end')!;
    expect(node.textBetween(from, to)).toBe('206');
  });

  it('moves a range start out of a separator forwards and a range end backwards', () => {
    const sep = text.indexOf('\n\n');
    const before = textOffsetToPos(segments, sep, 'end')!;
    const after = textOffsetToPos(segments, sep + 1, 'start')!;
    expect(node.textBetween(before - 1, before)).toBe(text[sep - 1]);
    expect(node.textBetween(after, after + 1)).toBe(text[sep + 2]);
  });
});

describe('wordCount', () => {
  it.each([
    ['', 0],
    ['  ', 0],
    ['Pétronin was freed', 3],
    ['206\tprisoners\nreleased', 3],
  ])('%j → %i', (s, n) => expect(wordCount(s)).toBe(n));
});
