import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../bootstrap';
import { jsonArrayNotEmpty } from '../dialect';
import type { Store } from '../store';
import { claims } from '../schema';
import { seedDemoIfEmpty } from '../seed';
import { first } from '../store';
import { freshStore } from '../testing';
import { readSetting, writeSetting } from './settings';
import { CONTESTED_RULES_VERSION, recomputeAllContested } from './contested';

let store: Store;

const contestedCount = async () =>
  (await first(store.db.select({ n: count() }).from(claims).where(jsonArrayNotEmpty(claims.contested))))!.n;

beforeEach(async () => {
  store = await freshStore();
  delete process.env.WARRANT_SEED_DEMO;
  // bootstrap() would otherwise write a session secret beside the (in-memory) database: the repo root.
  process.env.AUTH_SECRET = 'test secret for the contested-state start-up test';
});

afterEach(() => {
  delete process.env.AUTH_SECRET;
});

const clearContested = () =>
  store.transaction(async (tx) => {
    await tx.update(claims).set({ contested: [] });
  });

describe('recomputing the contested state of every claim', () => {
  it('restores what the writes computed, for claims stored before the rules existed', async () => {
    await seedDemoIfEmpty(store);
    const before = await contestedCount();
    expect(before).toBe(6);
    await clearContested();
    expect(await contestedCount()).toBe(0);
    expect(await recomputeAllContested(store)).toBe(6);
    expect(await contestedCount()).toBe(before);
    expect(await recomputeAllContested(store)).toBe(0);
  });

  it('runs once at start-up for a database that has not had the current rules', async () => {
    const lines: string[] = [];
    await bootstrap(store, { log: (l) => lines.push(l) });
    expect(await readSetting(store.db, 'contestedRulesVersion')).toBe(CONTESTED_RULES_VERSION);
    await clearContested();
    await bootstrap(store, { log: (l) => lines.push(l) });
    expect(await contestedCount()).toBe(0);
    await store.transaction((tx) => writeSetting(tx, 'contestedRulesVersion', 0));
    await bootstrap(store, { log: (l) => lines.push(l) });
    expect(await contestedCount()).toBe(6);
    expect(lines).toContain('Recomputed the contested state of 6 claims.');
  });
});
