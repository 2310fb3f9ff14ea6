/**
 * Copying a SQLite database into PostgreSQL (`warrant migrate-to-postgres`): the order of the
 * tables, and, with a PostgreSQL server (`npm run test:postgres`), a copy of a SQLite file with the
 * demo workspace, a second revision, replies and an alternative claim, read back through the
 * data layer; a database that is not empty is refused with nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '@/scripts/cli';
import { addComment, listComments } from '../queries/comments';
import { listDocumentClaims } from '../queries/claim-views';
import { auditEvents, claims, comments, documentRevisions, documents, workspaces } from '../schema';
import { seedDemoIfEmpty } from '../seed';
import { first } from '../store';
import { fileStore, freshPostgresDatabase, makeUser, testDatabaseUrl } from '../testing';
import { openPostgresStore } from './postgres';
import { copyPlan, copySqliteToPostgres } from './sqlite-to-postgres';

describe('the copy plan', () => {
  const plan = copyPlan();
  const at = (name: string) => plan.findIndex((p) => p.name === name);

  it('copies every table once, parents before children', () => {
    expect(new Set(plan.map((p) => p.name)).size).toBe(plan.length);
    expect(at('users')).toBeLessThan(at('workspaces'));
    expect(at('workspaces')).toBeLessThan(at('documents'));
    expect(at('documents')).toBeLessThan(at('document_revisions'));
    expect(at('claims')).toBeLessThan(at('anchors'));
    expect(at('sources')).toBeLessThan(at('evidence'));
  });

  it('sets the references of cycles after the copy', () => {
    expect(plan.find((p) => p.name === 'documents')!.later).toEqual(['current_revision_id']);
    expect(plan.find((p) => p.name === 'claims')!.later).toEqual(['alternative_of']);
    expect(plan.find((p) => p.name === 'comments')!.later).toEqual(['parent_id']);
    expect(plan.find((p) => p.name === 'evidence')!.later).toEqual([]);
  });
});

const url = testDatabaseUrl();
const dir = mkdtempSync(path.join(tmpdir(), 'warrant-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(url)('a SQLite database copied into PostgreSQL', () => {
  it('keeps every row, reads the same through the data layer, and refuses a database that is not empty', async () => {
    const file = path.join(dir, 'warrant.db');
    const source = await fileStore(file);
    const owner = await makeUser(source, { name: 'Awa Traoré' });
    await seedDemoIfEmpty(source);
    const [demo] = await source.db.select({ id: workspaces.id }).from(workspaces);
    // The demo's owner is the first account; act as it.
    const claimRow = (await first(source.db.select().from(claims).where(eq(claims.workspaceId, demo!.id))))!;
    const actor = { userId: claimRow.createdBy!, isAdmin: false };
    const { commentId } = await addComment(source, {
      actor,
      claimId: claimRow.id,
      body: 'Which ministry figure?',
    });
    await addComment(source, {
      actor,
      claimId: claimRow.id,
      body: 'The interior ministry.',
      parentId: commentId,
    });
    const [doc] = await source.db
      .select({ id: documents.id })
      .from(documents)
      .where(eq(documents.workspaceId, demo!.id));
    const before = await listDocumentClaims(source, { actor, documentId: doc!.id });
    const counts = async (s: typeof source | ReturnType<typeof openPostgresStore>) => ({
      claims: (await s.db.select({ n: count() }).from(claims))[0]!.n,
      comments: (await s.db.select({ n: count() }).from(comments))[0]!.n,
      revisions: (await s.db.select({ n: count() }).from(documentRevisions))[0]!.n,
      documents: (await s.db.select({ n: count() }).from(documents))[0]!.n,
      audit: (await s.db.select({ n: count() }).from(auditEvents))[0]!.n,
    });
    const expected = await counts(source);
    await source.close();
    expect(expected.claims).toBeGreaterThan(0);
    void owner;

    const target = await freshPostgresDatabase(url!);
    try {
      const lines: string[] = [];
      const code = await runCli(['migrate-to-postgres', '--from', file, '--to', target.url], {
        out: (line) => lines.push(line),
        err: (line) => lines.push(line),
      });
      expect(lines.join('\n')).toMatch(
        /Copied \d+ rows in \d+ tables .* checked every table's count and \d+ rows/,
      );
      expect(code).toBe(0);

      const copy = openPostgresStore({ url: target.url });
      try {
        expect(await counts(copy)).toEqual(expected);
        expect(await listDocumentClaims(copy, { actor, documentId: doc!.id })).toEqual(before);
        const thread = await listComments(copy, { actor, claimId: claimRow.id });
        expect(JSON.stringify(thread)).toContain('The interior ministry.');
        // Identity columns go on after the copied ids.
        await addComment(copy, { actor, claimId: claimRow.id, body: 'Written after the move.' });
        expect((await counts(copy)).audit).toBeGreaterThan(expected.audit);
      } finally {
        await copy.close();
      }

      // A second copy into the same (now filled) database is refused, and changes nothing.
      await expect(copySqliteToPostgres(file, target.url)).rejects.toThrow(/not empty/);
    } finally {
      await target.drop();
    }
  });

  it('says what is wrong with its arguments', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runCli(['migrate-to-postgres', '--from', path.join(dir, 'none.db'), '--to', url!], io)).toBe(
      2,
    );
    expect(lines.join('\n')).toContain('No SQLite database at');
    lines.length = 0;
    expect(await runCli(['migrate-to-postgres', '--from', 'x.db', '--to', 'mysql://h/db'], io)).toBe(2);
    expect(lines.join('\n')).toContain('postgres:// or postgresql://');
  });
});
