/**
 * The demo workspace, seeded once on an empty database so that a first visitor has something to
 * open. Its account is an ordinary member (not an administrator); the credentials are public and
 * printed at start. Set WARRANT_SEED_DEMO=false to skip it.
 */
import { count } from 'drizzle-orm';
import type { Db } from './client';
import { users } from './schema';
import { readSetting, writeSetting } from './queries/settings';
import { createUser } from './queries/accounts';
import { createWorkspaceForOwner } from './queries/workspaces';

export const DEMO_CREDENTIALS = {
  email: 'demo@warrant.local',
  password: 'warrant-demo-2026',
  name: 'Demo Analyst',
} as const;
export const DEMO_WORKSPACE_NAME = 'Demo: Sahel hostage briefing';

export async function seedDemoIfEmpty(db: Db): Promise<{ seeded: boolean }> {
  if (process.env.WARRANT_SEED_DEMO === 'false') return { seeded: false };
  if (readSetting(db, 'demoSeededAt') != null) return { seeded: false };
  const userCount = db.select({ n: count() }).from(users).get()?.n ?? 0;
  if (userCount > 0) return { seeded: false };
  await createUser({ ...DEMO_CREDENTIALS, isDemo: true });
  await createWorkspaceForOwner({
    name: DEMO_WORKSPACE_NAME,
    ownerEmail: DEMO_CREDENTIALS.email,
    isDemo: true,
  });
  writeSetting(db, 'demoSeededAt', Date.now());
  return { seeded: true };
}
