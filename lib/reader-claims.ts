/**
 * The claims of a document as the reader receives them: a compact, columnar JSON form of the
 * claim summaries. A 100k-word document can carry 5,000 claims, and their JSON sits on the path
 * from opening the document to painting its highlights (DESIGN.md section 7: within 1 second),
 * so repeated strings (type ids, kinds, statuses, topics, authors, tags) travel once in a string
 * table, each claim is an array, and its passages are flat numbers. Only orphaned passages carry
 * their anchor id and stored quote (the reader lists them for re-attaching); the claim panel loads
 * a claim's passages in full. Why a claim is contested travels bounded: at most
 * READER_REASONS_MAX reasons, each sentence cut at READER_REASON_CHARS, with the number of reasons
 * in all (the claim panel shows every one in full).
 *
 * Pure: `encodeReaderClaims` runs on the server, `decodeReaderClaims` in the browser, and
 * `decode(encode(x))` gives back `x` (tested in reader-claims.test.ts).
 */

import { ANCHOR_STATUSES, type AnchorStatus } from './vocabulary';

/** A passage's anchor status; its position in ANCHOR_STATUSES is what the compact form carries. */
export type ReaderPassageStatus = AnchorStatus;

/** A passage of a claim in the document being read. */
export interface ReaderPassage {
  start: number | null;
  end: number | null;
  status: ReaderPassageStatus;
  score: number;
  /** The anchor's id and stored quote: sent for orphaned passages only. */
  id?: string;
  exact?: string;
}

/** Why a claim is contested, as the card shows it: the reason's label and its sentence. */
export interface ReaderReason {
  label: string;
  detail: string;
}

/** A claim as listed beside the document (the same fields as the server's claim summary). */
export interface ReaderClaim<Kind extends string = string, Status extends string = string> {
  id: string;
  statement: string;
  typeId: string;
  kind: Kind;
  tags: string[];
  status: Status;
  topic: string | null;
  quantity: string | null;
  authorName: string | null;
  evidenceCount: number;
  anchors: ReaderPassage[];
  /** Why it is contested (none: not contested), at most READER_REASONS_MAX of them. */
  reasons: ReaderReason[];
  /** How many reasons it has in all (more than `reasons` holds when there are many). */
  reasonCount: number;
  /**
   * Its place among this document's claims of its topic, in the order they were made (0 the
   * first), or null without a topic: competing claims are told apart by it (`topicMarks`).
   */
  topicRank: number | null;
}

/** A claim as the server gives it to `encodeReaderClaims`: every reason, counted there. */
export type ReaderClaimSource = Omit<ReaderClaim, 'reasonCount'>;

/** At most this many contested reasons travel per claim (one per dispute could be dozens). */
export const READER_REASONS_MAX = 3;
/** A reason's sentence is cut at this many characters (the claim panel shows it in full). */
export const READER_REASON_CHARS = 200;

/**
 * One claim: id, statement, then indexes into `strings` (type id, kind, status, topic or -1,
 * author or -1), the formatted quantity or null, the evidence count, the tags (indexes), the
 * placed passages as [start, end, status, score] × n (status an index), and the orphaned ones as
 * [anchor id, quote, score] each; then the contested reasons as [label, sentence] × n (indexes),
 * how many reasons there are in all, and the rank in the topic or -1.
 */
export type ReaderClaimRow = [
  id: string,
  statement: string,
  type: number,
  kind: number,
  status: number,
  topic: number,
  author: number,
  quantity: string | null,
  evidence: number,
  tags: number[],
  passages: number[],
  orphans: [string, string, number][],
  reasons: number[],
  reasonCount: number,
  topicRank: number,
];

export interface ReaderClaimsPayload {
  /** The format's version: a reader from another build refuses what it cannot read. */
  format: 3;
  strings: string[];
  /** Not `claims`: a tab still running an older build (which read `claims` as objects) gets none. */
  rows: ReaderClaimRow[];
}

/** The form of the claims that GET /api/documents/{id}/claims answers with. */
export const READER_CLAIMS_FORMAT = 3 as const;

class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string | null): number {
    if (value === null) return -1;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.push(value) - 1;
      this.index.set(value, i);
    }
    return i;
  }
}

const PASSAGE_STATUSES: readonly ReaderPassageStatus[] = ANCHOR_STATUSES;

/** Thrown when the payload is not one this build can read (a stale tab after a deploy). */
export class ReaderClaimsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReaderClaimsFormatError';
  }
}

