import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from './client';
import { claims, documents, users, workspaces } from './schema';
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
    // The review queue has something to show: competing ransom figures and a disputed claim.
    const contested = getDb()
      .select({ statement: claims.statement, contested: claims.contested })
      .from(claims)
      .all()
      .filter((c) => c.contested.length > 0)
      .map((c) => [c.statement, c.contested.map((r) => r.kind)]);
    expect(contested).toEqual([
      ['Mali released 206 prisoners', ['competing_values', 'mixed_evidence']],
      ['Fewer than 206 prisoners were released, by the ministry’s count', ['competing_values']],
      ['A ransom was paid for the hostages', ['mixed_evidence']],
      ['The ransom was 10 million euros', ['competing_values']],
      ['The ransom was 2.5 million euros', ['competing_values']],
      ['An intermediary in the talks worked for a foreign intelligence service', ['disputed']],
    ]);
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
