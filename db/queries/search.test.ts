/**
 * Search over a workspace (./search, ./search-index), on our own short dispatches: what each kind
 * of result finds, accents and case, phrases, prefixes and exclusions, the index kept in step by
 * every write (create, edit, trash, restore, purge, new revision), isolation between workspaces,
 * blind assessments, filters, ranking, and a rebuild that gives what the writes gave.
 */
import { asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { claimFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { snippetText } from '@/lib/search/snippet';
import { searchEntries } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import { makeUser, makeWorkspace } from '../testing';
import { claims } from '../schema';
import { listClaimTypes } from './claim-types';
import { createClaim, restoreClaim, trashClaim, updateClaim } from './claims';
import { addComment, deleteComment, editComment } from './comments';
import { purgeDocument, restoreDocument, trashDocument, updateDocumentMetadata } from './documents';
import { addEvidence, trashEvidence, updateEvidence } from './evidence';
import { addRevision } from './revisions';
import { rebuildSearchIndex } from './search-index';
import { searchWorkspace, type SearchFilters } from './search';
import { createSource, restoreSource, trashSource, updateSource } from './sources';

const BAMAKO = [
  'Bamako, 14 March. Officials said 206 prisoners were freed before the hostages crossed the border at dawn.',
  'A spokesman for Iyad ag Ghali denied that any ransom had changed hands.',
  '',
  'The façade of the governor’s office was closed; Colonel Keïta gave no interview.',
].join('\n');
const GAO = [
  'Gao, 15 March. A local notable counted fewer than two hundred prisoners on the convoy.',
  '',
  'He said the ransom was ten million euros, paid through intermediaries in Algeria.',
].join('\n');

let team: Team;
let bamako: Awaited<ReturnType<Team['document']>>;
let gao: Awaited<ReturnType<Team['document']>>;

beforeEach(async () => {
  team = await makeTeam();
  bamako = await team.document('Bamako dispatch', BAMAKO);
  gao = await team.document('Gao dispatch', GAO);
});

async function find(text: string, filters: SearchFilters = {}, actor = team.owner) {
  const { groups } = await searchWorkspace(team.store, {
    actor,
    workspaceId: team.workspaceId,
    text,
    filters,
  });
  return groups.flatMap((g) =>
    g.hits.map((h) => ({ kind: h.kind, context: h.context, snippet: snippetText(h.snippet), hit: h })),
  );
}
const kinds = async (text: string, filters?: SearchFilters) =>
  (await find(text, filters)).map((h) => `${h.kind}: ${h.context}`);

describe('what search finds', () => {
  it('finds passages, ignoring case and accents, with the words marked and the passage located', async () => {
    const hits = await find('keita facade');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'passage', context: 'Bamako dispatch' });
    expect(hits[0]!.snippet).toContain('«façade»');
    expect(hits[0]!.snippet).toContain('«Keïta»');
    const { start, end } = hits[0]!.hit;
    expect(bamako.text.slice(start!, end!)).toBe(
      'The façade of the governor’s office was closed; Colonel Keïta gave no interview.',
    );
    expect(await kinds('KEÏTA ')).toEqual(['passage: Bamako dispatch']);
  });

  it('matches phrases in order, the last word as a prefix, and leaves out excluded words', async () => {
    expect(await kinds('"ag Ghali"')).toEqual(['passage: Bamako dispatch']);
    expect(await kinds('"Ghali ag" ')).toEqual([]);
    expect(await kinds('interme')).toEqual(['passage: Gao dispatch']);
    expect(await kinds('interme ')).toEqual([]);
    expect((await kinds('ransom ')).sort()).toEqual(['passage: Bamako dispatch', 'passage: Gao dispatch']);
    expect(await kinds('ransom -Algeria ')).toEqual(['passage: Bamako dispatch']);
    expect(await kinds('-ransom')).toEqual([]);
  });

  it('finds documents by title, claims by statement, topic, tag and quote, sources, evidence and comments', async () => {
    await updateDocumentMetadata(team.store, {
      actor: team.owner,
      documentId: gao.id,
      expectedVersion: 1,
      metadata: documentMetadataSchema.parse({
        title: 'Gao dispatch',
        author: 'Moussa Diarra',
        outlet: 'Sahel Wire',
      }),
    });
    const claimId = await team.claim(
      team.owner,
      bamako,
      '206 prisoners were freed',
      'Mali released 206 prisoners',
    );
    await updateClaim(team.store, {
      actor: team.owner,
      claimId,
      expectedVersion: 1,
      fields: claimFieldsSchema.parse({
        statement: 'Mali released 206 prisoners',
        typeId: team.typeId,
        kind: 'reported',
        tags: 'exchange, niamey-talks',
        topicQuestion: 'How many prisoners were released?',
      }),
    });
    const { sourceId } = await createSource(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      fields: sourceFieldsSchema.parse({
        name: 'Radio Tamani',
        kind: 'outlet',
        reliability: 'B',
        description: 'Community station in Timbuktu',
      }),
    });
    await addEvidence(team.store, {
      actor: team.owner,
      claimId,
      source: { id: sourceId },
      fields: evidenceFieldsSchema.parse({
        stance: 'supports',
        credibility: 2,
        quote: 'buses left the camp at night',
        note: 'Heard on the evening bulletin',
      }),
    });
    await addComment(team.store, {
      actor: team.owner,
      claimId,
      body: 'Check the **manifest** before we accept this.',
    });

    expect(await kinds('Diarra')).toEqual(['document: Gao dispatch']);
    expect(await kinds('Sahel Wire ')).toEqual(['document: Gao dispatch']);
    expect(await kinds('released ')).toEqual(['claim: Mali released 206 prisoners']);
    expect(await kinds('"How many prisoners" ')).toEqual(['claim: Mali released 206 prisoners']);
    expect(await kinds('niamey-talks ')).toEqual(['claim: Mali released 206 prisoners']);
    // The quote is found in the claim and in its document.
    expect(await kinds('"were freed" ')).toEqual([
      'passage: Bamako dispatch',
      'claim: Mali released 206 prisoners',
    ]);
    expect(await kinds('Timbuktu')).toEqual(['source: Radio Tamani']);
    expect(await kinds('bulletin')).toEqual(['evidence: Mali released 206 prisoners']);
    expect(await kinds('manifest')).toEqual(['comment: Mali released 206 prisoners']);
  });

  it('ranks the passage that says more about the words first', async () => {
    const doc = await team.document(
      'Ransom brief',
      'The ransom, the ransom and again the ransom: every account of the ransom differs.\n\nNothing else here.',
    );
    const hits = await find('ransom ', { kinds: ['passage'] });
    expect(hits.map((h) => h.context).sort()).toEqual(['Bamako dispatch', 'Gao dispatch', 'Ransom brief']);
    expect(hits[0]!.context).toBe('Ransom brief');
    expect(hits[0]!.hit.documentId).toBe(doc.id);
    expect(hits).toHaveLength(3);
  });
});

