/**
 * The demo workspace, seeded once on a new instance (no workspace yet) so that a newcomer has
 * something to open. It has no login: its content is written by a demo content account and three
 * demo analysts (./demo-team.ts) that can never sign in (disabled, no usable password), and the
 * instance's first administrator becomes its owner (in the transaction that creates them, or at
 * start when they already exist). Blind assessments are on, so that it shows every feature: two
 * documents, competing claims, the analysts' assessments (agreement, disagreement), the ACH matrix
 * and number line of the ransom topic, and each kind of contested reason in the review queue. Set
 * WARRANT_SEED_DEMO=false to skip it.
 */
import { and, count, eq, ne } from 'drizzle-orm';
import { first, type Store } from './store';
import { memberships, users, workspaces } from './schema';
import { audit } from './audit';
import { insertDemoAccount, NO_PASSWORD, seedDemoTeam } from './demo-team';
import { readSetting, writeSetting } from './queries/settings';
import { createWorkspaceForOwner } from './queries/workspaces';
import { importDocument } from './queries/documents';
import { handDemoWorkspacesTo, isInitialised, oldestActiveAdministrator } from './queries/administrators';
import { revokeInvitesMadeBy } from './queries/invites';
import { revokeUserSessions } from './queries/sessions';
import { setBlindAssessments } from './queries/review';
import type { Actor } from './queries/access';
import { convertToDocument } from '@/lib/documents/convert';
import { BRIEF_MARKDOWN } from '@/lib/documents/fixtures';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { DEMO_CLAIM_TYPES } from '@/lib/claim-types';
import { BRIEF_CLAIMS, DESK_NOTE_CLAIMS, seedDemoBriefing, type DemoDocument } from './demo-briefing';
import { DESK_NOTE_MARKDOWN, DESK_NOTE_METADATA } from './demo-desk-note';

export { NO_PASSWORD };

/** The account that holds the demo content. `.invalid` is a reserved domain: no mail reaches it. */
export const DEMO_CONTENT_ACCOUNT = { email: 'demo-content@warrant.invalid', name: 'Warrant demo' } as const;
/** The demo login of earlier versions, whose password was published: disabled at start. */
export const RETIRED_DEMO_LOGIN = 'demo@warrant.local';
export const DEMO_WORKSPACE_NAME = 'Demo: Sahel hostage briefing';
/** Imports one demo document (Markdown) as `actor`; returns what the claims are anchored on. */
async function importDemoDocument(
  store: Store,
  actor: Actor,
  workspaceId: string,
  metadata: Record<string, string>,
  markdown: string,
): Promise<Omit<DemoDocument, 'claims'>> {
  const converted = await convertToDocument('markdown', markdown);
  const document = await importDocument(store, {
    actor,
    workspaceId,
    metadata: documentMetadataSchema.parse(metadata),
    format: 'markdown',
    converted,
  });
  return { documentId: document.id, revisionId: document.currentRevisionId, text: converted.text };
}

/** Deletes the demo workspaces only the content account belongs to (never one handed over). */
async function discardPartialDemo(store: Store, contentUserId: string): Promise<void> {
  await store.transaction(async (tx) => {
    const partial = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
      .where(and(eq(workspaces.isDemo, true), eq(memberships.userId, contentUserId)));
    for (const { id } of partial) {
      // Its demo analysts do not count: a real member means the workspace was handed over.
      const others = await first(
        tx
          .select({ n: count() })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.workspaceId, id), eq(users.isDemo, false))),
      );
      if ((others?.n ?? 0) > 0) continue;
      await tx.delete(workspaces).where(eq(workspaces.id, id));
      await audit(tx, {
        actorUserId: null,
        workspaceId: id,
        action: 'workspace.delete',
        objectType: 'workspace',
        objectId: id,
        details: { reason: 'partial_demo_seed' },
      });
    }
  });
}

export type SeedResult = { seeded: false } | { seeded: true; ownerEmail: string | null };

