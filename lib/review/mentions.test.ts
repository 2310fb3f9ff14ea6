import { describe, expect, it } from 'vitest';
import { findMentions, mentionSpans, type MentionMember } from './mentions';

// The team reviewing a briefing on the 2020 Sahel hostage exchange.
const TEAM: MentionMember[] = [
  { id: 'u-ana', name: 'Ana' },
  { id: 'u-ana-costa', name: 'Ana Costa' },
  { id: 'u-amadou', name: 'Amadou Diallo' },
  { id: 'u-li', name: 'Li' },
  { id: 'u-keita', name: 'Moussa Keïta' },
  { id: 'u-osint', name: 'C++ (OSINT)' },
  { id: 'u-dot', name: 'j.r. smith' },
  { id: 'u-fatou', name: '  Fatou   Sow ' },
  { id: 'u-arabic', name: 'ليلى' },
  { id: 'u-blank', name: '   ' },
];

describe('findMentions', () => {
  it.each<[string, string, string[]]>([
    ['one full name', '@Ana Costa please check the €10M figure', ['u-ana-costa']],
    ['the longest name wins over "Ana"', 'Thanks @Ana Costa, and @Ana too', ['u-ana-costa', 'u-ana']],
    ['case-insensitive', '@ana costa and @AMADOU DIALLO', ['u-ana-costa', 'u-amadou']],
    [
      'unique, in order of first mention',
      '@Li, @Amadou Diallo, @Li again, @amadou diallo',
      ['u-li', 'u-amadou'],
    ],
    ['a longer word is not the name', '@Anastasia wrote the RFI summary', []],
    ['a digit after the name is not a boundary', '@Li2 and @Ana1', []],
    ['an underscore after the name is not a boundary', '@Ana_ notes', []],
    [
      'punctuation after the name is a boundary',
      "@Li's count of 206, @Ana. (@Amadou Diallo)",
      ['u-li', 'u-ana', 'u-amadou'],
    ],
    ['the longer name must also end at a boundary', '@Ana Costas report', ['u-ana']],
    ['an e-mail address is not a mention', 'write to bob@ana.org or li@li.net', []],
    ['a word character before "@" blocks it, in any script', 'é@Ana ж@Li 7@Li x_@Ana', []],
    ['punctuation before "@" is fine', '(@Ana) —@Li "@Amadou Diallo"', ['u-ana', 'u-li', 'u-amadou']],
    ['at the very start and the very end', '@Li', ['u-li']],
    ['a name split over two lines is not that name', '@Ana\nCosta?', ['u-ana']],
    [
      'several spaces or a tab match the space of a name',
      '@Ana   Costa and @Amadou\tDiallo',
      ['u-ana-costa', 'u-amadou'],
    ],
    ['a name typed with extra spaces by the member still matches', 'cc @Fatou Sow', ['u-fatou']],
    ['accented names, composed', 'cc @Moussa Keïta', ['u-keita']],
    ['accented names, decomposed', 'cc @Moussa Kei\u0308ta', ['u-keita']],
    ['accented names, case-insensitive', 'cc @MOUSSA KEÏTA', ['u-keita']],
    ['a combining mark after the name is not a boundary', '@Li\u0301', []],
    ['names with regex characters are literal', '@C++ (OSINT) and @J.R. Smith', ['u-osint', 'u-dot']],
    ['regex characters do not act as patterns', '@C (OSINT) @jxr smith @CCC (OSINT)', []],
    ['a non-Latin name', 'راجعي @ليلى الرقم', ['u-arabic']],
    ['a non-Latin name followed by a letter of its script', '@ليلىا', []],
    ['a lone "@" or a bare name', '@ alone, Ana Costa without the sign, @@', []],
    ['a doubled "@" still mentions', '@@Li', ['u-li']],
    ['a blank member name is never mentioned', '@ and @   ', []],
    ['no text', '', []],
  ])('%s', (_label, text, expected) => expect(findMentions(text, TEAM)).toEqual(expected));

  it('gives a shared name to the first member with it', () => {
    const twins = [
      { id: 'u-li-1', name: 'Li' },
      { id: 'u-li-2', name: 'li' },
    ];
    expect(findMentions('@Li', twins)).toEqual(['u-li-1']);
    expect(findMentions('@Li', [...twins].reverse())).toEqual(['u-li-2']);
  });

  it('mentions nobody without members', () => expect(findMentions('@Ana Costa', [])).toEqual([]));
});

describe('mentionSpans', () => {
  it.each<[string, { start: number; end: number; userId: string }[]]>([
    ['@Ana Costa please check the €10M figure', [{ start: 0, end: 10, userId: 'u-ana-costa' }]],
    [
      'RFI says 206; @Li and @Ana disagree',
      [
        { start: 14, end: 17, userId: 'u-li' },
        { start: 22, end: 26, userId: 'u-ana' },
      ],
    ],
    // Offsets are UTF-16 code units: the emoji counts two.
    ['😀 @Amadou  Diallo!', [{ start: 3, end: 18, userId: 'u-amadou' }]],
    ['bob@ana.org', []],
  ])('%j', (text, expected) => {
    const spans = mentionSpans(text, TEAM);
    expect(spans).toEqual(expected);
    for (const s of spans) expect(text[s.start]).toBe('@');
  });

  it('keeps every occurrence, for rendering', () => {
    expect(mentionSpans('@Li @Li', TEAM).map((s) => s.start)).toEqual([0, 4]);
  });
});
