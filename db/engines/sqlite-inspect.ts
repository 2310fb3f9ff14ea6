/** What the crash drill (scripts/drill) reads straight from a database file, as SQLite sees it. */
import Database from 'better-sqlite3';

/** A claim as found in the file. */
export interface FoundClaim {
  id: string;
  statement: string;
}

export interface DatabaseFacts {
  integrity: string;
  foreignKeyProblems: number;
  claims: FoundClaim[];
  /** Claims without an anchor or without their audit event (a write applied in part). */
  partial: string[];
}

/** Reads a database file (read-only) as SQLite sees it: integrity, foreign keys, the claims. */
export function inspectDatabase(file: string, workspaceId: string): DatabaseFacts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    const claims = db
      .prepare('SELECT id, statement FROM claims WHERE workspace_id = ?')
      .all(workspaceId) as FoundClaim[];
    const anchored = new Set(
      (db.prepare('SELECT DISTINCT claim_id AS id FROM anchors').all() as { id: string }[]).map((r) => r.id),
    );
    const audited = new Set(
      (
        db
          .prepare(
            "SELECT DISTINCT object_id AS id FROM audit_events WHERE action = 'claim.create' AND workspace_id = ?",
          )
          .all(workspaceId) as { id: string }[]
      ).map((r) => r.id),
    );
    const partial = claims
      .filter((c) => !anchored.has(c.id) || !audited.has(c.id))
      .map(
        (c) =>
          `${c.id} "${c.statement}" has ${anchored.has(c.id) ? '' : 'no anchor '}${audited.has(c.id) ? '' : 'no audit event'}`,
      );
    return { integrity, foreignKeyProblems, claims, partial };
  } finally {
    db.close();
  }
}
