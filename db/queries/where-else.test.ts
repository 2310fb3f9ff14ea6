/**
 * "Where else?" (./where-else) on three dispatches of our own that copy one sentence, one of them
 * with a figure changed: found in the others, not in its own passage, never in the trash or in
 * another workspace; and the quote's bounds.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTeam, type Team } from '../team-testing';
import { makeUser, makeWorkspace } from '../testing';
import { addAppearance } from './claims';
import { trashDocument } from './documents';
import { whereElseForClaim, whereElseForSelection } from './where-else';

const SENTENCE = 'the ransom was paid in two instalments through intermediaries in Gao';
const WIRE = `Bamako wire. Officials said ${SENTENCE}. The ministry denied it.`;
const BLOG = `A blog post repeated that ${SENTENCE}, without a source.`;
const DAILY = `The daily wrote that the ransom was paid in three instalments through intermediaries in Gao.`;
const OTHER = 'Nobody would say how the ransom was carried, or who counted the money in Gao.';

let team: Team;
let wire: Awaited<ReturnType<Team['document']>>;
let blog: Awaited<ReturnType<Team['document']>>;
let daily: Awaited<ReturnType<Team['document']>>;

beforeEach(async () => {
  team = await makeTeam();
  wire = await team.document('Bamako wire', WIRE);
  blog = await team.document('Blog post', BLOG);
  daily = await team.document('The daily', DAILY);
  await team.document('Notebook', OTHER);
});

describe('where else a quote appears', () => {
  it('finds the same sentence and a near copy in the other documents, best first, not the claim’s own', async () => {
    const claimId = await team.claim(team.owner, wire, SENTENCE, 'The ransom was paid in two instalments');
    const found = await whereElseForClaim(team.store, { actor: team.owner, claimId });
    expect(found.quote).toBe(SENTENCE);
    expect(found.hits.map((h) => [h.title, h.exact, h.similarity])).toEqual([
      ['Blog post', SENTENCE, 1],
      [
        'The daily',
        'the ransom was paid in three instalments through intermediaries in Gao',
        expect.any(Number),
      ],
    ]);
    expect(found.hits[1]!.similarity).toBeGreaterThan(0.9);
    const [inBlog] = found.hits;
    expect(blog.text.slice(inBlog!.start, inBlog!.end)).toBe(SENTENCE);
    expect(inBlog!.before).toBe('A blog post repeated that ');
    expect(inBlog!.revisionId).toBe(blog.revisionId);

    // Added to the claim, it is no longer proposed.
    await addAppearance(team.store, {
      actor: team.owner,
      claimId,
      passage: { documentId: blog.id, revisionId: blog.revisionId, start: inBlog!.start, end: inBlog!.end },
    });
    const again = await whereElseForClaim(team.store, { actor: team.owner, claimId });
    expect(again.hits.map((h) => h.title)).toEqual(['The daily']);
  });

  it('works from a selection, leaving the selection itself out, and not in the trash', async () => {
    const start = daily.text.indexOf('the ransom');
    const end = daily.text.indexOf(' in Gao') + ' in Gao'.length;
    const found = await whereElseForSelection(team.store, {
      actor: team.owner,
      documentId: daily.id,
      start,
      end,
    });
    expect(found.hits.map((h) => h.title).sort()).toEqual(['Bamako wire', 'Blog post']);
    await trashDocument(team.store, { actor: team.owner, documentId: blog.id });
    const after = await whereElseForSelection(team.store, {
      actor: team.owner,
      documentId: daily.id,
      start,
      end,
    });
    expect(after.hits.map((h) => h.title)).toEqual(['Bamako wire']);
  });

  it('refuses quotes too short or too long, and a selection outside the text', async () => {
    const short = wire.text.indexOf('Gao');
    await expect(
      whereElseForSelection(team.store, {
        actor: team.owner,
        documentId: wire.id,
        start: short,
        end: short + 3,
      }),
    ).rejects.toMatchObject({
      code: 'invalid:passage',
      message: expect.stringContaining('at least 12 characters'),
    });
    await expect(
      whereElseForSelection(team.store, { actor: team.owner, documentId: wire.id, start: 0, end: 10_000 }),
    ).rejects.toMatchObject({ code: 'invalid:passage' });
  });

  it('is not_found for a member of another workspace, whose own documents never show', async () => {
    const outsider = await makeUser(team.store, { name: 'Outsider' });
    await makeWorkspace(team.store, outsider, 'Other desk');
    const claimId = await team.claim(team.owner, wire, SENTENCE, 'The ransom was paid in two instalments');
    await expect(whereElseForClaim(team.store, { actor: outsider, claimId })).rejects.toMatchObject({
      code: 'not_found:claim',
    });
    await expect(
      whereElseForSelection(team.store, { actor: outsider, documentId: wire.id, start: 0, end: 20 }),
    ).rejects.toMatchObject({ code: 'not_found:document' });
  });
});
