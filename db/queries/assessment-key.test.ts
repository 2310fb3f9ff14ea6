/**
 * Each claim's place in the likelihood · confidence order, kept by the writes (./assessment-key):
 * after every assessment recorded or revised, the kept value is the one lib/review/assessment-order
 * computes from the claim's assessments, and the migration's carry-over of existing data (and a
 * recount) gives the same values.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { assessmentFieldsSchema } from '@/lib/claims';
import { assessmentOrderKey } from '@/lib/review/assessment-order';
import type { Confidence, Likelihood } from '@/lib/scales';
import { assessments, claims } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import { migrationStatement } from '../testing';
import type { Actor } from './access';
import { keepAllAssessmentKeys } from './assessment-key';
import { saveMyAssessment } from './assessments';
import { restoreClaim, trashClaim } from './claims';

// Our own field report, and the claims made from it.
const REPORT =
  'Mopti field report: a local official said the ransom was paid through a cattle trader, and the two engineers were driven to Niamey the next morning.';

let team: Team;
let ransom: string;
let engineers: string;
let analyst: Actor;
let second: Actor;
const versions = new Map<string, number>();

async function assess(actor: Actor, claimId: string, likelihood: Likelihood, confidence: Confidence) {
  const key = `${actor.userId}:${claimId}`;
  const { version } = await saveMyAssessment(team.store, {
    actor,
    claimId,
    fields: assessmentFieldsSchema.parse({ likelihood, confidence, rationale: 'Weighed the sources.' }),
    expectedVersion: versions.get(key) ?? null,
  });
  versions.set(key, version);
}

/** The kept values by claim, after checking every claim's against its assessments. */
async function kept(): Promise<Record<'ransom' | 'engineers', number | null>> {
  const db = team.store.db;
  const rows = await db
    .select({ id: claims.id, key: claims.assessmentKey })
    .from(claims)
    .where(eq(claims.workspaceId, team.workspaceId));
  const all = await db
    .select({
      claimId: assessments.claimId,
      likelihood: assessments.likelihood,
      confidence: assessments.confidence,
    })
    .from(assessments);
  for (const { id, key } of rows)
    expect(key, `claim ${id}`).toBe(assessmentOrderKey(all.filter((a) => a.claimId === id)));
  const of = (claimId: string) => rows.find((r) => r.id === claimId)!.key;
  return { ransom: of(ransom), engineers: of(engineers) };
}

beforeEach(async () => {
  versions.clear();
  team = await makeTeam();
  const report = await team.document('Mopti field report', REPORT);
  ransom = await team.claim(
    team.owner,
    report,
    'the ransom was paid through a cattle trader',
    'A ransom was paid',
  );
  engineers = await team.claim(team.owner, report, 'driven to Niamey', 'The engineers reached Niamey');
  analyst = await team.member('editor', 'Ibrahim Maïga');
  second = await team.member('editor', 'Fanta Keïta');
});

describe("a claim's place by its assessments", () => {
  it('follows every assessment recorded or revised', async () => {
    expect(await kept()).toEqual({ ransom: null, engineers: null });

    await assess(team.owner, ransom, 'likely', 'high');
    expect(await kept()).toEqual({ ransom: 42, engineers: null });

    // Two: the lower of the two.
    await assess(analyst, ransom, 'unlikely', 'moderate');
    expect(await kept()).toEqual({ ransom: 21, engineers: null });

    // Three: the middle one.
    await assess(second, ransom, 'unlikely', 'low');
    expect(await kept()).toEqual({ ransom: 21, engineers: null });

    // A revision moves it.
    await assess(team.owner, ransom, 'almost_no_chance', 'low');
    expect(await kept()).toEqual({ ransom: 20, engineers: null });
    await assess(analyst, engineers, 'almost_certain', 'high');
    expect(await kept()).toEqual({ ransom: 20, engineers: 62 });

    // The trash and back change nothing.
    await trashClaim(team.store, { actor: team.owner, claimId: ransom });
    await restoreClaim(team.store, { actor: team.owner, claimId: ransom });
    expect(await kept()).toEqual({ ransom: 20, engineers: 62 });
  });

  it('is carried over by the migration (and by a recount) with the same values', async () => {
    await assess(team.owner, ransom, 'very_likely', 'moderate');
    await assess(analyst, ransom, 'roughly_even_chance', 'high');
    await assess(second, ransom, 'very_likely', 'low');
    await assess(second, engineers, 'very_unlikely', 'moderate');
    const before = await kept();
    expect(before).toEqual({ ransom: 50, engineers: 11 });

    const carry = migrationStatement(
      { sqlite: '0025_table_assessment_key.sql', postgres: '0016_table_assessment_key.sql' },
      'assessment_key = (',
    );
    expect(carry).toMatch(/UPDATE claims SET/);
    const blank = () => team.store.transaction((tx) => tx.update(claims).set({ assessmentKey: 99 }));
    await blank();
    await team.store.transaction(async (tx) => {
      await tx.run(sql.raw(carry));
    });
    expect(await kept()).toEqual(before);

    await blank();
    await team.store.transaction((tx) => keepAllAssessmentKeys(tx));
    expect(await kept()).toEqual(before);
  });
});
