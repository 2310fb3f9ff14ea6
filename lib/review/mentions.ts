/**
 * @-mentions in comments. Members have display names, often with spaces ("Ana Costa"), and no
 * handles: a comment mentions a member by writing "@" and the member's display name.
 *
 * The rules:
 * - the name matches case-insensitively ("@ana costa" mentions Ana Costa); a run of spaces or tabs
 *   in the text matches the single space of the name ("@Ana  Costa"), a line break does not;
 *   composed and decomposed accents match each other ("Keïta" typed either way);
 * - the name must end at a word boundary: not followed by a letter, a digit, a combining mark or
 *   an underscore, in any script ("@Anastasia" does not mention "Ana"; "@Ana's", "@Ana," do);
 * - the "@" must start the text or follow a character that is none of those ("bob@ana.org" and
 *   "x_@Ana" mention nobody; "(@Ana)" and "—@Ana" do);
 * - the longest name that fits wins: "@Ana Costa" is Ana Costa even when a member "Ana" exists, and
 *   "@Ana Costas" falls back to Ana (the longer name does not end at a word boundary);
 * - names are literal text: "C++ (OSINT)" or "a.b" contain no pattern;
 * - when two members share a name (case-insensitively), the mention goes to the first of them in
 *   the list the caller passes; members whose name is blank are never mentioned.
 *
 * Offsets are UTF-16 code-unit indexes into the text (what String.prototype.slice uses).
 */

export interface MentionMember {
  id: string;
  name: string;
}

export interface MentionSpan {
  /** index of the "@" */
  start: number;
  /** index just past the name (exclusive) */
  end: number;
  userId: string;
}

/** Letters, digits, combining marks and connector punctuation (the underscore) of any script. */
const WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}\p{Pc}]`;
/** An "@" at the start of the text or after a non-word character. */
const AT = String.raw`(?<!${WORD_CHAR})@`;

/** The syntax characters (the only ones a unicode-mode pattern lets us escape). */
const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** A name as a pattern: literal characters, each run of whitespace matching spaces or tabs. */
function namePattern(name: string): string {
  return name
    .split(/\s+/u)
    .map(escapeRegExp)
    .join(String.raw`[\p{Zs}\t]+`);
}

interface Candidate {
  userId: string;
  length: number;
  /** sticky: matches the name at lastIndex, followed by a word boundary */
  re: RegExp;
}

function candidates(members: readonly MentionMember[]): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const m of members) {
    const name = m.name.normalize('NFC').trim().replace(/\s+/gu, ' ');
    if (!name) continue;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const forms = [...new Set([name, name.normalize('NFD')])].map(namePattern);
    out.push({
      userId: m.id,
      length: [...name].length,
      re: new RegExp(`(?:${forms.join('|')})(?!${WORD_CHAR})`, 'iuy'),
    });
  }
  // Longest first; Array.prototype.sort is stable, so equal lengths keep the caller's order.
  return out.sort((a, b) => b.length - a.length);
}

/** Where each mention is, in text order (for rendering): from the "@" to the end of the name. */
export function mentionSpans(text: string, members: readonly MentionMember[]): MentionSpan[] {
  if (!text.includes('@')) return [];
  const list = candidates(members);
  if (list.length === 0) return [];
  const spans: MentionSpan[] = [];
  const ats = new RegExp(AT, 'gu');
  for (let at = ats.exec(text); at !== null; at = ats.exec(text)) {
    const from = at.index + 1;
    for (const c of list) {
      c.re.lastIndex = from;
      const m = c.re.exec(text);
      if (!m) continue;
      const end = from + m[0].length;
      spans.push({ start: at.index, end, userId: c.userId });
      ats.lastIndex = end;
      break;
    }
  }
  return spans;
}

/** Ids of the members a text mentions, each once, in the order of their first mention. */
export function findMentions(text: string, members: readonly MentionMember[]): string[] {
  return [...new Set(mentionSpans(text, members).map((s) => s.userId))];
}
