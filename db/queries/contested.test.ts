import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../client';
import { bootstrap } from '../bootstrap';
import { claims } from '../schema';
import { seedDemoIfEmpty } from '../seed';
import { useFreshDatabase } from '../testing';
import { readSetting, writeSetting } from './settings';
import { CONTESTED_RULES_VERSION, recomputeAllContested } from './contested';

const contestedCount = () =>
  getDb()
    .select({ n: sql<number>`count(*)` })
    .from(claims)
    .where(sql`${claims.contested} <> '[]'`)
    .get()!.n;

beforeEach(() => {
  useFreshDatabase();
  delete process.env.WARRANT_SEED_DEMO;
  // bootstrap() would otherwise write a session secret beside the (in-memory) database: the repo root.
  process.env.AUTH_SECRET = 'test secret for the contested-state start-up test';
});

afterEach(() => {
  delete process.env.AUTH_SECRET;
});

describe('recomputing the contested state of every claim', () => {
  it('restores what the writes computed, for claims stored before the rules existed', async () => {
    await seedDemoIfEmpty(getDb());
    const before = contestedCount();
    expect(before).toBe(6);
    getDb().update(claims).set({ contested: [] }).run();
    expect(contestedCount()).toBe(0);
    expect(recomputeAllContested(getDb())).toBe(6);
    expect(contestedCount()).toBe(before);
    expect(recomputeAllContested(getDb())).toBe(0);
  });

  it('runs once at start-up for a database that has not had the current rules', async () => {
    const lines: string[] = [];
    await bootstrap({ log: (l) => lines.push(l) });
    expect(readSetting(getDb(), 'contestedRulesVersion')).toBe(CONTESTED_RULES_VERSION);
    getDb().update(claims).set({ contested: [] }).run();
    await bootstrap({ log: (l) => lines.push(l) });
    expect(contestedCount()).toBe(0);
    writeSetting(getDb(), 'contestedRulesVersion', 0);
    await bootstrap({ log: (l) => lines.push(l) });
    expect(contestedCount()).toBe(6);
    expect(lines).toContain('Recomputed the contested state of 6 claims.');
  });
});
