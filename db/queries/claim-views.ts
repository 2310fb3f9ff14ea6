/** Presenters of claims: the list beside a document, and one claim in full. */
import { and, asc, countDistinct, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ClaimCurrent } from '@/lib/api/schemas';
import type { Role } from '@/lib/permissions';
import { formatQuantity } from '@/lib/quantity';
import { visibleAssessments } from '@/lib/review/visibility';
import {
  admiraltyCode,
  assessmentLabel,
  CLAIM_KINDS,
  type ClaimKind,
  type Confidence,
  type Credibility,
  type Likelihood,
  type Reliability,
  type Stance,
} from '@/lib/scales';
import { containsText, jsonArrayNotEmpty } from '../dialect';
import { first, type Db, type Store } from '../store';
import {
  anchors,
  assessments,
  claims,
  claimTags,
  claimTypes,
  documents,
  evidence,
  sources,
  topics,
  users,
  workspaces,
  type AnchorStatus,
  type Claim,
  type ClaimStatus,
  type StoredReason,
} from '../schema';
import { authorize, roleIn, type Actor } from './access';
import { assessmentVisibility, presentReasons, type ReasonView } from './review-queue';
import { claimReviewView, type ClaimReviewView } from './review-views';
import { loadClaim } from './claims';
import { withPages } from './revision-pages';
import { loadDocument } from './documents';

export interface AnchorView {
  id: string;
  documentId: string;
  start: number | null;
  end: number | null;
  status: AnchorStatus;
  score: number;
  exact: string;
  /** The pages of the source the passage stands on (a PDF import; empty otherwise). */
  pages: number[];
}

/** A passage of a claim in the document being read (compact: thousands travel to the reader). */
export interface PassageView {
  id: string;
  start: number | null;
  end: number | null;
  status: AnchorStatus;
  score: number;
  /** The stored quote, sent only for orphaned passages (the reader lists them). */
  exact?: string;
}

/** A claim as listed beside a document. Type names and colours come from the claim types. */
export interface ClaimSummary {
  id: string;
  statement: string;
  typeId: string;
  kind: ClaimKind;
  tags: string[];
  status: ClaimStatus;
  topic: string | null;
  quantity: string | null;
  authorName: string | null;
  evidenceCount: number;
  anchors: PassageView[];
  /** Why it is contested, as this member may read it (blind assessments: review-queue.ts). */
  reasons: ReasonView[];
  /**
   * Its place among this document's claims of its topic, by when they were made (0 the first),
   * or null without a topic: the reader tells competing claims apart by it.
   */
  topicRank: number | null;
}

/** Every live claim with a passage in this document, with its anchors here, in reading order. */
/** A row of listDocumentClaims' main select, as stored (the select's fields in order). */
type DocumentClaimRow = [
  anchorId: string,
  start: number | null,
  end: number | null,
  anchorStatus: AnchorStatus,
  score: number,
  orphanQuote: string | null,
  claimId: string,
  statement: string,
  typeId: string,
  kind: ClaimKind,
  status: ClaimStatus,
  quantityMin: number | null,
  quantityMax: number | null,
  quantityUnit: string | null,
  topic: string | null,
  authorName: string | null,
  topicRank: number | null,
];

