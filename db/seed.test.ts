import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from './client';
import { documents, users, workspaces } from './schema';
import { DEMO_CREDENTIALS, DEMO_WORKSPACE_NAME, seedDemoIfEmpty } from './seed';
import { makeUser, useFreshDatabase } from './testing';
import { getSignUpMode, signInWithPassword } from './queries/accounts';

beforeEach(() => {
  useFreshDatabase();
  delete process.env.WARRANT_SEED_DEMO;
});

describe('the demo seed', () => {
  it('seeds an empty database once, with a working non-administrator demo account', async () => {
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: true });
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
    expect(
      getDb()
        .select()
        .from(workspaces)
        .all()
        .map((w) => [w.name, w.isDemo]),
    ).toEqual([[DEMO_WORKSPACE_NAME, true]]);
    expect(
      getDb()
        .select()
        .from(documents)
        .all()
        .map((d) => [d.title, d.revisionCount]),
    ).toEqual([['The October exchange (demo brief)', 1]]);
    const counts = getDb()
      .$client.prepare(
        'select (select count(*) from claims) claims, (select count(*) from sources) sources, (select count(*) from evidence) evidence, (select count(*) from assessments) assessments',
      )
      .get();
    expect(counts).toEqual({ claims: 12, sources: 4, evidence: 10, assessments: 5 });
    const signIn = await signInWithPassword({ ...DEMO_CREDENTIALS, ip: '127.0.0.1' });
    expect(signIn.ok).toBe(true);
    expect(await getSignUpMode()).toBe('first-admin');
  });

  it('does not re-seed after the demo account was removed', async () => {
    await seedDemoIfEmpty(getDb());
    getDb().delete(users).run();
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
  });

  it('leaves a database with accounts alone, and can be turned off', async () => {
    await makeUser();
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
    useFreshDatabase();
    process.env.WARRANT_SEED_DEMO = 'false';
    expect(await seedDemoIfEmpty(getDb())).toEqual({ seeded: false });
    expect(getDb().select().from(users).all()).toHaveLength(0);
  });
});