export async function seedDemoIfEmpty(store: Store): Promise<SeedResult> {
  if (process.env.WARRANT_SEED_DEMO === 'false') return { seeded: false };
  if ((await readSetting(store.db, 'demoSeededAt')) != null) return { seeded: false };
  const leftover = await first(
    store.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_CONTENT_ACCOUNT.email)).limit(1),
  );
  // The mark is written last: a content account without it is a first start that died half-way
  // through the seed (the steps are separate transactions). Its partial demo is started over.
  if (leftover) await discardPartialDemo(store, leftover.id);
  const workspaceCount = (await first(store.db.select({ n: count() }).from(workspaces)))?.n ?? 0;
  if (workspaceCount > 0) return { seeded: false };
  const userId =
    leftover?.id ?? (await insertDemoAccount(store, DEMO_CONTENT_ACCOUNT, { demoContent: true }));
  const { workspaceId } = await createWorkspaceForOwner(store, {
    name: DEMO_WORKSPACE_NAME,
    ownerEmail: DEMO_CONTENT_ACCOUNT.email,
    isDemo: true,
    claimTypes: DEMO_CLAIM_TYPES,
  });
  const owner = { userId, isAdmin: false };
  const team = await seedDemoTeam(store, workspaceId);
  // Blind from the start, as a desk that wants independent judgments would set it up.
  await setBlindAssessments(store, { actor: owner, workspaceId, blind: true });
  const brief = await importDemoDocument(
    store,
    owner,
    workspaceId,
    {
      title: 'The October exchange (demo brief)',
      author: 'Warrant team',
      outlet: 'Warrant demo',
      publishedOn: '2020-10-12',
      language: 'en',
      notes:
        'A short brief written for the demo. Its figures disagree on purpose: that is what analysts sort out.',
    },
    BRIEF_MARKDOWN,
  );
  const note = await importDemoDocument(
    store,
    team.tomas,
    workspaceId,
    DESK_NOTE_METADATA,
    DESK_NOTE_MARKDOWN,
  );
  await seedDemoBriefing(store, {
    owner,
    team,
    workspaceId,
    documents: [
      { ...brief, claims: BRIEF_CLAIMS },
      { ...note, claims: DESK_NOTE_CLAIMS },
    ],
  });
  // An administrator created before the first start (CLI) receives it now.
  const ownerEmail = await store.transaction(async (tx) => {
    await writeSetting(tx, 'demoSeededAt', Date.now());
    const adminId = (await isInitialised(tx)) ? await oldestActiveAdministrator(tx) : null;
    if (!adminId || (await handDemoWorkspacesTo(tx, adminId)).length === 0) return null;
    return (
      (await first(tx.select({ email: users.email }).from(users).where(eq(users.id, adminId)).limit(1)))
        ?.email ?? null
    );
  });
  return { seeded: true, ownerEmail };
}

/**
 * At start: demo accounts that can still sign in (the published demo login of earlier versions)
 * are disabled, lose their password, sessions and pending invites (in one transaction). Returns
 * their emails.
 */
export async function retireDemoLogins(store: Store): Promise<string[]> {
  return store.transaction(async (tx) => {
    const live = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.isDemo, true), ne(users.passwordHash, NO_PASSWORD)));
    for (const user of live) {
      await tx
        .update(users)
        .set({ passwordHash: NO_PASSWORD, disabledAt: new Date(), passwordChangedAt: new Date() })
        .where(eq(users.id, user.id));
      await revokeUserSessions(tx, user.id);
      await revokeInvitesMadeBy(tx, { userId: user.id, reason: 'creator_disabled', actorUserId: null });
      await audit(tx, {
        actorUserId: null,
        action: 'user.disable',
        objectType: 'user',
        objectId: user.id,
        details: { reason: 'published_demo_password' },
      });
    }
    return live.map((u) => u.email);
  });
}

/**
 * At start, on an initialised instance: demo workspaces no real account owns go to the oldest
 * administrator (in one transaction).
 */
export async function handOrphanedDemoWorkspaces(
  store: Store,
): Promise<{ ownerEmail: string; workspaceIds: string[] } | null> {
  return store.transaction(async (tx) => {
    if (!(await isInitialised(tx))) return null;
    const adminId = await oldestActiveAdministrator(tx);
    if (!adminId) return null;
    const workspaceIds = await handDemoWorkspacesTo(tx, adminId);
    if (workspaceIds.length === 0) return null;
    const ownerEmail = (await first(
      tx.select({ email: users.email }).from(users).where(eq(users.id, adminId)).limit(1),
    ))!.email;
    return { ownerEmail, workspaceIds };
  });
}
