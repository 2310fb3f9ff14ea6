/**
 * The canonical text of a revision, kept for the last few revisions read. Revisions never change
 * (a trigger refuses any UPDATE of one; a new text is a new revision with a new id), so a text once
 * read stays true for as long as its revision exists. Making a claim computes its quote and
 * context from the text: on a 100k-word document that read (about 600 KB) was half of the work of
 * every claim made. The caller checks access to the document first; this only reads.
 */
import { eq } from 'drizzle-orm';
import { ByteLru } from '@/lib/byte-lru';
import { first, type Db } from '../store';
import { documentRevisions } from '../schema';

/** At most this many texts, and this many characters in all (~32 MB): the last one read stays. */
const KEEP = 8;
const MAX_CHARACTERS = 16_000_000;
const texts = new ByteLru<string>(MAX_CHARACTERS, KEEP);

export async function revisionText(tx: Db, revisionId: string): Promise<string | null> {
  const hit = texts.get(revisionId);
  if (hit !== undefined) return hit;
  const row = await first(
    tx
      .select({ text: documentRevisions.canonicalText })
      .from(documentRevisions)
      .where(eq(documentRevisions.id, revisionId))
      .limit(1),
  );
  if (!row) return null;
  texts.set(revisionId, row.text, row.text.length);
  return row.text;
}

/** How many texts, and characters, are kept now (for tests). */
export const keptRevisionTexts = () => ({ texts: texts.size, characters: texts.bytes });
