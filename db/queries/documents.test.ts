import { beforeEach, describe, expect, it } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { BRIEF_MARKDOWN } from '@/lib/documents/fixtures';
import type { Role } from '@/lib/permissions';
import type { SqliteStore } from '../engines/sqlite';
import { auditEvents } from '../schema';
import { freshSqliteStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import {
  findIdenticalDocuments,
  getDocument,
  importDocument,
  listDocumentFacets,
  listDocuments,
  purgeDocument,
  restoreDocument,
  trashDocument,
  updateDocumentMetadata,
} from './documents';
import { acceptInvite, createInvite } from './invites';
import { addRevision, compareRevisions, getRevision, listRevisions } from './revisions';

let store: SqliteStore;
let owner: Actor;
let ws: string;

const meta = (over: Record<string, string> = {}) =>
  documentMetadataSchema.parse({ title: 'The October exchange', ...over });

async function importMarkdown(
  actor: Actor,
  workspaceId: string,
  over: Record<string, string> = {},
  body = BRIEF_MARKDOWN,
) {
  return importDocument(store, {
    actor,
    workspaceId,
    metadata: meta(over),
    format: 'markdown',
    converted: await convertToDocument('markdown', body),
  });
}

async function member(role: Role): Promise<Actor> {
  const user = await makeUser(store);
  const invite = await createInvite(store, { actor: owner, workspaceId: ws, role, expiresInDays: 1 });
  await acceptInvite(store, { actor: user, token: invite.token });
  return user;
}

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store, { name: 'Owner' });
  ws = await makeWorkspace(store, owner);
});

