/**
 * The demo workspace's analysts: three invented colleagues whose claims, evidence and assessments
 * make the team features show on first start (blind assessments, agreement, analysts who
 * disagree). Like the demo content account they can never sign in: disabled, with no usable
 * password (`NO_PASSWORD` is not an Argon2 hash), and their email is on the reserved `.invalid`
 * domain. They stay members when the demo workspace is handed to the first administrator
 * (./queries/administrators.ts `handDemoWorkspacesTo`), who may remove them like any member.
 */
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Role } from '@/lib/permissions';
import { first, type Store } from './store';
import { users, memberships } from './schema';
import { audit } from './audit';
import type { Actor } from './queries/access';

/** Not an Argon2 hash: no password verifies against it. */
export const NO_PASSWORD = '!no-password';

export const DEMO_ANALYSTS = {
  mariam: { email: 'mariam.coulibaly@warrant.invalid', name: 'Mariam Coulibaly', role: 'reviewer' },
  tomas: { email: 'tomas.lindqvist@warrant.invalid', name: 'Tomas Lindqvist', role: 'editor' },
  nadia: { email: 'nadia.benali@warrant.invalid', name: 'Nadia Benali', role: 'editor' },
} as const satisfies Record<string, { email: string; name: string; role: Role }>;
export type DemoAnalyst = keyof typeof DEMO_ANALYSTS;

/** Creates a demo account that cannot sign in (its own transaction). */
export async function insertDemoAccount(
  store: Store,
  account: { email: string; name: string },
  details: Record<string, unknown>,
): Promise<string> {
  return store.transaction(async (tx) => {
    const userId = randomUUID();
    await tx.insert(users).values({
      id: userId,
      email: account.email,
      name: account.name,
      passwordHash: NO_PASSWORD,
      isDemo: true,
      disabledAt: new Date(),
    });
    await audit(tx, {
      actorUserId: null,
      action: 'user.create',
      objectType: 'user',
      objectId: userId,
      details: { email: account.email, ...details },
    });
    return userId;
  });
}

/**
 * The analysts join the demo workspace. An invite cannot do it (the inviter, the content account,
 * is disabled, and a disabled inviter's links do not work), so the seed writes the membership and
 * its audit event itself, one transaction per analyst. An analyst account left by a first start
 * that died half-way through the seed is used again. Returns each analyst's actor.
 */
export async function seedDemoTeam(store: Store, workspaceId: string): Promise<Record<DemoAnalyst, Actor>> {
  const team = {} as Record<DemoAnalyst, Actor>;
  for (const key of Object.keys(DEMO_ANALYSTS) as DemoAnalyst[]) {
    const analyst = DEMO_ANALYSTS[key];
    const leftover = await first(
      store.db.select({ id: users.id }).from(users).where(eq(users.email, analyst.email)).limit(1),
    );
    const userId = leftover?.id ?? (await insertDemoAccount(store, analyst, { demoAnalyst: true }));
    await store.transaction(async (tx) => {
      await tx.insert(memberships).values({ workspaceId, userId, role: analyst.role });
      await audit(tx, {
        actorUserId: null,
        workspaceId,
        action: 'member.add',
        objectType: 'user',
        objectId: userId,
        details: { role: analyst.role, demoAnalyst: true },
      });
    });
    team[key] = { userId, isAdmin: false };
  }
  return team;
}
