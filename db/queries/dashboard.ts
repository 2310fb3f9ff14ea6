/**
 * A workspace's Overview for one member: what needs them and what moved. Contested topics (with
 * how many claims contest), the claims waiting for their review, their drafts, and the latest
 * decisions — each a few rows, read with bounded queries (a LIMIT each) whatever the workspace's
 * size.
 */
import { and, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { OUTCOME_LABELS } from '@/lib/review/inputs';
import type { Store } from '../store';
import { claims, decisions, users } from '../schema';
import { authorize, type Actor } from './access';
import { listWorkspaceTopics } from './topics';

export const DASHBOARD_ROWS = 6;

export interface Dashboard {
  contestedTopics: { id: string; question: string; contested: number; claims: number }[];
  assignedToMe: { id: string; statement: string; status: string; updatedAt: Date }[];
  myDrafts: { id: string; statement: string; updatedAt: Date }[];
  recentDecisions: {
    claimId: string;
    statement: string;
    outcome: string;
    decidedBy: string | null;
    decidedAt: Date;
  }[];
}

export async function getDashboard(
  store: Store,
  { actor, workspaceId }: { actor: Actor; workspaceId: string },
): Promise<Dashboard> {
  const db = store.db;
  await authorize(db, actor, workspaceId, 'workspace.read');
  const live = and(eq(claims.workspaceId, workspaceId), isNull(claims.deletedAt));
  const [topics, assigned, drafts, decided] = await Promise.all([
    listWorkspaceTopics(store, { actor, workspaceId }),
    db
      .select({
        id: claims.id,
        statement: claims.statement,
        status: claims.status,
        updatedAt: claims.updatedAt,
      })
      .from(claims)
      .where(and(live, eq(claims.reviewerId, actor.userId), inArray(claims.status, ['draft', 'in_review'])))
      .orderBy(desc(claims.updatedAt))
      .limit(DASHBOARD_ROWS),
    db
      .select({ id: claims.id, statement: claims.statement, updatedAt: claims.updatedAt })
      .from(claims)
      .where(and(live, eq(claims.createdBy, actor.userId), eq(claims.status, 'draft')))
      .orderBy(desc(claims.updatedAt))
      .limit(DASHBOARD_ROWS),
    db
      .select({
        claimId: claims.id,
        statement: claims.statement,
        outcome: decisions.outcome,
        decidedBy: users.name,
        decidedAt: decisions.decidedAt,
      })
      .from(decisions)
      .innerJoin(claims, eq(claims.id, decisions.claimId))
      .leftJoin(users, eq(users.id, decisions.decidedBy))
      // An alternative is the other side of a decision listed already.
      .where(and(live, ne(decisions.outcome, 'alternative')))
      .orderBy(desc(decisions.decidedAt))
      .limit(DASHBOARD_ROWS),
  ]);
  return {
    contestedTopics: topics
      .filter((t) => t.contested > 0)
      .sort((a, b) => b.contested - a.contested || a.question.localeCompare(b.question))
      .slice(0, DASHBOARD_ROWS)
      .map(({ id, question, contested, claims: count }) => ({ id, question, contested, claims: count })),
    assignedToMe: assigned,
    myDrafts: drafts,
    recentDecisions: decided.map((d) => ({ ...d, outcome: OUTCOME_LABELS[d.outcome] })),
  };
}