/** A sentence cut to `max` characters, ending in "…" when it was cut. */
export function clipSentence(text: string, max = READER_REASON_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Not inside a word when a space is near the end.
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The claims, in the order given, in their compact form. */
export function encodeReaderClaims(claims: readonly ReaderClaimSource[]): ReaderClaimsPayload {
  const table = new StringTable();
  const rows = claims.map((c): ReaderClaimRow => {
    const passages: number[] = [];
    const orphans: [string, string, number][] = [];
    for (const a of c.anchors) {
      // A passage without offsets cannot be painted: it is listed with the orphans to re-attach.
      if (a.status === 'orphaned' || a.start === null || a.end === null) {
        orphans.push([a.id ?? '', a.exact ?? '', a.score]);
      } else {
        const status = PASSAGE_STATUSES.indexOf(a.status);
        if (status < 0) throw new ReaderClaimsFormatError(`Unknown passage status: ${String(a.status)}`);
        passages.push(a.start, a.end, status, a.score);
      }
    }
    return [
      c.id,
      c.statement,
      table.of(c.typeId),
      table.of(c.kind),
      table.of(c.status),
      table.of(c.topic),
      table.of(c.authorName),
      c.quantity,
      c.evidenceCount,
      c.tags.map((t) => table.of(t)),
      passages,
      orphans,
      c.reasons
        .slice(0, READER_REASONS_MAX)
        .flatMap((r) => [table.of(r.label), table.of(clipSentence(r.detail))]),
      c.reasons.length,
      c.topic === null || c.topicRank === null ? -1 : c.topicRank,
    ];
  });
  return { format: READER_CLAIMS_FORMAT, strings: table.strings, rows };
}

const passageStatus = (index: number): ReaderPassageStatus => {
  const status = PASSAGE_STATUSES[index];
  if (!status)
    throw new ReaderClaimsFormatError('The claims name an unknown passage status. Reload the page.');
  return status;
};

/** The claims back from their compact form. Orphaned passages come after the placed ones. */
export function decodeReaderClaims(payload: unknown): ReaderClaim[] {
  const p = payload as Partial<ReaderClaimsPayload> | null;
  if (!p || p.format !== READER_CLAIMS_FORMAT || !Array.isArray(p.strings) || !Array.isArray(p.rows)) {
    throw new ReaderClaimsFormatError('The claims came in a form this page cannot read. Reload the page.');
  }
  const s = p.strings;
  const str = (i: number) => {
    const v = s[i];
    if (v === undefined) throw new ReaderClaimsFormatError('The claims refer to a missing string.');
    return v;
  };
  const opt = (i: number) => (i < 0 ? null : str(i));
  return p.rows.map((row) => {
    const [
      id,
      statement,
      type,
      kind,
      status,
      topic,
      author,
      quantity,
      evidence,
      tags,
      flat,
      orphans,
      reasonIndexes,
      reasonCount,
      topicRank,
    ] = row;
    const anchors: ReaderPassage[] = [];
    for (let i = 0; i + 3 < flat.length; i += 4) {
      anchors.push({
        start: flat[i]!,
        end: flat[i + 1]!,
        status: passageStatus(flat[i + 2]!),
        score: flat[i + 3]!,
      });
    }
    for (const [anchorId, exact, score] of orphans) {
      anchors.push({ start: null, end: null, status: 'orphaned', score, id: anchorId, exact });
    }
    if (!Array.isArray(reasonIndexes) || typeof reasonCount !== 'number' || typeof topicRank !== 'number') {
      throw new ReaderClaimsFormatError('The claims came in a form this page cannot read. Reload the page.');
    }
    const reasons: ReaderReason[] = [];
    for (let i = 0; i + 1 < reasonIndexes.length; i += 2) {
      reasons.push({ label: str(reasonIndexes[i]!), detail: str(reasonIndexes[i + 1]!) });
    }
    return {
      id,
      statement,
      typeId: str(type),
      kind: str(kind),
      tags: tags.map(str),
      status: str(status),
      topic: opt(topic),
      quantity,
      authorName: opt(author),
      evidenceCount: evidence,
      anchors,
      reasons,
      reasonCount,
      topicRank: topic < 0 || topicRank < 0 ? null : topicRank,
    };
  });
}

/** How many hues tell competing claims apart in the text (app/globals.css `reader-mark-*`). */
export const READER_MARK_HUES = 6;

/** How a claim is told apart from the other claims of its topic in this document. */
export interface TopicMark {
  /** A, B, C … by the order the topic's claims were made (A2, B2 … after Z). */
  letter: string;
  /** Its hue: 0 … READER_MARK_HUES - 1 (after that the hues repeat, the letters do not). */
  hue: number;
  /** How many claims of its topic this document has. */
  of: number;
}

/** The letter of the `index`-th claim of a topic: A … Z, then A2 … Z2, and so on. */
export function markLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  const round = Math.floor(index / 26);
  return round === 0 ? letter : `${letter}${round + 1}`;
}

/**
 * The marks of competing claims: for every topic with two or more claims in this document, each
 * of them gets a letter and a hue by its rank in the topic (the order the claims were made, so a
 * claim keeps its mark when another is added later in the text). A claim alone in its topic, or
 * without a topic, gets none (its highlight keeps its type's colour).
 */
export function topicMarks(
  claims: readonly Pick<ReaderClaim, 'id' | 'topic' | 'topicRank'>[],
): Map<string, TopicMark> {
  const byTopic = new Map<string, { id: string; rank: number }[]>();
  for (const c of claims) {
    if (c.topic === null || c.topicRank === null) continue;
    const group = byTopic.get(c.topic);
    if (group) group.push({ id: c.id, rank: c.topicRank });
    else byTopic.set(c.topic, [{ id: c.id, rank: c.topicRank }]);
  }
  const marks = new Map<string, TopicMark>();
  for (const group of byTopic.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    group.forEach(({ id }, i) =>
      marks.set(id, { letter: markLetter(i), hue: i % READER_MARK_HUES, of: group.length }),
    );
  }
  return marks;
}