export async function listDocumentClaims(
  store: Store,
  {
    actor,
    documentId,
  }: {
    actor: Actor;
    documentId: string;
  },
): Promise<ClaimSummary[]> {
  const db = store.db;
  const doc = await loadDocument(db, actor, documentId, 'workspace.read');
  // Thousands of rows on the way to the reader's highlights: only the columns the summary shows,
  // the quote only for orphans, and rows as plain arrays (store.rows: no per-row objects to map).
  const [rows, tagRows, evidenceCountRows, contestedRows] = (await Promise.all([
    store.rows(
      db
        .select({
          anchorId: anchors.id,
          start: anchors.start,
          end: anchors.end,
          anchorStatus: anchors.status,
          score: anchors.score,
          orphanQuote: sql<string | null>`case when ${anchors.status} = 'orphaned' then ${anchors.exact} end`,
          claimId: claims.id,
          statement: claims.statement,
          typeId: claims.typeId,
          kind: claims.kind,
          status: claims.status,
          quantityMin: claims.quantityMin,
          quantityMax: claims.quantityMax,
          quantityUnit: claims.quantityUnit,
          topic: topics.question,
          authorName: users.name,
          // The claim's place in its topic among the claims listed here (one rank per claim,
          // whatever its number of passages), by when they were made: the same on both engines.
          topicRank: sql<
            number | null
          >`case when ${claims.topicId} is null then null else cast(dense_rank() over (partition by ${claims.topicId} order by ${claims.createdAt}, ${claims.id}) - 1 as integer) end`,
        })
        .from(anchors)
        .innerJoin(claims, eq(claims.id, anchors.claimId))
        .leftJoin(topics, eq(topics.id, claims.topicId))
        .leftJoin(users, eq(users.id, claims.createdBy))
        .where(
          and(
            eq(anchors.documentId, documentId),
            isNull(claims.deletedAt),
            eq(claims.workspaceId, doc.workspaceId),
          ),
        )
        .orderBy(asc(anchors.start)),
    ),
    store.rows(
      db
        .select({ claimId: claimTags.claimId, tag: claimTags.tag })
        .from(claimTags)
        .innerJoin(anchors, eq(anchors.claimId, claimTags.claimId))
        .where(eq(anchors.documentId, documentId))
        .orderBy(asc(claimTags.tag)),
    ),
    store.rows(
      db
        .select({ claimId: evidence.claimId, n: countDistinct(evidence.id) })
        .from(evidence)
        .innerJoin(anchors, eq(anchors.claimId, evidence.claimId))
        .innerJoin(sources, eq(sources.id, evidence.sourceId))
        .where(and(eq(anchors.documentId, documentId), isNull(evidence.deletedAt), isNull(sources.deletedAt)))
        .groupBy(evidence.claimId),
    ),
    // Why claims are contested: only the contested ones are read (few, against thousands of rows).
    db
      .select({ id: claims.id, contested: claims.contested })
      .from(claims)
      .where(
        and(
          eq(claims.workspaceId, doc.workspaceId),
          isNull(claims.deletedAt),
          jsonArrayNotEmpty(claims.contested),
          inArray(
            claims.id,
            db.select({ claimId: anchors.claimId }).from(anchors).where(eq(anchors.documentId, documentId)),
          ),
        ),
      ),
  ])) as [
    DocumentClaimRow[],
    [claimId: string, tag: string][],
    [claimId: string, n: number][],
    { id: string; contested: StoredReason[] }[],
  ];
  // "Analysts disagree" names who said what: under blind assessments, only for a member who may see.
  const disagreeing = contestedRows
    .filter((r) => r.contested.some((reason) => reason.kind === 'analysts_disagree'))
    .map((r) => r.id);
  const canSee = disagreeing.length
    ? await assessmentVisibility(
        db,
        actor,
        await authorize(db, actor, doc.workspaceId, 'workspace.read'),
        doc.workspaceId,
        disagreeing,
      )
    : () => true;
  const reasons = new Map(contestedRows.map((r) => [r.id, presentReasons(r.contested, canSee(r.id))]));
  const tags = new Map<string, string[]>();
  for (const [claimId, tag] of tagRows) {
    const list = tags.get(claimId) ?? [];
    if (!list.includes(tag)) list.push(tag);
    tags.set(claimId, list);
  }
  const evidenceCounts = new Map(evidenceCountRows.map(([claimId, n]) => [claimId, Number(n)]));
  const byClaim = new Map<string, ClaimSummary>();
  for (const [anchorId, start, end, anchorStatus, score, orphanQuote, claimId, ...c] of rows) {
    let summary = byClaim.get(claimId);
    if (!summary) {
      const [statement, typeId, kind, status, min, max, unit, topic, authorName, topicRank] = c;
      summary = {
        id: claimId,
        statement,
        typeId,
        kind,
        tags: tags.get(claimId) ?? [],
        status,
        topic,
        quantity: min !== null && max !== null ? formatQuantity({ min, max, unit: unit ?? '' }) : null,
        authorName,
        evidenceCount: evidenceCounts.get(claimId) ?? 0,
        anchors: [],
        reasons: reasons.get(claimId) ?? [],
        topicRank: topic === null || topicRank === null ? null : Number(topicRank),
      };
      byClaim.set(claimId, summary);
    }
    const passage: PassageView = { id: anchorId, start, end, status: anchorStatus, score };
    summary.anchors.push(orphanQuote === null ? passage : { ...passage, exact: orphanQuote });
  }
  return [...byClaim.values()];
}

export interface EvidenceView {
  id: string;
  sourceId: string;
  sourceName: string;
  reliability: Reliability;
  stance: Stance;
  credibility: Credibility;
  rating: string;
  quote: string | null;
  locator: string | null;
  note: string | null;
  accessedOn: string | null;
  version: number;
}

export interface AssessmentView {
  id: string;
  userId: string;
  userName: string;
  likelihood: Likelihood;
  confidence: Confidence;
  label: string;
  rationale: string;
  updatedAt: Date;
  version: number;
  mine: boolean;
}

