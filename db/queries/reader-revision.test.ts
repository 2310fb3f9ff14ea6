import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalize, type PmJson } from '@/lib/documents/canonical-text';
import { convertToDocument } from '@/lib/documents/convert';
import { BRIEF_MARKDOWN } from '@/lib/documents/fixtures';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { renderReader } from '@/lib/documents/render-html';
import type { SqliteStore } from '../engines/sqlite';
import { freshSqliteStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { importDocument } from './documents';
import { addRevision, getReaderRevision, getRevision } from './revisions';

let store: SqliteStore;
let owner: Actor;
let ws: string;

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store, { name: 'Owner' });
  ws = await makeWorkspace(store, owner);
});

async function brief(title: string, markdown: string) {
  return importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title }),
    format: 'markdown',
    converted: await convertToDocument('markdown', markdown),
  });
}

describe('getReaderRevision', () => {
  it('draws the current revision as the reader shows it, once, and each revision its own', async () => {
    const doc = await brief('The October exchange', BRIEF_MARKDOWN);
    const first = await getReaderRevision(store, { actor: owner, documentId: doc.id });
    const content = (await getRevision(store, { actor: owner, documentId: doc.id })).content;
    const expected = renderReader(content);
    expect(first.reader.html).toBe(expected.html);
    expect(first.reader.starts).toEqual(expected.starts);
    expect(first.reader.outline).toEqual(expected.outline);
    expect(first.reader.textLength).toBe(canonicalize(content as PmJson).text.length);
    expect(first.reader.html).toContain('class="reader-section"');
    expect(first.reader.digest).toMatch(/^[\w-]{22}$/);
    expect(first).toMatchObject({ number: 1, current: true, createdByName: 'Owner', documentId: doc.id });
    // Kept: the same drawing again, not drawn anew.
    expect((await getReaderRevision(store, { actor: owner, documentId: doc.id })).reader).toBe(first.reader);

    await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: doc.currentRevisionId,
      format: 'markdown',
      converted: await convertToDocument(
        'markdown',
        '# The October exchange\n\nA shorter account, corrected.',
      ),
    });
    const second = await getReaderRevision(store, { actor: owner, documentId: doc.id });
    expect(second).toMatchObject({ number: 2, current: true });
    expect(second.reader.digest).not.toBe(first.reader.digest);
    expect(second.reader.html).toContain('A shorter account, corrected.');
    // The earlier one, by number and by id, as it was.
    const byNumber = await getReaderRevision(store, { actor: owner, documentId: doc.id, number: 1 });
    expect(byNumber).toMatchObject({ id: first.id, current: false });
    expect(byNumber.reader).toBe(first.reader);
    const byId = await getReaderRevision(store, { actor: owner, documentId: doc.id, revisionId: first.id });
    expect(byId).toMatchObject({ number: 1, current: false });
  });

  it('finds no revision of another document, and nothing for someone outside the workspace', async () => {
    const doc = await brief('The October exchange', BRIEF_MARKDOWN);
    const other = await brief('Harbour notes', 'Two ships unloaded crates at the north quay.');
    await expect(
      getReaderRevision(store, { actor: owner, documentId: doc.id, revisionId: other.currentRevisionId! }),
    ).rejects.toMatchObject({ code: 'not_found:revision' });
    await expect(
      getReaderRevision(store, { actor: owner, documentId: doc.id, number: 7 }),
    ).rejects.toMatchObject({
      code: 'not_found:revision',
    });
    const outsider = await makeUser(store);
    await makeWorkspace(store, outsider, 'Elsewhere');
    await expect(getReaderRevision(store, { actor: outsider, documentId: doc.id })).rejects.toMatchObject({
      code: 'not_found:document',
    });
  });
});
