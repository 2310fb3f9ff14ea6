/**
 * The canonical text of a revision, kept for the last few revisions read. Revisions never change
 * (a trigger refuses any UPDATE of one; a new text is a new revision with a new id), so a text once
 * read stays true for as long as its revision exists. Making a claim computes its quote and
 * context from the text: on a 100k-word document that read (about 600 KB) was half of the work of
 * every claim made. The caller checks access to the document first; this only reads.
 */
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { documentRevisions } from '../schema';

const KEEP = 8;
const texts = new Map<string, string>();

export function revisionText(tx: Tx | Db, revisionId: string): string | null {
  const hit = texts.get(revisionId);
  if (hit !== undefined) {
    // Most recently used last: the first key is the one to drop.
    texts.delete(revisionId);
    texts.set(revisionId, hit);
    return hit;
  }
  const row = tx
    .select({ text: documentRevisions.canonicalText })
    .from(documentRevisions)
    .where(eq(documentRevisions.id, revisionId))
    .get();
  if (!row) return null;
  texts.set(revisionId, row.text);
  if (texts.size > KEEP) texts.delete(texts.keys().next().value!);
  return row.text;
}

/** How many texts are kept now (for tests). */
export const keptRevisionTexts = () => texts.size;
