/**
 * Claims: create from a passage, add appearances, edit with a version check (one conditional
 * UPDATE: of two edits from the same version, exactly one is saved), trash, restore.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import {
  describePassage,
  PASSAGE_MAX_CHARS,
  passageTooLongMessage,
  trimPassage,
} from '@/lib/anchoring/selectors';
import { AppError, conflict, notFound } from '@/lib/errors';
import type { ClaimFields, PassageInput } from '@/lib/claims';
import { formatQuantity } from '@/lib/quantity';
import type { Action } from '@/lib/permissions';
import { isAdjudicated } from '@/lib/vocabulary';
import { first, type Db, type Store, type Tx } from '../store';
import { topicKey } from '@/lib/topics';
import {
  anchors,
  claims,
  claimTags,
  claimTypes,
  decisions,
  documents,
  topics,
  users,
  type Claim,
} from '../schema';
import { audit } from '../audit';
import { authorize, authorizeAs, type Actor } from './access';
import { authorizeRestore } from './trash-undo';
import { loadDocument } from './documents';
import { revisionText } from './revision-text';
import { claimWrite } from './live';
import { excerpt, notify } from './notifications';
import { countClaimIn, documentsOfClaim } from './document-counts';
import { orderedConcat } from '../dialect';

/** Loads a claim and authorizes the actor in its workspace (another workspace's claim: not found). */
export async function loadClaim(
  tx: Db,
  actor: Actor,
  claimId: string,
  action: Action,
  { trashed = false } = {},
): Promise<Claim> {
  const claim = await first(tx.select().from(claims).where(eq(claims.id, claimId)).limit(1));
  if (!claim) throw notFound('claim');
  await authorizeAs(tx, actor, claim.workspaceId, action, 'claim');
  if (Boolean(claim.deletedAt) !== trashed) throw notFound('claim');
  return claim;
}

async function assertType(tx: Tx, workspaceId: string, typeId: string) {
  const type = await first(
    tx
      .select({ id: claimTypes.id })
      .from(claimTypes)
      .where(and(eq(claimTypes.id, typeId), eq(claimTypes.workspaceId, workspaceId)))
      .limit(1),
  );
  if (!type)
    throw new AppError('invalid', 'claim', 'Choose one of the workspace’s claim types.', { field: 'typeId' });
}

async function resolveTopic(
  tx: Tx,
  actor: Actor,
  workspaceId: string,
  topic: ClaimFields['topic'],
): Promise<{ id: string; question: string } | null> {
  if (!topic) return null;
  if (topic.id) {
    const row = await first(
      tx
        .select({ id: topics.id, question: topics.question })
        .from(topics)
        .where(and(eq(topics.id, topic.id), eq(topics.workspaceId, workspaceId)))
        .limit(1),
    );
    if (!row)
      throw new AppError('invalid', 'claim', 'That topic does not exist in this workspace.', {
        field: 'topicId',
      });
    return row;
  }
  // One question, one topic, however it is spelled: case, accents, punctuation and spacing do not
  // make another (lib/topics.ts). A workspace has a few hundred topics at most: read and compared.
  const key = topicKey(topic.question ?? '');
  const existing = (
    await tx
      .select({ id: topics.id, question: topics.question })
      .from(topics)
      .where(eq(topics.workspaceId, workspaceId))
      .orderBy(asc(topics.createdAt))
  ).find((t) => topicKey(t.question) === key);
  if (existing) return existing;
  const id = randomUUID();
  const question = topic.question ?? '';
  await tx.insert(topics).values({ id, workspaceId, question, createdBy: actor.userId });
  return { id, question };
}

async function setTags(tx: Tx, claimId: string, tags: string[]) {
  await tx.delete(claimTags).where(eq(claimTags.claimId, claimId));
  for (const tag of tags) await tx.insert(claimTags).values({ claimId, tag });
  await tx
    .update(claims)
    .set({ tagsKey: tagsKeyOf(sql`${claimId}`) })
    .where(eq(claims.id, claimId));
}

/**
 * The tags of the claim `claimId` (SQL) as the evidence table shows and sorts them: by tag, joined
 * with ", " (null without any); kept in `claims.tags_key`. Written with the tables' names: in an
 * UPDATE of one table Drizzle would write a column alone.
 */
