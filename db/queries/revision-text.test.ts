import { beforeEach, describe, expect, it } from 'vitest';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { getDb } from '../client';
import { makeUser, makeWorkspace, useFreshDatabase } from '../testing';
import type { Actor } from './access';
import { importDocument } from './documents';
import { addRevision, getRevision } from './revisions';
import { keptRevisionTexts, revisionText } from './revision-text';

let owner: Actor;
let ws: string;

beforeEach(async () => {
  useFreshDatabase();
  owner = await makeUser();
  ws = await makeWorkspace(owner);
});

async function brief(text: string) {
  return importDocument({
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
    expect(revisionText(getDb(), first)).toBe('The authorities in Bamako released 206 detainees.');
    expect(revisionText(getDb(), first)).toBe('The authorities in Bamako released 206 detainees.');
    await addRevision({
      actor: owner,
      documentId: doc.id,
      baseRevisionId: first,
      format: 'text',
      converted: await convertToDocument('text', 'The authorities released about 200 detainees.'),
    });
    const second = (await getRevision({ actor: owner, documentId: doc.id })).id;
    expect(second).not.toBe(first);
    expect(revisionText(getDb(), second)).toBe('The authorities released about 200 detainees.');
    expect(revisionText(getDb(), first)).toBe('The authorities in Bamako released 206 detainees.');
    expect(revisionText(getDb(), 'no-such-revision')).toBeNull();
  });

  it('keeps at most eight texts', async () => {
    for (let i = 0; i < 12; i++) {
      const doc = await brief(`Dispatch number ${i} from the Sahel desk.`);
      expect(revisionText(getDb(), doc.currentRevisionId!)).toBe(`Dispatch number ${i} from the Sahel desk.`);
    }
    expect(keptRevisionTexts().texts).toBe(8);
    expect(keptRevisionTexts().characters).toBeLessThan(8 * 40);
  });

  it('can trust what it keeps: a revision cannot be changed', async () => {
    const doc = await brief('Nobody who negotiated the deal has described it on the record.');
    expect(() =>
      getDb()
        .$client.prepare("update document_revisions set canonical_text = 'x' where id = ?")
        .run(doc.currentRevisionId),
    ).toThrow();
  });
});
