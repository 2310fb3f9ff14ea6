import { beforeEach, describe, expect, it } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import type { SqliteStore } from '../engines/sqlite';
import { freshSqliteStore, makeUser, makeWorkspace } from '../testing';
import type { Actor } from './access';
import { importDocument } from './documents';
import { addRevision, getRevision } from './revisions';
import { keptRevisionTexts, revisionText } from './revision-text';

let store: SqliteStore;
let owner: Actor;
let ws: string;

beforeEach(async () => {
  store = await freshSqliteStore();
  owner = await makeUser(store);
  ws = await makeWorkspace(store, owner);
});

async function brief(text: string) {
  return importDocument(store, {
    actor: owner,
    workspaceId: ws,
    metadata: documentMetadataSchema.parse({ title: 'Brief' }),
    format: 'text',
    converted: await convertToDocument('text', text),
  });
}

describe('revisionText', () => {
  it('gives the canonical text of a revision, and a new revision its own', async () => {
    const doc = await brief('The authorities in Bamako released 206 detainees.');
    const first = doc.currentRevisionId!;
    expect(await revisionText(store.db, first)).toBe('The authorities in Bamako released 206 detainees.');
    expect(await revisionText(store.db, first)).toBe('The authorities in Bamako released 206 detainees.');
    await addRevision(store, {
      actor: owner,
      documentId: doc.id,
      baseRevisionId: first,
      format: 'text',
      converted: await convertToDocument('text', 'The authorities released about 200 detainees.'),
    });
    const second = (await getRevision(store, { actor: owner, documentId: doc.id })).id;
    expect(second).not.toBe(first);
    expect(await revisionText(store.db, second)).toBe('The authorities released about 200 detainees.');
    expect(await revisionText(store.db, first)).toBe('The authorities in Bamako released 206 detainees.');
    expect(await revisionText(store.db, 'no-such-revision')).toBeNull();
  });

  it('keeps at most eight texts', async () => {
    for (let i = 0; i < 12; i++) {
      const doc = await brief(`Dispatch number ${i} from the Sahel desk.`);
      expect(await revisionText(store.db, doc.currentRevisionId!)).toBe(
        `Dispatch number ${i} from the Sahel desk.`,
      );
    }
    expect(keptRevisionTexts().texts).toBe(8);
    expect(keptRevisionTexts().characters).toBeLessThan(8 * 40);
  });

  it('can trust what it keeps: a revision cannot be changed', async () => {
    const doc = await brief('Nobody who negotiated the deal has described it on the record.');
    expect(() =>
      store.connection
        .prepare("update document_revisions set canonical_text = 'x' where id = ?")
        .run(doc.currentRevisionId),
    ).toThrow();
  });
});