export const tagsKeyOf = (claimId: SQL) =>
  sql<
    string | null
  >`(select ${orderedConcat(sql`${sql.identifier('claim_tags')}.${sql.identifier('tag')}`, ', ', sql`${sql.identifier('claim_tags')}.${sql.identifier('tag')}`)} from ${sql.identifier('claim_tags')} where ${sql.identifier('claim_tags')}.${sql.identifier('claim_id')} = ${claimId})`;

/** Sets every claim's kept tags again (as the migration that added them did): for data loaded around the data layer. */
export async function recountAllTagsKeys(tx: Tx): Promise<void> {
  await tx
    .update(claims)
    .set({ tagsKey: tagsKeyOf(sql`${sql.identifier('claims')}.${sql.identifier('id')}`) });
}

/**
 * Selectors for a passage of a document's CURRENT revision, computed on the server from its
 * canonical text. A selection made on an older revision is refused: the text moved under it.
 */
async function passageSelectors(tx: Tx, actor: Actor, passage: PassageInput) {
  const doc = await loadDocument(tx, actor, passage.documentId, 'claim.write');
  if (doc.currentRevisionId !== passage.revisionId) {
    throw conflict(
      'document',
      'The document has a newer revision since you opened it. Reload it and select the passage again.',
    );
  }
  const text = await revisionText(tx, passage.revisionId);
  const trimmed = text !== null ? trimPassage(text, passage.start, Math.min(passage.end, text.length)) : null;
  if (text === null || !trimmed || passage.end > text.length) {
    throw new AppError('invalid', 'anchor', 'Select some text of the document first.', { field: 'passage' });
  }
  if (trimmed.end - trimmed.start > PASSAGE_MAX_CHARS) {
    throw new AppError('invalid', 'anchor', passageTooLongMessage(trimmed.end - trimmed.start), {
      field: 'passage',
    });
  }
  return { doc, selectors: describePassage(text, trimmed.start, trimmed.end) };
}

/** The anchor columns for a passage freshly selected on the current revision. */
function placedAt(passage: PassageInput, selectors: ReturnType<typeof describePassage>) {
  return {
    revisionId: passage.revisionId,
    exact: selectors.quote.exact,
    prefix: selectors.quote.prefix,
    suffix: selectors.quote.suffix,
    start: selectors.position.start,
    end: selectors.position.end,
    status: 'exact' as const,
    score: 1,
    heldRevisionId: null,
    heldStart: null,
    heldEnd: null,
  };
}

async function insertAnchor(
  tx: Tx,
  actor: Actor,
  claimId: string,
  passage: PassageInput,
  selectors: ReturnType<typeof describePassage>,
) {
  const id = randomUUID();
  await tx.insert(anchors).values({
    id,
    claimId,
    documentId: passage.documentId,
    ...placedAt(passage, selectors),
    createdBy: actor.userId,
  });
  return id;
}

export async function createClaim(
  store: Store,
  {
    actor,
    passage,
    fields,
  }: {
    actor: Actor;
    passage: PassageInput;
    fields: ClaimFields;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const { doc, selectors } = await passageSelectors(tx, actor, passage);
    await assertType(tx, doc.workspaceId, fields.typeId);
    const claimId = randomUUID();
    const topic = await resolveTopic(tx, actor, doc.workspaceId, fields.topic);
    const createdAt = new Date();
    await tx.insert(claims).values({
      id: claimId,
      workspaceId: doc.workspaceId,
      typeId: fields.typeId,
      statement: fields.statement,
      kind: fields.kind,
      topicId: topic?.id ?? null,
      quantityMin: fields.quantity?.min ?? null,
      quantityMax: fields.quantity?.max ?? null,
      quantityUnit: fields.quantity?.unit || null,
      createdBy: actor.userId,
      createdAt,
    });
    await setTags(tx, claimId, fields.tags);
    const anchorId = await insertAnchor(tx, actor, claimId, passage, selectors);
    await countClaimIn(tx, claimId, [doc.id], 1);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: doc.workspaceId,
      action: 'claim.create',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { statement: fields.statement, documentId: doc.id, quote: selectors.quote.exact },
    });
    // Everything its search entry holds is at hand: written without reading it back.
    touch(doc.workspaceId, [claimId], {
      newClaims: {
        [claimId]: {
          workspaceId: doc.workspaceId,
          statement: fields.statement,
          topic: topic?.question ?? null,
          tags: fields.tags,
          quotes: [selectors.quote.exact],
          createdBy: actor.userId,
          createdAt,
        },
      },
    });
    return { claimId, anchorId };
  });
}