export interface ClaimDetail extends Omit<
  ClaimSummary,
  'anchors' | 'evidenceCount' | 'reasons' | 'topicRank'
> {
  workspaceId: string;
  typeName: string;
  color: string;
  kindLabel: string;
  topicId: string | null;
  createdAt: Date;
  version: number;
  quantityAmount: string | null;
  quantityUnit: string | null;
  anchors: (AnchorView & { documentTitle: string })[];
  evidence: EvidenceView[];
  /** The assessments this member may see (blind assessments hide the others' until they submit). */
  assessments: AssessmentView[];
  hiddenAssessments: number;
  blind: boolean;
  review: ClaimReviewView;
}

/**
 * A claim as the REST API presents it: the detail without what only the claim's page lists for
 * review (its decision, disputes, adjudicators and the topic's other claims) — a topic may hold
 * hundreds of claims, read on every answer of an edit.
 */
export interface ClaimRecord extends Omit<ClaimDetail, 'review'> {
  review: { reasons: ReasonView[] };
}

export function getClaimDetail(store: Store, args: { actor: Actor; claimId: string }): Promise<ClaimDetail> {
  return readClaim(store, args, true);
}

/** The claim as the REST API shows it (`ClaimRecord`): the detail's reads but the review page's lists. */
export function getClaimRecord(store: Store, args: { actor: Actor; claimId: string }): Promise<ClaimRecord> {
  return readClaim(store, args, false);
}

async function readClaim(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
  withReview: true,
): Promise<ClaimDetail>;
async function readClaim(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
  withReview: boolean,
): Promise<ClaimRecord>;
async function readClaim(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
  withReview: boolean,
): Promise<ClaimRecord | ClaimDetail> {
  const db = store.db;
  const c = await loadClaim(db, actor, claimId, 'workspace.read');
  // Independent reads, side by side (on PostgreSQL each is a round trip).
  const [role, workspace, type, topic, author, tags, anchorRows, evidenceRows, assessmentRows] =
    await Promise.all([
      roleIn(db, actor, c.workspaceId).then((r) => r!),
      first(
        db
          .select({ b: workspaces.blindAssessments })
          .from(workspaces)
          .where(eq(workspaces.id, c.workspaceId))
          .limit(1),
      ),
      first(db.select().from(claimTypes).where(eq(claimTypes.id, c.typeId)).limit(1)),
      c.topicId ? first(db.select().from(topics).where(eq(topics.id, c.topicId)).limit(1)) : undefined,
      c.createdBy
        ? first(db.select({ name: users.name }).from(users).where(eq(users.id, c.createdBy)).limit(1))
        : undefined,
      db
        .select({ tag: claimTags.tag })
        .from(claimTags)
        .where(eq(claimTags.claimId, c.id))
        .orderBy(asc(claimTags.tag)),
      db
        .select({
          id: anchors.id,
          documentId: anchors.documentId,
          start: anchors.start,
          end: anchors.end,
          status: anchors.status,
          score: anchors.score,
          exact: anchors.exact,
          revisionId: anchors.revisionId,
          documentTitle: documents.title,
        })
        .from(anchors)
        .innerJoin(documents, eq(documents.id, anchors.documentId))
        .where(and(eq(anchors.claimId, c.id), isNull(documents.deletedAt))),
      db
        .select({ e: evidence, sourceName: sources.name, reliability: sources.reliability })
        .from(evidence)
        .innerJoin(sources, eq(sources.id, evidence.sourceId))
        // Evidence of a source in the trash goes with it (it comes back when the source is restored).
        .where(and(eq(evidence.claimId, c.id), isNull(evidence.deletedAt), isNull(sources.deletedAt)))
        .orderBy(asc(evidence.createdAt)),
      assessmentRowsOf(db, c.id),
    ]);
  const blind = workspace?.b ?? false;
  const quantity =
    c.quantityMin !== null && c.quantityMax !== null
      ? { min: c.quantityMin, max: c.quantityMax, unit: c.quantityUnit ?? '' }
      : null;
  return {
    id: c.id,
    workspaceId: c.workspaceId,
    statement: c.statement,
    typeId: c.typeId,
    typeName: type!.name,
    color: type!.color,
    kind: c.kind,
    kindLabel: CLAIM_KINDS[c.kind],
    tags: tags.map((t) => t.tag),
    status: c.status,
    topicId: c.topicId,
    topic: topic?.question ?? null,
    quantity: quantity ? formatQuantity(quantity) : null,
    quantityAmount: quantityAmount(c),
    quantityUnit: c.quantityUnit,
    authorName: author?.name ?? null,
    createdAt: c.createdAt,
    version: c.version,
    anchors: await withPages(db, anchorRows),
    evidence: evidenceRows.map(({ e, sourceName, reliability }) => ({
      id: e.id,
      sourceId: e.sourceId,
      sourceName,
      reliability,
      stance: e.stance,
      credibility: e.credibility,
      rating: admiraltyCode(reliability, e.credibility),
      quote: e.quote,
      locator: e.locator,
      note: e.note,
      accessedOn: e.accessedOn,
      version: e.version,
    })),
    ...(await assessmentsFor(db, actor, role, blind, c, assessmentRows, withReview)),
  };
}

