import { describe, expect, it } from 'vitest';
import { PASSAGE_DIFF_MAX_CHARS, passageDiffs } from './passage-diff';

describe('passageDiffs', () => {
  it('marks the words that changed between the old quote and the new text', () => {
    const [parts] = passageDiffs([
      { before: 'the ransom was 10 million euros', after: 'the ransom was 12 million euros' },
    ]);
    expect(parts).toEqual([
      { kind: 'same', text: 'the ransom was ' },
      { kind: 'removed', text: '10' },
      { kind: 'added', text: '12' },
      { kind: 'same', text: ' million euros' },
    ]);
  });

  it('shows a passage too long to diff whole (null), and diffs the others', () => {
    const long = 'word '.repeat(PASSAGE_DIFF_MAX_CHARS / 4);
    const result = passageDiffs([
      { before: long, after: `${long}more` },
      { before: 'a b', after: 'a c' },
    ]);
    expect(result[0]).toBeNull();
    expect(result[1]).not.toBeNull();
  });

  it('stops diffing once the shared time budget is spent', () => {
    let t = 0;
    const now = () => (t += 10);
    const result = passageDiffs(
      [
        { before: 'a b', after: 'a c' },
        { before: 'd e', after: 'd f' },
        { before: 'g h', after: 'g i' },
      ],
      { budgetMs: 25, now },
    );
    expect(result.map((r) => r !== null)).toEqual([true, true, false]);
  });

  it('shows two wholly different texts whole rather than as a word soup', () => {
    const before = Array.from({ length: 300 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 300 }, (_, i) => `b${i}`).join(' ');
    expect(passageDiffs([{ before, after }])).toEqual([null]);
  });
});
