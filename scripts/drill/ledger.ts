/**
 * The drills' ledger: every write a client attempted, and what the server answered. Comparing it
 * with the claims found afterwards tells what was lost, what appeared without being written, and
 * whether what is there is one moment of the database.
 *
 * Each client writes one claim at a time (the next only after the answer), so the claims of one
 * client found in a consistent database are its writes 1..k, with k at least its last
 * acknowledged write and at most its last attempted one (the write in flight may or may not have
 * been committed when the server died).
 */

export type Outcome = 'acknowledged' | 'refused' | 'unanswered';

export interface Attempt {
  statement: string;
  client: number;
  seq: number;
  sentAt: number;
  outcome: Outcome;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** The claim id the server gave (2xx answers). */
  id?: string;
  answeredAt?: number;
  /** Why there was no answer (the connection's error). */
  error?: string;
}

export interface FoundClaim {
  id: string;
  statement: string;
}

export interface Verdict {
  /** Attempts that had to be found (by default: every acknowledged one). */
  required: number;
  found: number;
  lost: string[];
  phantoms: string[];
  gaps: string[];
  ok: boolean;
}

export function compareLedger(
  attempts: Attempt[],
  found: FoundClaim[],
  required: (a: Attempt) => boolean = (a) => a.outcome === 'acknowledged',
): Verdict {
  const byStatement = new Map(attempts.map((a) => [a.statement, a]));
  const foundByStatement = new Map<string, FoundClaim[]>();
  for (const claim of found) {
    const list = foundByStatement.get(claim.statement) ?? [];
    list.push(claim);
    foundByStatement.set(claim.statement, list);
  }
  const lost: string[] = [];
  const phantoms: string[] = [];
  const gaps: string[] = [];
  const mustHave = attempts.filter(required);
  for (const a of mustHave) {
    const copies = foundByStatement.get(a.statement) ?? [];
    if (copies.length === 0)
      lost.push(`missing: "${a.statement}" (${a.id ?? 'no id'}, answered ${a.status})`);
    else if (a.id && !copies.some((c) => c.id === a.id)) {
      lost.push(`"${a.statement}" is there as ${copies[0]!.id}, not as the acknowledged ${a.id}`);
    }
  }
  const seen = new Map<number, Set<number>>();
  for (const [statement, copies] of foundByStatement) {
    const a = byStatement.get(statement);
    if (!a) phantoms.push(`never written: "${statement}"`);
    else if (a.outcome === 'refused') phantoms.push(`refused with ${a.status} yet present: "${statement}"`);
    if (copies.length > 1) phantoms.push(`present ${copies.length} times: "${statement}"`);
    if (a) seen.set(a.client, (seen.get(a.client) ?? new Set()).add(a.seq));
  }
  for (const [client, seqs] of seen) {
    const top = Math.max(...seqs);
    const missing = [];
    for (let s = 1; s < top; s++) if (!seqs.has(s)) missing.push(s);
    if (missing.length) gaps.push(`client ${client}: write ${top} is there but not ${missing.join(', ')}`);
  }
  return {
    required: mustHave.length,
    found: found.length,
    lost,
    phantoms,
    gaps,
    ok: lost.length + phantoms.length + gaps.length === 0,
  };
}

/** One line per problem, at most `limit` lines, for a failure message. */
export function describeVerdict(v: Verdict, limit = 12): string {
  const lines = [...v.lost, ...v.phantoms, ...v.gaps];
  const shown = lines.slice(0, limit);
  if (lines.length > limit) shown.push(`… and ${lines.length - limit} more`);
  return shown.join('\n');
}