describe('the index follows every write', () => {
  it('claims: edited, trashed, restored', async () => {
    const claimId = await team.claim(team.owner, gao, 'ten million euros', 'The ransom was €10 million');
    expect(await kinds('€10 million ', { kinds: ['claim'] })).toEqual(['claim: The ransom was €10 million']);
    await updateClaim(team.store, {
      actor: team.owner,
      claimId,
      expectedVersion: 1,
      fields: claimFieldsSchema.parse({
        statement: 'A payment of eight million was made',
        typeId: team.typeId,
        kind: 'reported',
      }),
    });
    expect(await kinds('"10 million" ', { kinds: ['claim'] })).toEqual([]);
    expect(await kinds('eight ', { kinds: ['claim'] })).toEqual([
      'claim: A payment of eight million was made',
    ]);
    await trashClaim(team.store, { actor: team.owner, claimId });
    expect(await kinds('eight ', { kinds: ['claim'] })).toEqual([]);
    await restoreClaim(team.store, { actor: team.owner, claimId });
    expect(await kinds('eight ', { kinds: ['claim'] })).toEqual([
      'claim: A payment of eight million was made',
    ]);
  });

  it('documents: new revision, trash, restore, purge', async () => {
    const converted = await convertToDocument('text', GAO.replace('Algeria', 'Mauritania'));
    await addRevision(team.store, {
      actor: team.owner,
      documentId: gao.id,
      baseRevisionId: gao.revisionId,
      format: 'text',
      converted,
    });
    expect(await kinds('Algeria')).toEqual([]);
    expect(await kinds('Mauritania')).toEqual(['passage: Gao dispatch']);
    await trashDocument(team.store, { actor: team.owner, documentId: gao.id });
    expect(await kinds('Mauritania')).toEqual([]);
    expect(await kinds('Gao dispatch ')).toEqual([]);
    await restoreDocument(team.store, { actor: team.owner, documentId: gao.id });
    expect(await kinds('Mauritania')).toEqual(['passage: Gao dispatch']);
    await trashDocument(team.store, { actor: team.owner, documentId: gao.id });
    await purgeDocument(team.store, { actor: team.owner, documentId: gao.id });
    const left = await team.store.db.select({ documentId: searchEntries.documentId }).from(searchEntries);
    expect(left.filter((e) => e.documentId === gao.id)).toEqual([]);
  });

  it('sources, evidence and comments: edited, trashed, restored, deleted', async () => {
    const claimId = await team.claim(team.owner, gao, 'ten million euros', 'The ransom was €10 million');
    const fields = (name: string, description: string) =>
      sourceFieldsSchema.parse({ name, kind: 'outlet', reliability: 'B', description });
    const { sourceId } = await createSource(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      fields: fields('Sahel Wire', 'Wire service'),
    });
    await updateSource(team.store, {
      actor: team.owner,
      sourceId,
      expectedVersion: 1,
      fields: fields('Sahel Wire', 'Agency based in Niamey'),
    });
    expect(await kinds('wire service ', { kinds: ['source'] })).toEqual([]);
    expect(await kinds('Niamey', { kinds: ['source'] })).toEqual(['source: Sahel Wire']);
    await trashSource(team.store, { actor: team.owner, sourceId });
    expect(await kinds('Niamey', { kinds: ['source'] })).toEqual([]);
    await restoreSource(team.store, { actor: team.owner, sourceId });
    expect(await kinds('Niamey', { kinds: ['source'] })).toEqual(['source: Sahel Wire']);

    const ev = (quote: string) =>
      evidenceFieldsSchema.parse({ stance: 'contradicts', credibility: 3, quote });
    const { evidenceId } = await addEvidence(team.store, {
      actor: team.owner,
      claimId,
      source: { id: sourceId },
      fields: ev('no money was paid'),
    });
    await updateEvidence(team.store, {
      actor: team.owner,
      evidenceId,
      expectedVersion: 1,
      fields: ev('nothing was handed over'),
    });
    expect(await kinds('money ', { kinds: ['evidence'] })).toEqual([]);
    expect(await kinds('handed', { kinds: ['evidence'] })).toEqual(['evidence: The ransom was €10 million']);
    await trashEvidence(team.store, { actor: team.owner, evidenceId });
    expect(await kinds('handed', { kinds: ['evidence'] })).toEqual([]);

    const { commentId } = await addComment(team.store, {
      actor: team.owner,
      claimId,
      body: 'The convoy left on Thursday.',
    });
    await editComment(team.store, {
      actor: team.owner,
      commentId,
      body: 'The convoy left on Friday.',
      expectedVersion: 1,
    });
    expect(await kinds('Thursday', { kinds: ['comment'] })).toEqual([]);
    expect(await kinds('Friday', { kinds: ['comment'] })).toEqual(['comment: The ransom was €10 million']);
    await deleteComment(team.store, { actor: team.owner, commentId });
    expect(await kinds('Friday', { kinds: ['comment'] })).toEqual([]);
    // A trashed claim takes its evidence and discussion out of search.
    await addComment(team.store, { actor: team.owner, claimId, body: 'Ask the Gao stringer.' });
    await trashClaim(team.store, { actor: team.owner, claimId });
    expect(await kinds('stringer')).toEqual([]);
  });

  it('a rebuild gives the entries the writes gave', async () => {
    const claimId = await team.claim(team.owner, gao, 'ten million euros', 'The ransom was €10 million');
    await addComment(team.store, { actor: team.owner, claimId, body: 'Ask the Gao stringer.' });
    // Claims made with tags and a topic (new, then the same one by id): their entries are written
    // from what the write had at hand, and must be what reading them back gives.
    const [typeId] = (
      await listClaimTypes(team.store, { actor: team.owner, workspaceId: team.workspaceId })
    ).map((t) => t.id);
    const made = async (quote: string, statement: string, extra: Record<string, unknown>) => {
      const start = bamako.text.indexOf(quote);
      return (
        await createClaim(team.store, {
          actor: team.owner,
          passage: { documentId: bamako.id, revisionId: bamako.revisionId, start, end: start + quote.length },
          fields: claimFieldsSchema.parse({ statement, typeId, kind: 'reported', ...extra }),
        })
      ).claimId;
    };
    const tagged = await made('206 prisoners', '206 prisoners were freed', {
      tags: 'prisoners, Bamako',
      topicQuestion: 'How many prisoners were freed?',
    });
    const [topicId] = (
      await team.store.db.select({ id: claims.topicId }).from(claims).where(eq(claims.id, tagged))
    ).map((r) => r.id);
    await made('denied that any ransom', 'No ransom was paid', { topicId, tags: ['ransom'] });
    const entries = () =>
      team.store.db
        .select({
          kind: searchEntries.kind,
          d: searchEntries.documentId,
          c: searchEntries.claimId,
          m: searchEntries.commentId,
          p: searchEntries.position,
          body: searchEntries.body,
          at: searchEntries.createdAt,
          by: searchEntries.createdBy,
        })
        .from(searchEntries)
        .orderBy(asc(searchEntries.kind), asc(searchEntries.body));
    const before = await entries();
    expect(before.length).toBeGreaterThan(5);
    expect(before.map((e) => e.body)).toContain(
      '206 prisoners were freed\nHow many prisoners were freed?\n#Bamako #prisoners\n“206 prisoners”',
    );
    await rebuildSearchIndex(team.store, { batchSize: 1 });
    await rebuildSearchIndex(team.store);
    expect(await entries()).toEqual(before);
    expect(await kinds('stringer')).toEqual(['comment: The ransom was €10 million']);
  });
});