/** A claim's quantity as the API's `quantity.amount` reads it ("12", or a range "10–20"), or null. */
function quantityAmount(c: Pick<Claim, 'quantityMin' | 'quantityMax'>): string | null {
  if (c.quantityMin === null || c.quantityMax === null) return null;
  return c.quantityMin === c.quantityMax ? String(c.quantityMin) : `${c.quantityMin}–${c.quantityMax}`;
}

/** What an edit merges a body over: the claim's editable values and its version. */
export interface ClaimCurrentValues extends ClaimCurrent {
  id: string;
  workspaceId: string;
  version: number;
}

/**
 * The claim's editable values and version, for an edit that sends some fields (the REST API's
 * PATCH): two reads, where the detail (getClaimDetail) takes a dozen. Authorized as a read.
 */
export async function getClaimCurrent(
  store: Store,
  { actor, claimId }: { actor: Actor; claimId: string },
): Promise<ClaimCurrentValues> {
  const c = await loadClaim(store.db, actor, claimId, 'workspace.read');
  const tags = await store.db
    .select({ tag: claimTags.tag })
    .from(claimTags)
    .where(eq(claimTags.claimId, c.id))
    .orderBy(asc(claimTags.tag));
  return {
    id: c.id,
    workspaceId: c.workspaceId,
    version: c.version,
    statement: c.statement,
    typeId: c.typeId,
    kind: c.kind,
    tags: tags.map((t) => t.tag),
    quantityAmount: quantityAmount(c),
    quantityUnit: c.quantityUnit,
    topicId: c.topicId,
  };
}

function assessmentRowsOf(db: Db, claimId: string) {
  return db
    .select({ a: assessments, userName: users.name })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.userId))
    .where(eq(assessments.claimId, claimId))
    .orderBy(desc(assessments.updatedAt));
}

async function assessmentsFor(
  db: Db,
  actor: Actor,
  role: Role,
  blind: boolean,
  c: Claim,
  rows: Awaited<ReturnType<typeof assessmentRowsOf>>,
  withReview: boolean,
) {
  const all = rows.map(({ a, userName }) => ({
    id: a.id,
    userId: a.userId,
    userName,
    likelihood: a.likelihood,
    confidence: a.confidence,
    label: assessmentLabel(a.likelihood, a.confidence),
    rationale: a.rationale,
    updatedAt: a.updatedAt,
    version: a.version,
    mine: a.userId === actor.userId,
  }));
  const { visible, hiddenCount } = visibleAssessments(all, { userId: actor.userId, role, blind });
  return {
    assessments: visible,
    hiddenAssessments: hiddenCount,
    blind,
    review: withReview
      ? await claimReviewView(db, role, c, hiddenCount === 0, actor.userId)
      : { reasons: presentReasons(c.contested, hiddenCount === 0) },
  };
}

/** Topics of a workspace, for the claim form. */
export async function listTopics(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  return db
    .select({ id: topics.id, question: topics.question })
    .from(topics)
    .where(eq(topics.workspaceId, workspaceId))
    .orderBy(asc(topics.question));
}

/** Claims of the workspace whose statement matches, for "add to an existing claim". */
export async function searchClaims(
  store: Store,
  {
    actor,
    workspaceId,
    q,
    limit = 20,
  }: {
    actor: Actor;
    workspaceId: string;
    q?: string;
    limit?: number;
  },
) {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  return db
    .select({
      id: claims.id,
      statement: claims.statement,
      typeName: claimTypes.name,
      color: claimTypes.color,
    })
    .from(claims)
    .innerJoin(claimTypes, eq(claimTypes.id, claims.typeId))
    .where(
      and(
        eq(claims.workspaceId, workspaceId),
        isNull(claims.deletedAt),
        q ? containsText(claims.statement, q) : undefined,
      ),
    )
    .orderBy(desc(claims.updatedAt))
    .limit(Math.min(limit, 50));
}
