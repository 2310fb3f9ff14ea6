/**
 * Reading the audit log: a workspace's recent events, for its owners. The log keeps what each
 * write did, assessments included; under blind assessments the Activity page applies the rule of
 * every other view (lib/review/visibility): another analyst's assessment of a claim is shown only
 * once the reader has recorded their own, so its event's details (the likelihood and confidence)
 * are withheld until then.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { canSeeOthersAssessments } from '@/lib/review/visibility';
import type { Store } from '../store';
import { assessments, auditEvents, users, workspaces } from '../schema';
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
    (e) => ASSESSMENT_ACTIONS.has(e.action) && e.actorUserId !== actor.userId && e.objectId,
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
  return events.map(({ actorUserId, ...e }) => {
    const hidden =
      ASSESSMENT_ACTIONS.has(e.action) &&
      actorUserId !== actor.userId &&
      !canSeeOthersAssessments({ blind, role, hasOwnAssessment: assessed.has(e.objectId ?? '') });
    return hidden ? { ...e, details: null, hidden: true as const } : { ...e, hidden: false as const };
  });
}
