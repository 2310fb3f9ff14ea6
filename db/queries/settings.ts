import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { first, type Db, type Store, type Tx } from '../store';
import { settings } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';

/** Instance settings, with their types and defaults. */
const SETTING_SCHEMAS = {
  openSignUp: z.boolean(),
  demoSeededAt: z.number().nullable(),
  contestedRulesVersion: z.number().int().nullable(),
  /** The process recomputing the contested state after a rules change, until when (ms) it holds it. */
  contestedRecomputeLease: z.object({ version: z.number().int(), until: z.number() }).nullable(),
  /** The version of the search index's entries (db/queries/search-index.ts) the database holds. */
  searchIndexVersion: z.number().int().nullable(),
  /** When the instance got its first administrator: "first account becomes administrator" is over. */
  initialisedAt: z.number().nullable(),
  /**
   * On PostgreSQL without NEXTAUTH_SECRET: the secret every app process signs session cookies
   * with (db/secret.ts). Never shown or exported.
   */
  sessionSecret: z.string().min(32).nullable(),
} as const;
type SettingKey = keyof typeof SETTING_SCHEMAS;
type SettingValue<K extends SettingKey> = z.infer<(typeof SETTING_SCHEMAS)[K]>;
const DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  openSignUp: false,
  demoSeededAt: null,
  contestedRulesVersion: null,
  contestedRecomputeLease: null,
  searchIndexVersion: null,
  initialisedAt: null,
  sessionSecret: null,
};

export async function readSetting<K extends SettingKey>(tx: Db, key: K): Promise<SettingValue<K>> {
  const row = await first(tx.select().from(settings).where(eq(settings.key, key)).limit(1));
  const parsed = SETTING_SCHEMAS[key].safeParse(row?.value);
  return (parsed.success ? parsed.data : DEFAULTS[key]) as SettingValue<K>;
}

export async function writeSetting<K extends SettingKey>(
  tx: Tx,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

/** Removes a setting: it reads as its default again. */
export async function clearSetting(tx: Tx, key: SettingKey): Promise<void> {
  await tx.delete(settings).where(eq(settings.key, key));
}

export async function getInstanceSettings(store: Store): Promise<{ openSignUp: boolean }> {
  return { openSignUp: await readSetting(store.db, 'openSignUp') };
}

/** Administrators only: allow anyone to sign up without an invite. */
export async function setOpenSignUp(
  store: Store,
  { actor, enabled }: { actor: Actor; enabled: boolean },
): Promise<void> {
  if (!actor.isAdmin) throw new AppError('forbidden', 'settings', 'Only an administrator can change this.');
  await store.transaction(async (tx) => {
    await writeSetting(tx, 'openSignUp', enabled);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'settings.open_sign_up',
      objectType: 'settings',
      ip: actor.ip,
      details: { enabled },
    });
  });
}