/** The same claim in another passage (of this or another document of the workspace). */
export async function addAppearance(
  store: Store,
  {
    actor,
    claimId,
    passage,
  }: {
    actor: Actor;
    claimId: string;
    passage: PassageInput;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'claim.write');
    const { doc, selectors } = await passageSelectors(tx, actor, passage);
    if (doc.workspaceId !== claim.workspaceId) throw notFound('claim');
    const counted = (await documentsOfClaim(tx, claimId)).includes(doc.id);
    const anchorId = await insertAnchor(tx, actor, claimId, passage, selectors);
    // Its first passage in this document: the document has one more claim.
    if (!counted) await countClaimIn(tx, claimId, [doc.id], 1);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.add_appearance',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { documentId: doc.id, quote: selectors.quote.exact },
    });
    touch(claim.workspaceId, [claimId]);
    return { anchorId };
  });
}

/** Re-attaches an (orphaned or misplaced) anchor to a passage of the current revision. */
export async function reattachAnchor(
  store: Store,
  {
    actor,
    anchorId,
    passage,
  }: {
    actor: Actor;
    anchorId: string;
    passage: PassageInput;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const anchor = await first(tx.select().from(anchors).where(eq(anchors.id, anchorId)).limit(1));
    if (!anchor || anchor.documentId !== passage.documentId) throw notFound('anchor');
    const claim = await loadClaim(tx, actor, anchor.claimId, 'claim.write');
    const { selectors } = await passageSelectors(tx, actor, passage);
    await tx
      .update(anchors)
      .set({
        ...placedAt(passage, selectors),
        updatedAt: new Date(),
      })
      .where(eq(anchors.id, anchorId));
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'anchor.reattach',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: {
        anchorId,
        documentId: anchor.documentId,
        from: anchor.exact,
        to: selectors.quote.exact,
        previousStatus: anchor.status,
      },
    });
    touch(claim.workspaceId, [claim.id]);
  });
}

/** Removes one appearance; a claim keeps at least one (delete the claim instead). */
export async function removeAppearance(
  store: Store,
  { actor, anchorId }: { actor: Actor; anchorId: string },
) {
  await claimWrite(store, actor.userId, async (tx, touch) => {
    const anchor = await first(tx.select().from(anchors).where(eq(anchors.id, anchorId)).limit(1));
    if (!anchor) throw notFound('anchor');
    const claim = await loadClaim(tx, actor, anchor.claimId, 'claim.write');
    // Passages on documents in the trash do not count: the claim must stay visible somewhere.
    const others = await tx
      .select({ id: anchors.id })
      .from(anchors)
      .innerJoin(documents, eq(documents.id, anchors.documentId))
      .where(and(eq(anchors.claimId, claim.id), isNull(documents.deletedAt)));
    if (others.length <= 1)
      throw conflict('anchor', 'This is the claim’s only passage. Move the claim to the trash instead.');
    await tx.delete(anchors).where(eq(anchors.id, anchorId));
    // Its last passage in that document: the document has one claim less.
    if (!(await documentsOfClaim(tx, claim.id)).includes(anchor.documentId)) {
      await countClaimIn(tx, claim.id, [anchor.documentId], -1);
    }
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.remove_appearance',
      objectType: 'claim',
      objectId: claim.id,
      ip: actor.ip,
      details: { anchorId, documentId: anchor.documentId, quote: anchor.exact },
    });
    touch(claim.workspaceId, [claim.id]);
  });
}

const topicQuestion = async (tx: Db, topicId: string | null) =>
  topicId
    ? ((await first(tx.select({ q: topics.question }).from(topics).where(eq(topics.id, topicId)).limit(1)))
        ?.q ?? null)
    : null;

const quantityText = (q: {
  quantityMin: number | null;
  quantityMax: number | null;
  quantityUnit: string | null;
}) =>
  q.quantityMin !== null && q.quantityMax !== null
    ? formatQuantity({ min: q.quantityMin, max: q.quantityMax, unit: q.quantityUnit ?? '' })
    : null;