describe('an identical document already in the workspace', () => {
  it('is found by its text (the same words and breaks), in the trash too, never across workspaces', async () => {
    const first = await importMarkdown(owner, ws, { title: 'The October exchange' });
    const same = await convertToDocument('markdown', BRIEF_MARKDOWN);
    expect(await findIdenticalDocuments(store, { actor: owner, workspaceId: ws, converted: same })).toEqual([
      { id: first.id, title: 'The October exchange', inTrash: false },
    ]);
    // One word more, or the same words with their paragraphs joined, is another text.
    for (const other of [`${BRIEF_MARKDOWN}\n\nOne more line.`, BRIEF_MARKDOWN.replace(/\n\n/g, ' ')]) {
      const converted = await convertToDocument('markdown', other);
      expect(await findIdenticalDocuments(store, { actor: owner, workspaceId: ws, converted })).toEqual([]);
    }
    await trashDocument(store, { actor: owner, documentId: first.id });
    expect(await findIdenticalDocuments(store, { actor: owner, workspaceId: ws, converted: same })).toEqual([
      { id: first.id, title: 'The October exchange', inTrash: true },
    ]);
    const stranger = await makeUser(store, { name: 'Stranger' });
    const elsewhere = await makeWorkspace(store, stranger, 'Elsewhere');
    expect(
      await findIdenticalDocuments(store, { actor: stranger, workspaceId: elsewhere, converted: same }),
    ).toEqual([]);
    await expect(
      findIdenticalDocuments(store, { actor: stranger, workspaceId: ws, converted: same }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('import and read', () => {
  it('stores the document, its first revision and an audit event in one go', async () => {
    const doc = await importMarkdown(owner, ws, {
      outlet: 'Desk notes',
      publishedOn: '2020-10-09',
      language: 'en',
    });
    expect(doc).toMatchObject({
      title: 'The October exchange',
      outlet: 'Desk notes',
      revisionCount: 1,
      version: 1,
    });
    const revision = await getRevision(store, { actor: owner, documentId: doc.id });
    expect(revision).toMatchObject({ number: 1, format: 'markdown', current: true, createdByName: 'Owner' });
    expect(revision.canonicalText.startsWith('The October exchange\n\n')).toBe(true);
    const actions = (await store.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions).toContain('document.import');
  });

  it('lets a viewer read but not import', async () => {
    const doc = await importMarkdown(owner, ws);
    const viewer = await member('viewer');
    expect((await getDocument(store, { actor: viewer, documentId: doc.id })).title).toBe(
      'The October exchange',
    );
    await expect(importMarkdown(viewer, ws)).rejects.toMatchObject({ code: 'forbidden:workspace' });
  });

  it('searches by title, filters by outlet, author and date, and sorts', async () => {
    await importMarkdown(owner, ws, {
      title: 'Ransom figures',
      outlet: 'Outlet A',
      author: 'Diallo',
      publishedOn: '2020-10-10',
    });
    await importMarkdown(owner, ws, {
      title: 'Prisoner lists',
      outlet: 'Outlet B',
      author: 'Traoré',
      publishedOn: '2020-10-12',
    });
    await importMarkdown(owner, ws, {
      title: 'Ransom denials',
      outlet: 'Outlet A',
      publishedOn: '2021-01-05',
    });
    const titles = async (query: Parameters<typeof listDocuments>[1]['query']) =>
      (await listDocuments(store, { actor: owner, workspaceId: ws, query })).map((d) => d.title);
    expect(await titles({ q: 'ransom', sort: 'title' })).toEqual(['Ransom denials', 'Ransom figures']);
    expect(await titles({ q: '100%_' })).toEqual([]);
    expect(await titles({ outlet: 'Outlet A', sort: 'published', dir: 'asc' })).toEqual([
      'Ransom figures',
      'Ransom denials',
    ]);
    expect(await titles({ author: 'Traoré' })).toEqual(['Prisoner lists']);
    expect(await titles({ from: '2020-10-11', to: '2020-12-31' })).toEqual(['Prisoner lists']);
    expect(await titles({ sort: 'author', dir: 'asc' })).toEqual([
      'Ransom figures',
      'Prisoner lists',
      'Ransom denials',
    ]);
    expect(await listDocumentFacets(store, { actor: owner, workspaceId: ws })).toEqual({
      outlets: ['Outlet A', 'Outlet B'],
      authors: ['Diallo', 'Traoré'],
    });
  });
});

describe('scoping: a member of another workspace', () => {
  it('finds nothing of this workspace’s documents', async () => {
    const doc = await importMarkdown(owner, ws);
    const outsider = await makeUser(store);
    await makeWorkspace(store, outsider, 'Elsewhere');
    const converted = await convertToDocument('text', 'A replacement text.');
    const attempts: (() => Promise<unknown>)[] = [
      () => getDocument(store, { actor: outsider, documentId: doc.id }),
      () => getRevision(store, { actor: outsider, documentId: doc.id }),
      () => listRevisions(store, { actor: outsider, documentId: doc.id }),
      () => compareRevisions(store, { actor: outsider, documentId: doc.id, from: 1, to: 1 }),
      () =>
        updateDocumentMetadata(store, {
          actor: outsider,
          documentId: doc.id,
          expectedVersion: 1,
          metadata: meta({ title: 'Hijacked' }),
        }),
      () =>
        addRevision(store, {
          actor: outsider,
          documentId: doc.id,
          baseRevisionId: doc.currentRevisionId,
          format: 'text',
          converted,
        }),
      () => trashDocument(store, { actor: outsider, documentId: doc.id }),
    ];
    for (const attempt of attempts)
      await expect(attempt()).rejects.toMatchObject({ code: 'not_found:document' });
    await expect(listDocuments(store, { actor: outsider, workspaceId: ws })).rejects.toMatchObject({
      code: 'not_found:workspace',
    });
    await expect(importMarkdown(outsider, ws)).rejects.toMatchObject({ code: 'not_found:workspace' });
    expect((await getDocument(store, { actor: owner, documentId: doc.id })).title).toBe(
      'The October exchange',
    );
  });
});

describe('revisions', () => {
  it('keeps every revision readable and compares them word by word', async () => {
    const doc = await importMarkdown(owner, ws, {}, 'Most counts put the nubmer at 206.');
    const editor = await member('editor');
    const fixed = await convertToDocument('markdown', 'Most counts put the number at 206.');
    const r2 = await addRevision(store, {
      actor: editor,
      documentId: doc.id,
      baseRevisionId: doc.currentRevisionId,
      format: 'edit',
      converted: fixed,
    });
    expect(r2).toMatchObject({ number: 2, current: true });
    expect((await getRevision(store, { actor: owner, documentId: doc.id, number: 1 })).canonicalText).toBe(
      'Most counts put the nubmer at 206.',
    );
    expect(
      (await listRevisions(store, { actor: owner, documentId: doc.id })).map((r) => [r.number, r.current]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
    const { diff } = await compareRevisions(store, { actor: owner, documentId: doc.id, from: 1, to: 2 });
    expect(diff.parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'nubmer' },
      { kind: 'added', text: 'number' },
    ]);
    expect((await getDocument(store, { actor: owner, documentId: doc.id })).version).toBe(2);
  });

  it('refuses a change made on a revision that is no longer current', async () => {
    const doc = await importMarkdown(owner, ws, {}, 'First text.');
    const a = await convertToDocument('text', 'Second text, by Awa.');
    const b = await convertToDocument('text', 'Second text, by Moussa.');
    await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.currentRevisionId,
      format: 'edit',
      converted: a,
    });
    await expect(
      addRevision(store, {
        actor: owner,
        documentId: doc.id,
        baseRevisionId: doc.currentRevisionId,
        format: 'edit',
        converted: b,
      }),
    ).rejects.toMatchObject({ code: 'conflict:document' });
    expect((await getRevision(store, { actor: owner, documentId: doc.id })).canonicalText).toBe(
      'Second text, by Awa.',
    );
  });

  it('keeps nothing of a refused revision: no row, no number used, the pointer where it was', async () => {
    const doc = await importMarkdown(owner, ws, {}, 'First text.');
    const kept = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.currentRevisionId,
      format: 'edit',
      converted: await convertToDocument('text', 'Second text, by Awa.'),
    });
    await expect(
      addRevision(store, {
        actor: owner,
        documentId: doc.id,
        baseRevisionId: doc.currentRevisionId,
        format: 'edit',
        converted: await convertToDocument('text', 'Second text, by Moussa.'),
      }),
    ).rejects.toMatchObject({ code: 'conflict:document' });
    expect(
      store.connection
        .prepare('select number from document_revisions where document_id = ? order by number')
        .all(doc.id),
    ).toEqual([{ number: 1 }, { number: 2 }]);
    expect(await getDocument(store, { actor: owner, documentId: doc.id })).toMatchObject({
      currentRevisionId: kept.id,
      revisionCount: 2,
      version: 2,
    });
    const revised = (await store.db.select().from(auditEvents)).filter((e) => e.action === 'document.revise');
    expect(revised).toHaveLength(1);
  });

  it('point each document at one of its own revisions, which the database enforces', async () => {
    const doc = await importMarkdown(owner, ws, {}, 'First text.');
    const other = await importMarkdown(owner, ws, { title: 'Another' }, 'Another text.');
    const second = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.currentRevisionId,
      format: 'edit',
      converted: await convertToDocument('text', 'Second text.'),
    });
    const point = (revisionId: string) =>
      store.connection
        .prepare('update documents set current_revision_id = ? where id = ?')
        .run(revisionId, doc.id);
    // Another document's revision, or one that does not exist: refused.
    expect(() => point(other.currentRevisionId)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => point('no-such-revision')).toThrow(/FOREIGN KEY constraint failed/);
    expect((await getDocument(store, { actor: owner, documentId: doc.id })).currentRevisionId).toBe(
      second.id,
    );
    // The current revision cannot be deleted while its document exists; purging takes them all.
    expect(() =>
      store.connection.prepare('delete from document_revisions where id = ?').run(second.id),
    ).toThrow(/only with their document/);
    await trashDocument(store, { actor: owner, documentId: doc.id });
    await purgeDocument(store, { actor: owner, documentId: doc.id });
    expect(
      store.connection.prepare('select count(*) n from document_revisions where document_id = ?').get(doc.id),
    ).toEqual({ n: 0 });
    expect(store.connection.pragma('foreign_key_check')).toEqual([]);
  });

  it('does not add a revision when nothing changed', async () => {
    const doc = await importMarkdown(owner, ws, {}, 'Same text.');
    const same = await convertToDocument('markdown', 'Same text.');
    const r = await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.currentRevisionId,
      format: 'edit',
      converted: same,
    });
    expect(r.number).toBe(1);
  });

  it('are immutable in the database', async () => {
    await importMarkdown(owner, ws);
    expect(() =>
      store.connection.prepare("update document_revisions set canonical_text = 'changed'").run(),
    ).toThrow(/immutable/);
  });
});

