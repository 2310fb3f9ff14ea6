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
 * - namesakes are never told apart by chance: when members share a name (as lib/member-names.ts
 *   compares names), each is mentioned by a numbered label, "@Ana Costa (1)", "@Ana Costa (2)", in
 *   the order they joined the workspace (the picker offers these labels); the bare shared name
 *   "@Ana Costa" mentions nobody and is reported by `ambiguousMentions` (a comment that contains
 *   one is refused with `ambiguityMessage`); members whose name is blank are never mentioned.
 *
 * Offsets are UTF-16 code-unit indexes into the text (what String.prototype.slice uses).
 */
import { memberLabels, nameKey } from '../member-names';

export interface MentionMember {
  id: string;
  name: string;
  /** when they joined the workspace: namesakes are numbered in that order (then by id) */
  joinedAt?: number | Date;
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
  /** null: a name several members share (ambiguous) */
  userId: string | null;
  length: number;
  /** sticky: matches the name at lastIndex, followed by a word boundary */
  re: RegExp;
}

/** Each member's label (their name, or a numbered one for namesakes), with each shared bare name. */
export function mentionLabels(members: readonly MentionMember[]): { label: string; userId: string | null }[] {
  const named = members.filter((m) => m.name.trim());
  const labels = memberLabels(
    named.map((m) => ({ id: m.id, name: m.name, joinedAt: m.joinedAt ?? 0 })),
    { numberFirst: true },
  );
  const counts = new Map<string, number>();
  for (const m of named) counts.set(nameKey(m.name), (counts.get(nameKey(m.name)) ?? 0) + 1);
  const out: { label: string; userId: string | null }[] = [];
  const shared = new Set<string>();
  for (const m of named) {
    out.push({ label: labels.get(m.id)!, userId: m.id });
    const key = nameKey(m.name);
    if (counts.get(key)! > 1 && !shared.has(key)) {
      shared.add(key);
      out.push({ label: m.name, userId: null });
    }
  }
  return out;
}

function candidates(members: readonly MentionMember[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { label, userId } of mentionLabels(members)) {
    const name = label.normalize('NFC').trim().replace(/\s+/gu, ' ');
    const forms = [...new Set([name, name.normalize('NFD')])].map(namePattern);
    out.push({
      userId,
      length: [...name].length,
      re: new RegExp(`(?:${forms.join('|')})(?!${WORD_CHAR})`, 'iuy'),
    });
  }
  // Longest first ("@Ana Costa (2)" before the shared "@Ana Costa"); the sort is stable.
  return out.sort((a, b) => b.length - a.length);
}

type FoundMention = Omit<MentionSpan, 'userId'> & { userId: string | null };

/**
 * A scanner for one set of members (the patterns are built once): every "@name" of a text in
 * order, with its member, or null for a name several members share.
 */
export function mentionScanner(members: readonly MentionMember[]): (text: string) => FoundMention[] {
  const list = candidates(members);
  return (text) => {
    if (list.length === 0 || !text.includes('@')) return [];
    const spans: FoundMention[] = [];
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
  };
}

/** Where each mention is, in text order (for rendering): from the "@" to the end of the name. */
export function mentionSpans(text: string, members: readonly MentionMember[]): MentionSpan[] {
  return mentionScanner(members)(text).filter((s): s is MentionSpan => s.userId !== null);
}

/** The shared names written bare ("@Ana Costa" when two members have that name), as written. */
export function ambiguousMentions(text: string, members: readonly MentionMember[]): string[] {
  return mentionScanner(members)(text)
    .filter((s) => s.userId === null)
    .map((s) => text.slice(s.start + 1, s.end));
}

/** Why a comment with these bare shared names is refused, and what to write instead. */
export function ambiguityMessage(names: readonly string[], members: readonly MentionMember[]): string {
  const labels = mentionLabels(members);
  const key = nameKey(names[0] ?? '');
  const options = labels
    .filter((l) => l.userId !== null && nameKey(members.find((m) => m.id === l.userId)!.name) === key)
    .map((l) => `@${l.label}`)
    .sort((a, b) => a.localeCompare(b));
  return `Several members are called “${names[0]}”: write ${options.join(' or ')} to say which one (the Mention list offers each).`;
}

/** Ids of the members a text mentions, each once, in the order of their first mention. */
export function findMentions(text: string, members: readonly MentionMember[]): string[] {
  return [...new Set(mentionSpans(text, members).map((s) => s.userId))];
}
