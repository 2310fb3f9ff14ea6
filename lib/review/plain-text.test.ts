import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from './plain-text';

describe('a comment as plain words', () => {
  it.each([
    ['**Bold** claim, _really_', 'Bold claim, really'],
    ['See [the ministry list](https://example.org/list) and `code`', 'See the ministry list and code'],
    ['> quoted line\n\n- first\n- second', 'quoted line first second'],
    ['# Heading\nText', 'Heading Text'],
    ['@Ana Costa, the figure is ~~10M~~ 2.5M', '@Ana Costa, the figure is 10M 2.5M'],
    ['2 * 3 = 6, and snake_case_name stays', '2 * 3 = 6, and snake_case_name stays'],
    ['An escaped \\*star\\*', 'An escaped *star*'],
    ['<b>markup</b> is dropped', 'markup is dropped'],
  ])('%j → %j', (source, plain) => {
    expect(markdownToPlainText(source)).toBe(plain);
  });
});
