/**
 * Reading the audit log: a workspace's recent events, for its owners. The log keeps what each
 * write did, assessments included; under blind assessments the Activity page applies the rule of
 * every other view (lib/review/visibility): another analyst's assessment of a claim is shown only
 * once the reader has recorded their own, so its event's details (the likelihood and confidence)
 * are withheld until then.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { activityHref, activityLine, type ActivityObject } from '@/lib/review/activity';
import { canSeeOthersAssessments, carriesJudgment, withoutJudgment } from '@/lib/review/visibility';
import type { Db, Store } from '../store';
import {
  assessments,
  auditEvents,
  claims,
  claimTypes,
  documents,
  evidence,
  sources,
  topics,
  users,
  workspaces,
} from '../schema';
import { first } from '../store';
import { authorize, type Actor } from './access';

const ASSESSMENT_ACTIONS = new Set(['assessment.create', 'assessment.update']);

export async function listWorkspaceAuditEvents(
  store: Store,
  {
    actor,
    workspaceId,
    limit = 100,
  }: {
    actor: Actor;
    workspaceId: string;
    limit?: number;
  },
) {
  const db = store.db;
  const role = await authorize(db, actor, workspaceId, 'members.manage');
  const events = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      objectType: auditEvents.objectType,
      objectId: auditEvents.objectId,
      details: auditEvents.details,
      actorUserId: auditEvents.actorUserId,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(desc(auditEvents.id))
    .limit(Math.min(Math.max(limit, 1), 500));
  // Other analysts' assessments, on claims whose assessments this member may not see yet.
  const theirs = events.filter(
    (e) => carriesJudgment(e.action, e.details) && e.actorUserId !== actor.userId && e.objectId,
  );
  const blind = theirs.length
    ? ((
        await first(
          db
            .select({ b: workspaces.blindAssessments })
            .from(workspaces)
            .where(eq(workspaces.id, workspaceId))
            .limit(1),
        )
      )?.b ?? false)
    : false;
  const assessed = new Set<string>();
  if (blind) {
    const claimIds = [...new Set(theirs.map((e) => e.objectId!))];
    for (const row of await db
      .select({ claimId: assessments.claimId })
      .from(assessments)
      .where(and(eq(assessments.userId, actor.userId), inArray(assessments.claimId, claimIds)))) {
      assessed.add(row.claimId);
    }
  }
  const named = await namesOf(db, workspaceId, events);
  return events.map(({ actorUserId, ...e }) => {
    const withheld =
      carriesJudgment(e.action, e.details) &&
      actorUserId !== actor.userId &&
      !canSeeOthersAssessments({ blind, role, hasOwnAssessment: assessed.has(e.objectId ?? '') });
    // An assessment is withheld whole; a decision keeps all but the team's judgment.
    const hidden = withheld && ASSESSMENT_ACTIONS.has(e.action);
    const details = hidden ? null : withheld ? withoutJudgment(e.details) : e.details;
    const object = named.objectOf(e);
    // The sentence: withheld details give no words but the action's own.
    const line = activityLine(e.action, details, named.lookups);
    return {
      ...e,
      details,
      hidden,
      summary: hidden ? 'recorded an assessment' : line.summary,
      note: hidden ? null : line.note,
      object,
      href: activityHref(workspaceId, object),
    };
  });
}

const idIn = (v: unknown) => (typeof v === 'string' && v ? v : null);

/**
 * The names an Activity page shows: each event's object (a claim's statement, a document's title,
 * a source's name, a topic's question; evidence stands for its claim), and the names the sentences
 * use (claim types, sources, documents). Only what the events name is read, in this workspace.
 */
async function namesOf(
  db: Db,
  workspaceId: string,
  events: { objectType: string | null; objectId: string | null; details: unknown }[],
) {
  const ids = {
    claim: new Set<string>(),
    evidence: new Set<string>(),
    document: new Set<string>(),
    source: new Set<string>(),
    topic: new Set<string>(),
  };
  for (const e of events) {
    const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
    if (e.objectId && e.objectType && e.objectType in ids)
      ids[e.objectType as keyof typeof ids].add(e.objectId);
    const claimId = idIn(d.claimId);
    if (claimId) ids.claim.add(claimId);
    const documentId = idIn(d.documentId);
    if (documentId) ids.document.add(documentId);
    const sourceId = idIn(d.sourceId);
    if (sourceId) ids.source.add(sourceId);
  }
  const evidenceClaims = new Map<string, string>();
  if (ids.evidence.size) {
    for (const row of await db
      .select({ id: evidence.id, claimId: evidence.claimId })
      .from(evidence)
      .where(inArray(evidence.id, [...ids.evidence]))) {
      evidenceClaims.set(row.id, row.claimId);
      ids.claim.add(row.claimId);
    }
  }
  const list = (set: Set<string>) => [...set];
  const [claimRows, documentRows, sourceRows, topicRows, typeRows] = await Promise.all([
    ids.claim.size
      ? db
          .select({ id: claims.id, label: claims.statement })
          .from(claims)
          .where(and(eq(claims.workspaceId, workspaceId), inArray(claims.id, list(ids.claim))))
      : [],
    ids.document.size
      ? db
          .select({ id: documents.id, label: documents.title })
          .from(documents)
          .where(and(eq(documents.workspaceId, workspaceId), inArray(documents.id, list(ids.document))))
      : [],
    ids.source.size
      ? db
          .select({ id: sources.id, label: sources.name })
          .from(sources)
          .where(and(eq(sources.workspaceId, workspaceId), inArray(sources.id, list(ids.source))))
      : [],
    ids.topic.size
      ? db
          .select({ id: topics.id, label: topics.question })
          .from(topics)
          .where(and(eq(topics.workspaceId, workspaceId), inArray(topics.id, list(ids.topic))))
      : [],
    db
      .select({ id: claimTypes.id, name: claimTypes.name })
      .from(claimTypes)
      .where(eq(claimTypes.workspaceId, workspaceId)),
  ]);
  const labels = {
    claim: new Map(claimRows.map((r) => [r.id, r.label])),
    document: new Map(documentRows.map((r) => [r.id, r.label])),
    source: new Map(sourceRows.map((r) => [r.id, r.label])),
    topic: new Map(topicRows.map((r) => [r.id, r.label])),
  };
  const objectOf = (e: {
    objectType: string | null;
    objectId: string | null;
    details: unknown;
  }): ActivityObject | null => {
    if (!e.objectId || !e.objectType) return null;
    if (e.objectType === 'evidence') {
      const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
      const claimId = evidenceClaims.get(e.objectId) ?? idIn(d.claimId);
      return claimId ? { type: 'claim', id: claimId, label: labels.claim.get(claimId) ?? null } : null;
    }
    if (!(e.objectType in labels)) return null;
    return {
      type: e.objectType,
      id: e.objectId,
      label: labels[e.objectType as keyof typeof labels].get(e.objectId) ?? null,
    };
  };
  return {
    objectOf,
    lookups: {
      typeNames: new Map(typeRows.map((r) => [r.id, r.name])),
      sourceNames: labels.source,
      documentTitles: labels.document,
    },
  };
}