describe('who finds what', () => {
  it('a member of another workspace finds nothing, and a non-member is told the workspace does not exist', async () => {
    const outsider = await makeUser(team.store, { name: 'Outsider' });
    const theirs = await makeWorkspace(team.store, outsider, 'Other desk');
    const { groups } = await searchWorkspace(team.store, {
      actor: outsider,
      workspaceId: theirs,
      text: 'ransom',
    });
    expect(groups).toEqual([]);
    await expect(
      searchWorkspace(team.store, { actor: outsider, workspaceId: team.workspaceId, text: 'ransom' }),
    ).rejects.toMatchObject({ code: 'not_found:workspace' });
  });

  it('under blind assessments nothing of another analyst’s assessment is searchable', async () => {
    const analyst = await team.member('editor', 'Second Analyst');
    const claimId = await team.claim(team.owner, gao, 'ten million euros', 'The ransom was €10 million');
    await team.assess(analyst, claimId, 'unlikely');
    expect(await find('Weighed', {}, team.owner)).toEqual([]);
    expect(await find('unlikely', {}, team.owner)).toEqual([]);
  });
});

describe('filters', () => {
  it('by kind, document, claim type, source, member and date, inside the query', async () => {
    const analyst = await team.member('editor', 'Second Analyst');
    const inGao = await team.claim(analyst, gao, 'ten million euros', 'Ransom of ten million (Gao)');
    await team.claim(team.owner, bamako, 'denied that any ransom', 'Ransom denied (Bamako)');
    const { sourceId } = await createSource(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      fields: sourceFieldsSchema.parse({ name: 'Radio Tamani', kind: 'outlet', reliability: 'B' }),
    });
    await addEvidence(team.store, {
      actor: team.owner,
      claimId: inGao,
      source: { id: sourceId },
      fields: evidenceFieldsSchema.parse({
        stance: 'supports',
        credibility: 2,
        note: 'Ransom figure repeated on air',
      }),
    });
    expect((await kinds('ransom ', { kinds: ['claim'] })).sort()).toEqual([
      'claim: Ransom denied (Bamako)',
      'claim: Ransom of ten million (Gao)',
    ]);
    expect(await kinds('ransom ', { documentId: gao.id })).toEqual([
      'passage: Gao dispatch',
      'claim: Ransom of ten million (Gao)',
      'evidence: Ransom of ten million (Gao)',
    ]);
    expect(await kinds('ransom ', { sourceId })).toEqual([
      'claim: Ransom of ten million (Gao)',
      'evidence: Ransom of ten million (Gao)',
    ]);
    expect(await kinds('ransom ', { by: analyst.userId })).toEqual(['claim: Ransom of ten million (Gao)']);
    expect((await kinds('ransom ', { typeId: team.typeId })).length).toBe(3);
    expect(await kinds('ransom ', { typeId: 'another-type' })).toEqual([]);
    expect(await kinds('ransom ', { to: Date.now() - 60_000 })).toEqual([]);
    expect((await kinds('ransom ', { from: Date.now() - 60_000 })).length).toBe(5);
  });

  it('limits each kind and says there are more', async () => {
    for (let i = 0; i < 4; i++) await team.document(`Note ${i}`, `Convoy sighting number ${i}.`);
    const { groups } = await searchWorkspace(team.store, {
      actor: team.owner,
      workspaceId: team.workspaceId,
      text: 'convoy ',
      limit: 2,
    });
    const passages = groups.find((g) => g.kind === 'passage')!;
    expect(passages.hits).toHaveLength(2);
    expect(passages.more).toBe(true);
  });
});