const tagsOf = async (tx: Db, claimId: string) =>
  (
    await tx
      .select({ tag: claimTags.tag })
      .from(claimTags)
      .where(eq(claimTags.claimId, claimId))
      .orderBy(asc(claimTags.tag))
  ).map((t) => t.tag);

/** The refusal of an edit made from a stale copy, with the claim's newer values. */
async function staleClaim(tx: Db, claim: Claim): Promise<AppError> {
  return new AppError(
    'conflict',
    'claim',
    `Someone changed this claim since you opened it. It now reads: “${claim.statement}”. Your edit was not saved; review their version and edit again.`,
    {
      current: {
        version: claim.version,
        statement: claim.statement,
        typeId: claim.typeId,
        kind: claim.kind,
        tags: await tagsOf(tx, claim.id),
      },
    },
  );
}

/**
 * Edits a claim's fields. From a stale copy (another version), refused with the newer values. The
 * write is one UPDATE conditional on `expectedVersion`, so that of two edits made from the same
 * version exactly one is saved, whatever the engine's isolation.
 */
export async function updateClaim(
  store: Store,
  {
    actor,
    claimId,
    expectedVersion,
    fields,
  }: {
    actor: Actor;
    claimId: string;
    expectedVersion: number;
    fields: ClaimFields;
  },
) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, 'claim.write');
    // The quick answer; the conditional UPDATE below is what makes it hold.
    if (claim.version !== expectedVersion) throw await staleClaim(tx, claim);
    await assertType(tx, claim.workspaceId, fields.typeId);
    const topicId = (await resolveTopic(tx, actor, claim.workspaceId, fields.topic))?.id ?? null;
    const quantity = {
      quantityMin: fields.quantity?.min ?? null,
      quantityMax: fields.quantity?.max ?? null,
      quantityUnit: fields.quantity?.unit || null,
    };
    const quantityMoved =
      topicId !== claim.topicId ||
      quantity.quantityMin !== claim.quantityMin ||
      quantity.quantityMax !== claim.quantityMax ||
      quantity.quantityUnit !== claim.quantityUnit;
    const before = {
      statement: claim.statement,
      typeId: claim.typeId,
      kind: claim.kind,
      tags: await tagsOf(tx, claimId),
      topic: await topicQuestion(tx, claim.topicId),
      quantity: quantityText(claim),
    };
    // A decided claim whose substance changes is no longer the claim that was decided: it goes
    // back to review, and the reasons its decision had set aside count again.
    const reopened = isAdjudicated(claim.status) && (fields.statement !== claim.statement || quantityMoved);
    const [updated] = await tx
      .update(claims)
      .set({
        statement: fields.statement,
        typeId: fields.typeId,
        kind: fields.kind,
        topicId,
        ...quantity,
        ...(quantityMoved ? { quantityChangedAt: new Date() } : {}),
        // In another topic it is nobody's alternative any more.
        ...(topicId !== claim.topicId ? { alternativeOf: null } : {}),
        ...(reopened ? { status: 'in_review' as const, adjudicatedAt: null } : {}),
        version: sql`${claims.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(claims.id, claimId), eq(claims.version, expectedVersion)))
      .returning({ version: claims.version });
    if (!updated) {
      // Another edit was saved since the read above: refuse with what it saved.
      const newer = await first(tx.select().from(claims).where(eq(claims.id, claimId)).limit(1));
      if (!newer || newer.deletedAt) throw notFound('claim');
      throw await staleClaim(tx, newer);
    }
    // A preferred claim that leaves its topic or loses its quantity frees its alternatives.
    const freed =
      topicId !== claim.topicId || (claim.quantityMin !== null && quantity.quantityMin === null)
        ? (
            await tx
              .update(claims)
              .set({ alternativeOf: null, quantityChangedAt: new Date() })
              .where(eq(claims.alternativeOf, claimId))
              .returning({ id: claims.id })
          ).map((c) => c.id)
        : [];
    await setTags(tx, claimId, fields.tags);
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: 'claim.update',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: {
        before: { ...before, status: claim.status },
        after: {
          statement: fields.statement,
          typeId: fields.typeId,
          kind: fields.kind,
          tags: fields.tags,
          topic: await topicQuestion(tx, topicId),
          quantity: quantityText(quantity),
          status: reopened ? 'in_review' : claim.status,
        },
      },
    });
    await notifyEdited(tx, actor, claim, { reopened, statement: fields.statement });
    touch(claim.workspaceId, [claimId, ...freed], { formerTopicIds: [claim.topicId] });
    return { version: updated.version };
  });
}

/**
 * A claim edited by someone else: its author is told; and when the edit sent a decided claim back
 * to review, the reviewer who decided it is told too.
 */
async function notifyEdited(
  tx: Tx,
  actor: Actor,
  claim: Claim,
  { reopened, statement }: { reopened: boolean; statement: string },
): Promise<void> {
  const who =
    (await first(tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId)).limit(1)))
      ?.name ?? 'A member';
  const quoted = `“${excerpt(statement)}”`;
  await notify(tx, actor, [claim.createdBy], {
    workspaceId: claim.workspaceId,
    kind: 'edited',
    claimId: claim.id,
    text: `${who} edited your claim ${quoted}${reopened ? ': it is back in review' : ''}.`,
  });
  if (!reopened) return;
  const decision = await first(
    tx
      .select({ decidedBy: decisions.decidedBy, outcome: decisions.outcome })
      .from(decisions)
      .where(eq(decisions.claimId, claim.id))
      .orderBy(desc(decisions.decidedAt))
      .limit(1),
  );
  if (!decision || decision.decidedBy === claim.createdBy) return;
  await notify(tx, actor, [decision.decidedBy], {
    workspaceId: claim.workspaceId,
    kind: 'edited',
    claimId: claim.id,
    text: `${who} edited ${quoted} after you ${decision.outcome === 'disputed' ? 'found it disputed' : decision.outcome === 'alternative' ? 'kept it as an alternative' : decision.outcome} it: it is back in review.`,
  });
}

function setClaimTrashed(store: Store, actor: Actor, claimId: string, trash: boolean) {
  return claimWrite(store, actor.userId, async (tx, touch) => {
    const claim = await loadClaim(tx, actor, claimId, trash ? 'claim.write' : 'workspace.read', {
      trashed: !trash,
    });
    // Back from the trash: owners, or its mover for a while after (the Undo).
    if (!trash) await authorizeRestore(tx, actor, claim.workspaceId, claim, 'claim.write', 'claim');
    await tx
      .update(claims)
      .set({
        deletedAt: trash ? new Date() : null,
        deletedBy: trash ? actor.userId : null,
        version: sql`${claims.version} + 1`,
        // A restored claim's value is a new fact for its topic (it competes again after a decision).
        ...(trash ? {} : { quantityChangedAt: new Date() }),
      })
      .where(eq(claims.id, claimId));
    // A claim in the trash counts in none of its documents.
    await countClaimIn(tx, claimId, await documentsOfClaim(tx, claimId), trash ? -1 : 1);
    // Alternatives of a claim that leaves are alternatives of nothing: they compete again.
    const freed = trash
      ? (
          await tx
            .update(claims)
            .set({ alternativeOf: null, quantityChangedAt: new Date() })
            .where(eq(claims.alternativeOf, claimId))
            .returning({ id: claims.id })
        ).map((c) => c.id)
      : [];
    await audit(tx, {
      actorUserId: actor.userId,
      workspaceId: claim.workspaceId,
      action: trash ? 'claim.trash' : 'claim.restore',
      objectType: 'claim',
      objectId: claimId,
      ip: actor.ip,
      details: { statement: claim.statement },
    });
    touch(claim.workspaceId, [claimId, ...freed]);
    return { workspaceId: claim.workspaceId };
  });
}

export async function trashClaim(store: Store, { actor, claimId }: { actor: Actor; claimId: string }) {
  return setClaimTrashed(store, actor, claimId, true);
}

export async function restoreClaim(store: Store, { actor, claimId }: { actor: Actor; claimId: string }) {
  return setClaimTrashed(store, actor, claimId, false);
}

export async function listTrashedClaims(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'trash.purge');
  return db
    .select({ id: claims.id, statement: claims.statement, deletedAt: claims.deletedAt })
    .from(claims)
    .where(and(eq(claims.workspaceId, workspaceId), isNotNull(claims.deletedAt)));
}

export const liveClaimIds = async (tx: Db, ids: string[]) =>
  ids.length
    ? await tx
        .select({ id: claims.id })
        .from(claims)
        .where(and(inArray(claims.id, ids), isNull(claims.deletedAt)))
    : [];
