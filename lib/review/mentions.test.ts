import { describe, expect, it } from 'vitest';
import {
  ambiguityMessage,
  ambiguousMentions,
  findMentions,
  mentionLabels,
  mentionSpans,
  type MentionMember,
} from './mentions';

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

  describe('namesakes', () => {
    const twins: MentionMember[] = [
      { id: 'u-li-2', name: 'li', joinedAt: 20 },
      { id: 'u-li-1', name: 'Li', joinedAt: 10 },
      { id: 'u-ana', name: 'Ana' },
    ];
    it.each<[string, string, string[], string[]]>([
      ['the bare shared name mentions nobody', '@Li, see this', [], ['Li']],
      ['a numbered label mentions that one', '@Li (2) see this', ['u-li-2'], []],
      ['numbered in joining order, whatever the list order', '@li (1)', ['u-li-1'], []],
      ['a number nobody has is still ambiguous', '@Li (3)', [], ['Li']],
      ['a unique name is untouched', '@Ana and @Li (1)', ['u-ana', 'u-li-1'], []],
    ])('%s', (_label, text, ids, ambiguous) => {
      expect(findMentions(text, twins)).toEqual(ids);
      expect(findMentions(text, [...twins].reverse())).toEqual(ids);
      expect(ambiguousMentions(text, twins)).toEqual(ambiguous);
    });
    it('offers distinct labels and says what to write instead', () => {
      expect(mentionLabels(twins)).toEqual([
        { label: 'li (2)', userId: 'u-li-2' },
        { label: 'li', userId: null },
        { label: 'Li (1)', userId: 'u-li-1' },
        { label: 'Ana', userId: 'u-ana' },
      ]);
      expect(ambiguityMessage(['Li'], twins)).toBe(
        'Several members are called “Li”: write @Li (1) or @li (2) to say which one (the Mention list offers each).',
      );
    });
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
