/**
 * The claims of a document as the reader receives them: a compact, columnar JSON form of the
 * claim summaries. A 100k-word document can carry 5,000 claims, and their JSON sits on the path
 * from opening the document to painting its highlights (DESIGN.md section 7: within 1 second),
 * so repeated strings (type ids, kinds, statuses, topics, authors, tags) travel once in a string
 * table, each claim is an array, and its passages are flat numbers. Only orphaned passages carry
 * their anchor id and stored quote (the reader lists them for re-attaching); the claim panel loads
 * a claim's passages in full.
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
}

/**
 * One claim: id, statement, then indexes into `strings` (type id, kind, status, topic or -1,
 * author or -1), the formatted quantity or null, the evidence count, the tags (indexes), the
 * placed passages as [start, end, status, score] × n (status an index), and the orphaned ones as
 * [anchor id, quote, score] each.
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
];

export interface ReaderClaimsPayload {
  /** The format's version: a reader from another build refuses what it cannot read. */
  format: 2;
  strings: string[];
  /** Not `claims`: a tab still running an older build (which read `claims` as objects) gets none. */
  rows: ReaderClaimRow[];
}

/** The form of the claims that GET /api/documents/{id}/claims answers with. */
export const READER_CLAIMS_FORMAT = 2 as const;

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

/** The claims, in the order given, in their compact form. */
export function encodeReaderClaims(claims: readonly ReaderClaim[]): ReaderClaimsPayload {
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
    const [id, statement, type, kind, status, topic, author, quantity, evidence, tags, flat, orphans] = row;
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
    };
  });
}
