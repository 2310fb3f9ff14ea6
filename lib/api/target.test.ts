import { describe, expect, it } from 'vitest';
import { resolveTarget } from './target';

const TEXT = [
  'Most counts put the number at 206, although one ministry figure was lower.',
  'One outlet said the ransom was 10 million euros; another put the ransom at 2.5 million euros.',
].join('\n\n');
const at = (quote: string, from = 0) => TEXT.indexOf(quote, from);

describe('resolving an API target on the canonical text', () => {
  it.each([
    ['a quote found once', { quote: { exact: '206' } }, { start: at('206'), end: at('206') + 3 }],
    [
      'a repeated quote told apart by its prefix',
      { quote: { exact: 'the ransom', prefix: 'put ' } },
      { start: at('the ransom', at('another')), end: at('the ransom', at('another')) + 10 },
    ],
    [
      'a repeated quote told apart by its suffix',
      { quote: { exact: 'the ransom', suffix: ' was' } },
      { start: at('the ransom'), end: at('the ransom') + 10 },
    ],
    ['a position alone', { position: { start: 0, end: 4 } }, { start: 0, end: 4 }],
    [
      'a quote and its position',
      { quote: { exact: 'the ransom' }, position: { start: at('the ransom'), end: at('the ransom') + 10 } },
      { start: at('the ransom'), end: at('the ransom') + 10 },
    ],
    [
      'a word of the first paragraph',
      { quote: { exact: 'ministry' } },
      { start: at('ministry'), end: at('ministry') + 8 },
    ],
  ])('resolves %s', (_name, target, expected) => {
    expect(resolveTarget(TEXT, target)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['a quote that is not in the text', { quote: { exact: '207 prisoners' } }, 'not_found'],
    ['a repeated quote without context', { quote: { exact: 'the ransom' } }, 'ambiguous'],
    [
      'a quote whose prefix never precedes it',
      { quote: { exact: 'the ransom', prefix: 'nobody ' } },
      'not_found',
    ],
    ['a position past the end', { position: { start: 0, end: TEXT.length + 1 } }, 'out_of_range'],
    ['an empty position', { position: { start: 5, end: 5 } }, 'out_of_range'],
    [
      'a position that does not hold the quote',
      { quote: { exact: '206' }, position: { start: 0, end: 3 } },
      'mismatch',
    ],
    ['no selector', {}, 'not_found'],
  ])('refuses %s', (_name, target, reason) => {
    expect(resolveTarget(TEXT, target)).toMatchObject({ ok: false, reason });
  });

  it('compares quotes in NFC', () => {
    const text = 'Ahmada Ag Bibi and Keïta met.'.normalize('NFC');
    expect(resolveTarget(text, { quote: { exact: 'Keïta'.normalize('NFD') } })).toEqual({
      ok: true,
      start: text.indexOf('Ke'),
      end: text.indexOf('Ke') + 5,
    });
  });
});
