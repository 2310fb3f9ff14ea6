/**
 * The demo workspace, seeded once on a new instance (no workspace yet) so that a newcomer has
 * something to open. It has no login: its content is written by a demo content account that can
 * never sign in (disabled, no usable password), and the instance's first administrator becomes
 * its owner (in the transaction that creates them, or at start when they already exist). Set
 * WARRANT_SEED_DEMO=false to skip it.
 */
import { and, count, eq, ne } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from './client';
import { memberships, users, workspaces } from './schema';
import { audit } from './audit';
import { readSetting, writeSetting } from './queries/settings';
import { createWorkspaceForOwner } from './queries/workspaces';
import { importDocument } from './queries/documents';
import { handDemoWorkspacesTo, isInitialised, oldestActiveAdministrator } from './queries/administrators';
import { revokeInvitesMadeBy } from './queries/invites';
import { revokeUserSessions } from './queries/sessions';
import { convertToDocument } from '@/lib/documents/convert';
import { BRIEF_MARKDOWN } from '@/lib/documents/fixtures';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { DEMO_CLAIM_TYPES } from '@/lib/claim-types';
import { seedDemoBriefing } from './demo-briefing';

/** The account that holds the demo content. `.invalid` is a reserved domain: no mail reaches it. */
export const DEMO_CONTENT_ACCOUNT = { email: 'demo-content@warrant.invalid', name: 'Warrant demo' } as const;
/** The demo login of earlier versions, whose password was published: disabled at start. */
export const RETIRED_DEMO_LOGIN = 'demo@warrant.local';
export const DEMO_WORKSPACE_NAME = 'Demo: Sahel hostage briefing';
/** Not an Argon2 hash: no password verifies against it. */
export const NO_PASSWORD = '!no-password';

function insertDemoContentAccount(db: Db): string {
  return db.transaction(
    (tx) => {
      const userId = randomUUID();
      tx.insert(users)
        .values({
          id: userId,
          email: DEMO_CONTENT_ACCOUNT.email,
          name: DEMO_CONTENT_ACCOUNT.name,
          passwordHash: NO_PASSWORD,
          isDemo: true,
          disabledAt: new Date(),
        })
        .run();
      audit(tx, {
        actorUserId: null,
        action: 'user.create',
        objectType: 'user',
        objectId: userId,
        details: { email: DEMO_CONTENT_ACCOUNT.email, demoContent: true },
      });
      return userId;
    },
    { behavior: 'immediate' },
  );
}

/** Deletes the demo workspaces only the content account belongs to (never one handed over). */
function discardPartialDemo(db: Db, contentUserId: string): void {
  db.transaction(
    (tx) => {
      const partial = tx
        .select({ id: workspaces.id })
        .from(workspaces)
        .innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
        .where(and(eq(workspaces.isDemo, true), eq(memberships.userId, contentUserId)))
        .all();
      for (const { id } of partial) {
        const others = tx
          .select({ n: count() })
          .from(memberships)
          .where(and(eq(memberships.workspaceId, id), ne(memberships.userId, contentUserId)))
          .get();
        if ((others?.n ?? 0) > 0) continue;
        tx.delete(workspaces).where(eq(workspaces.id, id)).run();
        audit(tx, {
          actorUserId: null,
          workspaceId: id,
          action: 'workspace.delete',
          objectType: 'workspace',
          objectId: id,
          details: { reason: 'partial_demo_seed' },
        });
      }
    },
    { behavior: 'immediate' },
  );
}

export type SeedResult = { seeded: false } | { seeded: true; ownerEmail: string | null };

export async function seedDemoIfEmpty(db: Db): Promise<SeedResult> {
  if (process.env.WARRANT_SEED_DEMO === 'false') return { seeded: false };
  if (readSetting(db, 'demoSeededAt') != null) return { seeded: false };
  const leftover = db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_CONTENT_ACCOUNT.email))
    .get();
  // The mark is written last: a content account without it is a first start that died half-way
  // through the seed (the steps are separate transactions). Its partial demo is started over.
  if (leftover) discardPartialDemo(db, leftover.id);
  const workspaceCount = db.select({ n: count() }).from(workspaces).get()?.n ?? 0;
  if (workspaceCount > 0) return { seeded: false };
  const userId = leftover?.id ?? insertDemoContentAccount(db);
  const { workspaceId } = await createWorkspaceForOwner({
    name: DEMO_WORKSPACE_NAME,
    ownerEmail: DEMO_CONTENT_ACCOUNT.email,
    isDemo: true,
    claimTypes: DEMO_CLAIM_TYPES,
  });
  const converted = await convertToDocument('markdown', BRIEF_MARKDOWN);
  const actor = { userId, isAdmin: false };
  const document = await importDocument({
    actor,
    workspaceId,
    metadata: documentMetadataSchema.parse({
      title: 'The October exchange (demo brief)',
      author: 'Warrant team',
      outlet: 'Warrant demo',
      publishedOn: '2020-10-12',
      language: 'en',
      notes:
        'A short brief written for the demo. Its figures disagree on purpose: that is what analysts sort out.',
    }),
    format: 'markdown',
    converted,
  });
  await seedDemoBriefing(actor, workspaceId, document.id, document.currentRevisionId, converted.text);
  // An administrator created before the first start (CLI) receives it now.
  const ownerEmail = db.transaction(
    (tx) => {
      writeSetting(tx, 'demoSeededAt', Date.now());
      const adminId = isInitialised(tx) ? oldestActiveAdministrator(tx) : null;
      if (!adminId || handDemoWorkspacesTo(tx, adminId).length === 0) return null;
      return tx.select({ email: users.email }).from(users).where(eq(users.id, adminId)).get()?.email ?? null;
    },
    { behavior: 'immediate' },
  );
  return { seeded: true, ownerEmail };
}

/**
 * At start: demo accounts that can still sign in (the published demo login of earlier versions)
 * are disabled, lose their password, sessions and pending invites. Returns their emails.
 */
export function retireDemoLogins(db: Db): string[] {
  return db.transaction(
    (tx) => {
      const live = tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.isDemo, true), ne(users.passwordHash, NO_PASSWORD)))
        .all();
      for (const user of live) {
        tx.update(users)
          .set({ passwordHash: NO_PASSWORD, disabledAt: new Date(), passwordChangedAt: new Date() })
          .where(eq(users.id, user.id))
          .run();
        revokeUserSessions(tx, user.id);
        revokeInvitesMadeBy(tx, { userId: user.id, reason: 'creator_disabled', actorUserId: null });
        audit(tx, {
          actorUserId: null,
          action: 'user.disable',
          objectType: 'user',
          objectId: user.id,
          details: { reason: 'published_demo_password' },
        });
      }
      return live.map((u) => u.email);
    },
    { behavior: 'immediate' },
  );
}

/** At start, on an initialised instance: demo workspaces no real account owns go to the oldest administrator. */
export function handOrphanedDemoWorkspaces(db: Db): { ownerEmail: string; workspaceIds: string[] } | null {
  return db.transaction(
    (tx) => {
      if (!isInitialised(tx)) return null;
      const adminId = oldestActiveAdministrator(tx);
      if (!adminId) return null;
      const workspaceIds = handDemoWorkspacesTo(tx, adminId);
      if (workspaceIds.length === 0) return null;
      const ownerEmail = tx.select({ email: users.email }).from(users).where(eq(users.id, adminId)).get()!
        .email;
      return { ownerEmail, workspaceIds };
    },
    { behavior: 'immediate' },
  );
}
