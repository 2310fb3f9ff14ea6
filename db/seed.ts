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
import { importDocument } from './queries/documents';
import { convertToDocument } from '@/lib/documents/convert';
import { BRIEF_MARKDOWN } from '@/lib/documents/fixtures';
import { documentMetadataSchema } from '@/lib/documents/metadata';
import { DEMO_CLAIM_TYPES } from '@/lib/claim-types';
import { seedDemoBriefing } from './demo-briefing';

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
  const { userId } = await createUser({ ...DEMO_CREDENTIALS, isDemo: true });
  const { workspaceId } = await createWorkspaceForOwner({
    name: DEMO_WORKSPACE_NAME,
    ownerEmail: DEMO_CREDENTIALS.email,
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
  writeSetting(db, 'demoSeededAt', Date.now());
  return { seeded: true };
}