describe('metadata edits', () => {
  it('apply with the current version and are refused from a stale copy', async () => {
    const doc = await importMarkdown(owner, ws);
    const updated = await updateDocumentMetadata(store, {
      actor: owner,
      documentId: doc.id,
      expectedVersion: 1,
      metadata: meta({ title: 'Renamed', author: 'Diallo' }),
    });
    expect(updated).toMatchObject({ title: 'Renamed', author: 'Diallo', version: 2 });
    await expect(
      updateDocumentMetadata(store, {
        actor: owner,
        documentId: doc.id,
        expectedVersion: 1,
        metadata: meta({ title: 'Stale' }),
      }),
    ).rejects.toMatchObject({ code: 'conflict:document', message: expect.stringContaining('Renamed') });
  });
});

describe('trash', () => {
  it('editors move to the trash; only owners restore or purge', async () => {
    const doc = await importMarkdown(owner, ws);
    const editor = await member('editor');
    await trashDocument(store, { actor: editor, documentId: doc.id });
    expect(await listDocuments(store, { actor: owner, workspaceId: ws })).toEqual([]);
    await expect(getDocument(store, { actor: owner, documentId: doc.id })).rejects.toMatchObject({
      code: 'not_found:document',
    });
    // Another editor may not (the one who moved it may undo that for a while: trash-undo.test.ts).
    const other = await member('editor');
    await expect(restoreDocument(store, { actor: other, documentId: doc.id })).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });
    await expect(
      listDocuments(store, { actor: editor, workspaceId: ws, trashed: true }),
    ).rejects.toMatchObject({
      code: 'forbidden:workspace',
    });
    expect(
      (await listDocuments(store, { actor: owner, workspaceId: ws, trashed: true })).map((d) => d.id),
    ).toEqual([doc.id]);
    await restoreDocument(store, { actor: owner, documentId: doc.id });
    expect((await listDocuments(store, { actor: owner, workspaceId: ws })).map((d) => d.id)).toEqual([
      doc.id,
    ]);
    await expect(purgeDocument(store, { actor: owner, documentId: doc.id })).rejects.toMatchObject({
      code: 'not_found:document',
    });
    await trashDocument(store, { actor: owner, documentId: doc.id });
    await purgeDocument(store, { actor: owner, documentId: doc.id });
    expect(store.connection.prepare('select count(*) n from document_revisions').get()).toEqual({ n: 0 });
    const actions = (await store.db.select().from(auditEvents)).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('document.'))).toEqual([
      'document.import',
      'document.trash',
      'document.restore',
      'document.trash',
      'document.purge',
    ]);
  });
});
