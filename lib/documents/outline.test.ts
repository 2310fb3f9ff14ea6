import { describe, expect, it } from 'vitest';
import { documentOutline } from './outline';

describe('documentOutline', () => {
  it('lists headings with their level and order, nested ones included', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'The exchange' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Body.' }] },
        {
          type: 'blockquote',
          content: [{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Quoted' }] }],
        },
        {
          type: 'heading',
          attrs: { level: 2 },
          content: [
            { type: 'text', text: 'Ransom ' },
            { type: 'text', text: 'figures', marks: [{ type: 'bold' }] },
          ],
        },
        { type: 'heading', attrs: { level: 2 } },
      ],
    };
    expect(documentOutline(doc)).toEqual([
      { index: 0, level: 1, text: 'The exchange' },
      { index: 1, level: 3, text: 'Quoted' },
      { index: 2, level: 2, text: 'Ransom figures' },
      { index: 3, level: 2, text: '(untitled section)' },
    ]);
  });
});
