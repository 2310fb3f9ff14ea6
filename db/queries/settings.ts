import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { getDb, type Db, type Tx } from '../client';
import { settings } from '../schema';
import { audit } from '../audit';
import type { Actor } from './access';

/** Instance settings, with their types and defaults. */
const SETTING_SCHEMAS = {
  openSignUp: z.boolean(),
  demoSeededAt: z.number().nullable(),
  contestedRulesVersion: z.number().int().nullable(),
  /** When the instance got its first administrator: "first account becomes administrator" is over. */
  initialisedAt: z.number().nullable(),
} as const;
type SettingKey = keyof typeof SETTING_SCHEMAS;
type SettingValue<K extends SettingKey> = z.infer<(typeof SETTING_SCHEMAS)[K]>;
const DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  openSignUp: false,
  demoSeededAt: null,
  contestedRulesVersion: null,
  initialisedAt: null,
};

export function readSetting<K extends SettingKey>(tx: Tx | Db, key: K): SettingValue<K> {
  const row = tx.select().from(settings).where(eq(settings.key, key)).get();
  const parsed = SETTING_SCHEMAS[key].safeParse(row?.value);
  return (parsed.success ? parsed.data : DEFAULTS[key]) as SettingValue<K>;
}

export function writeSetting<K extends SettingKey>(tx: Tx | Db, key: K, value: SettingValue<K>): void {
  tx.insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } })
    .run();
}

export async function getInstanceSettings(): Promise<{ openSignUp: boolean }> {
  return { openSignUp: readSetting(getDb(), 'openSignUp') };
}

/** Administrators only: allow anyone to sign up without an invite. */
export async function setOpenSignUp({ actor, enabled }: { actor: Actor; enabled: boolean }): Promise<void> {
  if (!actor.isAdmin) throw new AppError('forbidden', 'settings', 'Only an administrator can change this.');
  getDb().transaction(
    (tx) => {
      writeSetting(tx, 'openSignUp', enabled);
      audit(tx, {
        actorUserId: actor.userId,
        action: 'settings.open_sign_up',
        objectType: 'settings',
        ip: actor.ip,
        details: { enabled },
      });
    },
    { behavior: 'immediate' },
  );
}
