import { describe, expect, it } from 'vitest';
import { importPreview } from './preview';

describe('the preview of an import', () => {
  it.each([
    [
      'the first three paragraphs, with their count',
      'One.\n\nTwo.\n\nThree.\n\nFour.',
      ['One.', 'Two.', 'Three.'],
      4,
    ],
    ['lines of one paragraph stay together', 'Title\n• a\n• b\n\nNext', ['Title\n• a\n• b', 'Next'], 2],
    ['empty paragraphs are not counted', '\n\nOnly one.\n\n\n\n', ['Only one.'], 1],
  ])('%s', (_, text, paragraphs, count) => {
    expect(importPreview(text, 7)).toEqual({ paragraphs, paragraphCount: count, words: 7 });
  });

  it('cuts a long paragraph with an ellipsis', () => {
    const long = 'word '.repeat(200).trim();
    const [first] = importPreview(long, 200).paragraphs;
    expect(first!.length).toBeLessThanOrEqual(300);
    expect(first!.endsWith('…')).toBe(true);
  });
});
