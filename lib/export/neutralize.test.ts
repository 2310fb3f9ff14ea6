import { describe, expect, it } from 'vitest';
import { neutralize, neutralizeCell } from './neutralize';

describe('neutralize (formula injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\0x', "'\0x"],
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['=cmd|" /C calc"!A0', `'=cmd|" /C calc"!A0`],
    ['＝1+1', "'＝1+1"],
    ['＠SUM(1)', "'＠SUM(1)"],
  ])('%j is prefixed with a quote', (payload, expected) => expect(neutralize(payload)).toBe(expected));

  it.each([
    'Mali released 206 prisoners',
    'A ransom of €2.5 million was paid',
    '2+2=4',
    'a-b',
    "'already quoted",
    ' =1 (leading space)',
    'Bamako — « libération » 🎉',
    '',
  ])('%j is unchanged', (harmless) => expect(neutralize(harmless)).toBe(harmless));

  it.each([
    [-1, -1],
    [2_500_000, 2_500_000],
    [null, null],
    ['-1', "'-1"],
  ])('cell %j → %j (numbers stay numbers)', (value, expected) =>
    expect(neutralizeCell(value)).toBe(expected),
  );
});
