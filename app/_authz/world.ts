/**
 * The world of the authorization matrix: one workspace holding one object of every kind that a
 * route or action names (document, revision, claims, anchor, comment, source, evidence, claim
 * types, invite, trashed items), a member in each role, an outsider with a workspace of their
 * own, and an instance administrator who is in no workspace. Built once, then restored from a
 * snapshot before every call, so that a call that deletes or changes something never changes
 * what the next caller meets.
 */
import { member, outsider, installAppStore, withToken, type Member } from '@/app/api/v1/_testing/client';
import type { SqliteStore } from '@/db/engines/sqlite';
import type { Actor } from '@/db/queries/access';
import { createClaimType, listClaimTypes } from '@/db/queries/claim-types';
import { addAppearance, createClaim, loadClaim, trashClaim } from '@/db/queries/claims';
import { addComment } from '@/db/queries/comments';
import { importDocument, trashDocument } from '@/db/queries/documents';
import { addEvidence, trashEvidence } from '@/db/queries/evidence';
import { listMyApiTokens } from '@/db/queries/api-tokens';
import { createInvite } from '@/db/queries/invites';
import { removeMember } from '@/db/queries/members';
import { getRevision } from '@/db/queries/revisions';
import { createSource, trashSource } from '@/db/queries/sources';
import { freshSqliteStore, makeUser, makeWorkspace, plantCloseMatch } from '@/db/testing';
import { snapshotStore } from '@/db/engines/sqlite-snapshot';
import { claimFieldsSchema, evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { convertToDocument } from '@/lib/documents/convert';
import { ROLES } from '@/lib/permissions';
import { topics } from '@/db/schema';
import { randomUUID } from 'node:crypto';

/** Who calls: nobody, a member of another workspace, the instance administrator, each role. */
export const CALLERS = ['anonymous', 'outsider', 'admin', ...ROLES] as const;
/**
 * A former member (an editor removed from the workspace) is no column of the table: they must be
 * answered exactly as the outsider is.
 */
export type Caller = (typeof CALLERS)[number] | 'former';
export type SignedIn = Exclude<Caller, 'anonymous'>;

/**
 * Words that appear only in the workspace's objects: no answer to an outsider or an anonymous
 * caller may contain one of them.
 */
export const MARKERS = {
  workspace: 'Quillwort desk',
  document: 'Marram ledger',
  text: 'The ferry to Oyster Point carried 412 crates of tin on the ninth of March.',
  claim: 'Ferry carried 412 crates of tin',
  otherClaim: 'The crates were unloaded at night',
  comment: 'Check the harbour log for the crate count',
  source: 'Harbour Gazette of Ollberry',
  evidence: 'Ledger line eleven lists the crates',
  type: 'Cargo manifest',
} as const;

export interface World {
  workspaceId: string;
  users: Record<SignedIn, Member> & { outsider: Member & { workspaceId: string } };
  /** An editor who never calls: the target of role changes and removals. */
  bystander: Member;
  documentId: string;
  revisionId: string;
  /** Where the claim's passage sits in the revision text. */
  passage: { start: number; end: number };
  claimId: string;
  /** The claim's review version (what an adjudication names). */
  reviewVersion: number;
  anchorId: string;
  /** A passage of the claim placed as a close match (status fuzzy), and where it sits. */
  closeMatch: { anchorId: string; revisionId: string; start: number; end: number };
  commentId: string;
  sourceId: string;
  evidenceId: string;
  typeId: string;
  /** A claim type no claim uses (one that may be deleted). */
  spareTypeId: string;
  /** Two topics no claim answers (one renamed, one merged into it or deleted). */
  topicId: string;
  spareTopicId: string;
  inviteId: string;
  inviteToken: string;
  /** The id of the owner's personal access token (revocable by the owner only). */
  ownerTokenId: string;
  trashed: { documentId: string; claimId: string; sourceId: string; evidenceId: string };
  /** The outsider's own workspace and objects, for calls that name the world's objects from there. */
  own: {
    workspaceId: string;
    documentId: string;
    revisionId: string;
    passage: { start: number; end: number };
    claimId: string;
    anchorId: string;
    typeId: string;
    reviewVersion: number;
  };
}

const OWN_TEXT = 'The lighthouse keeper logged two ships after midnight.';

/** The outsider's workspace gets a document, a claim (with two passages) of its own. */
async function buildOwn(store: SqliteStore, actor: Member, workspaceId: string): Promise<World['own']> {
  const typeId = (await listClaimTypes(store, { actor, workspaceId }))[0]!.id;
  const doc = await importText(store, actor, workspaceId, 'Lighthouse log', OWN_TEXT);
  const revision = await getRevision(store, { actor, documentId: doc.id });
  const start = revision.canonicalText.indexOf('two ships');
  const passage = { documentId: doc.id, revisionId: revision.id, start, end: start + 'two ships'.length };
  const fields = claimFieldsSchema.parse({ statement: 'Two ships passed', typeId, kind: 'reported' });
  const { claimId } = await createClaim(store, { actor, passage, fields });
  const { anchorId } = await addAppearance(store, {
    actor,
    claimId,
    passage: { ...passage, start: 0, end: 'The lighthouse'.length },
  });
  return {
    workspaceId,
    documentId: doc.id,
    revisionId: revision.id,
    passage: { start: passage.start, end: passage.end },
    claimId,
    anchorId,
    typeId,
    reviewVersion: await reviewVersionOf(store, actor, claimId),
  };
}

async function reviewVersionOf(store: SqliteStore, actor: Actor, claimId: string): Promise<number> {
  return (await loadClaim(store.db, actor, claimId, 'workspace.read')).reviewVersion;
}

async function importText(
  store: SqliteStore,
  actor: Actor,
  workspaceId: string,
  title: string,
  text: string,
) {
  const converted = await convertToDocument('text', text);
  const metadata = { title, author: null, outlet: null, sourceUrl: null, publishedOn: null, language: null };
  return importDocument(store, {
    actor,
    workspaceId,
    metadata: metadata as never,
    format: 'text',
    converted,
  });
}

async function build(store: SqliteStore): Promise<World> {
  // The administrator is the instance's first account (the first account may become one).
  const admin = await withToken(store, await makeUser(store, { name: 'Ada Admin', isAdmin: true }));
  const owner = await withToken(store, await makeUser(store, { name: 'Orla Owner' }));
  const workspaceId = await makeWorkspace(store, owner, MARKERS.workspace);
  const users: World['users'] = {
    owner,
    reviewer: await member(store, owner, workspaceId, 'reviewer', 'Rhea Reviewer'),
    editor: await member(store, owner, workspaceId, 'editor', 'Ezra Editor'),
    viewer: await member(store, owner, workspaceId, 'viewer', 'Vera Viewer'),
    outsider: await outsider(store),
    admin,
    former: await member(store, owner, workspaceId, 'editor', 'Fern Former'),
  };
  const bystander = await member(store, owner, workspaceId, 'editor', 'Bo Bystander');
  await removeMember(store, { actor: owner, workspaceId, userId: users.former.userId });

  await createClaimType(store, {
    actor: owner,
    workspaceId,
    input: { name: MARKERS.type, color: '#336699', description: null },
  });
  const types = await listClaimTypes(store, { actor: owner, workspaceId });
  const cargo = types.find((t) => t.name === MARKERS.type)!;
  const spare = types.find((t) => t.name !== MARKERS.type)!;

  const doc = await importText(
    store,
    owner,
    workspaceId,
    MARKERS.document,
    `${MARKERS.text}\n\nA second line.`,
  );
  const revision = await getRevision(store, { actor: owner, documentId: doc.id });
  const quote = '412 crates of tin';
  const start = revision.canonicalText.indexOf(quote);
  const passage = { documentId: doc.id, revisionId: revision.id, start, end: start + quote.length };
  const fields = (statement: string) =>
    claimFieldsSchema.parse({ statement, typeId: cargo.id, kind: 'reported' });

  const { claimId } = await createClaim(store, { actor: owner, passage, fields: fields(MARKERS.claim) });
  const second = { ...passage, start: 0, end: 'The ferry'.length };
  const { anchorId } = await addAppearance(store, { actor: owner, claimId, passage: second });
  // A close match, as re-anchoring leaves one: found at a place whose words differ a little.
  const lineAt = revision.canonicalText.indexOf('A second line');
  const third = { ...passage, start: lineAt, end: lineAt + 'A second line'.length };
  const { anchorId: closeMatchId } = await addAppearance(store, { actor: owner, claimId, passage: third });
  await plantCloseMatch(store, closeMatchId, { exact: 'A second lane', score: 0.9 });
  const { commentId } = await addComment(store, { actor: owner, claimId, body: MARKERS.comment });
  const sourceFields = sourceFieldsSchema.parse({ name: MARKERS.source, kind: 'outlet', reliability: 'B' });
  const { sourceId } = await createSource(store, { actor: owner, workspaceId, fields: sourceFields });
  const evidenceFields = evidenceFieldsSchema.parse({
    stance: 'supports',
    credibility: 2,
    quote: MARKERS.evidence,
  });
  const { evidenceId } = await addEvidence(store, {
    actor: owner,
    claimId,
    source: { id: sourceId },
    fields: evidenceFields,
  });
  const invite = await createInvite(store, { actor: owner, workspaceId, role: 'viewer', expiresInDays: 7 });

  // Items in the trash, for the restore and purge actions.
  const binned = await importText(store, owner, workspaceId, `${MARKERS.document} (old)`, MARKERS.text);
  await trashDocument(store, { actor: owner, documentId: binned.id });
  const other = await createClaim(store, { actor: owner, passage, fields: fields(MARKERS.otherClaim) });
  await trashClaim(store, { actor: owner, claimId: other.claimId });
  const binnedSource = await createSource(store, {
    actor: owner,
    workspaceId,
    fields: { ...sourceFields, name: `${MARKERS.source} (old)` },
  });
  // Trashed evidence of a live source: evidence of a trashed source is restored only after it.
  const secondSource = await createSource(store, {
    actor: owner,
    workspaceId,
    fields: { ...sourceFields, name: `${MARKERS.source} (second)` },
  });
  const binnedEvidence = await addEvidence(store, {
    actor: owner,
    claimId,
    source: { id: secondSource.sourceId },
    fields: evidenceFields,
  });
  await trashEvidence(store, { actor: owner, evidenceId: binnedEvidence.evidenceId });
  await trashSource(store, { actor: owner, sourceId: binnedSource.sourceId });

  const topicIds = ['Which ship carried the crates?', 'Who logged the ships?'].map(() => randomUUID());
  await store.db.insert(topics).values([
    { id: topicIds[0]!, workspaceId, question: 'Which ship carried the crates?', createdBy: owner.userId },
    { id: topicIds[1]!, workspaceId, question: 'Who logged the ships?', createdBy: owner.userId },
  ]);
  const reviewVersion = await reviewVersionOf(store, owner, claimId);
  const own = await buildOwn(store, users.outsider, users.outsider.workspaceId);
  const ownerTokenId = (await listMyApiTokens(store, { actor: owner }))[0]!.id;
  return {
    workspaceId,
    users,
    bystander,
    documentId: doc.id,
    revisionId: revision.id,
    passage: { start, end: start + quote.length },
    claimId,
    reviewVersion,
    anchorId,
    closeMatch: { anchorId: closeMatchId, revisionId: revision.id, start: third.start, end: third.end },
    commentId,
    sourceId,
    evidenceId,
    typeId: cargo.id,
    spareTypeId: spare.id,
    topicId: topicIds[0]!,
    spareTopicId: topicIds[1]!,
    inviteId: invite.inviteId,
    inviteToken: invite.token,
    ownerTokenId,
    trashed: {
      documentId: binned.id,
      claimId: other.claimId,
      sourceId: binnedSource.sourceId,
      evidenceId: binnedEvidence.evidenceId,
    },
    own,
  };
}

/**
 * Builds the world once (on a fresh store) and answers a function that puts a fresh copy of it in
 * place: a new store, installed as the server's store (what route handlers and server actions
 * get from `appStore()`), once the copy it replaces is closed.
 */
export async function buildWorld(): Promise<{ world: World; restore: () => Promise<SqliteStore> }> {
  const store = await freshSqliteStore();
  const world = await build(store);
  const copy = snapshotStore(store);
  await store.close();
  let current: SqliteStore | undefined;
  const restore = async () => {
    await current?.close();
    current = copy();
    installAppStore(current);
    return current;
  };
  return { world, restore };
}
