/**
 * Each claim's live evidence links, kept by the writes (./evidence-links): after every write that
 * can change them, the kept numbers equal a count of the evidence, the evidence table's row count
 * agrees with its rows, and the migration's carry-over of existing data gives the same numbers.
 */
import { and, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { evidenceFieldsSchema, sourceFieldsSchema } from '@/lib/claims';
import { STANCES, type Stance } from '@/lib/scales';
import { claims, evidence, sources } from '../schema';
import { makeTeam, type Team } from '../team-testing';
import { migrationStatement } from '../testing';
import { restoreClaim, trashClaim } from './claims';
import { addEvidence, restoreEvidence, trashEvidence, updateEvidence } from './evidence';
import { recountAllEvidenceLinks } from './evidence-links';
import { getEvidenceTable } from './evidence-table';
import { restoreSource, trashSource } from './sources';

// Our own dispatch, and the sources that reported it.
const DISPATCH =
  'Niamey dispatch: the mediator said nine detainees were released on Friday, and a convoy reached Agadez at night.';

let team: Team;
let claimIds: { released: string; convoy: string; mediator: string };

const source = (name: string) => sourceFieldsSchema.parse({ name, kind: 'outlet', reliability: 'B' });
const fields = (stance: string, credibility: number) => evidenceFieldsSchema.parse({ stance, credibility });

/** Links a claim to a source (a new one when `name` is given, else the source `id`). */
async function link(claimId: string, to: { name: string } | { id: string }, stance = 'supports') {
  return addEvidence(team.store, {
    actor: team.owner,
    claimId,
    source: 'id' in to ? { id: to.id } : { create: source(to.name) },
    fields: fields(stance, 2),
  });
}

/** The kept numbers by claim, after checking them (and those of each stance) against a count of the live links. */
async function kept() {
  const rows = await team.store.db
    .select({
      id: claims.id,
      kept: claims.evidenceLinks,
      ...(Object.fromEntries(STANCES.map((s) => [s, sql<number>`${claims[`${s}Links`]}`])) as Record<
        Stance,
        SQL<number>
      >),
    })
    .from(claims)
    .where(eq(claims.workspaceId, team.workspaceId));
  const counted = await team.store.db
    .select({ id: evidence.claimId, stance: evidence.stance, n: count() })
    .from(evidence)
    .innerJoin(sources, eq(sources.id, evidence.sourceId))
    .where(and(isNull(evidence.deletedAt), isNull(sources.deletedAt)))
    .groupBy(evidence.claimId, evidence.stance);
  const of = (id: string, stance?: string) =>
    counted
      .filter((c) => c.id === id && (!stance || c.stance === stance))
      .reduce((n, c) => n + Number(c.n), 0);
  for (const row of rows) {
    expect(row.kept, `claim ${row.id}`).toBe(of(row.id));
    for (const stance of STANCES) expect(row[stance], `claim ${row.id}, ${stance}`).toBe(of(row.id, stance));
  }
  const name = Object.fromEntries(Object.entries(claimIds).map(([k, v]) => [v, k]));
  return Object.fromEntries(rows.map((r) => [name[r.id], r.kept]));
}

/** The evidence table's row count, and its rows (all on one page). */
async function table(filters: Record<string, string> = {}) {
  const page = await getEvidenceTable(team.store, {
    actor: team.owner,
    workspaceId: team.workspaceId,
    filters,
  });
  return { total: page.totalRows, rows: page.rows.length, claims: page.totalClaims };
}

beforeEach(async () => {
  team = await makeTeam();
  const doc = await team.document('Niamey dispatch', DISPATCH);
  claimIds = {
    released: await team.claim(
      team.owner,
      doc,
      'nine detainees were released',
      'Nine detainees were released',
    ),
    convoy: await team.claim(team.owner, doc, 'a convoy reached Agadez', 'A convoy reached Agadez'),
    mediator: await team.claim(team.owner, doc, 'the mediator said', 'A mediator spoke for the talks'),
  };
});

describe("a claim's live evidence links", () => {
  it('follow every write that changes them, and the table counts its rows from them', async () => {
    expect(await kept()).toEqual({ released: 0, convoy: 0, mediator: 0 });
    // A claim without evidence is one row.
    expect(await table()).toEqual({ total: 3, rows: 3, claims: 3 });

    const wire = await link(claimIds.released, { name: 'Sahel Wire' });
    const radio = await link(claimIds.released, { name: 'Radio Agadez' }, 'contradicts');
    const second = await link(claimIds.convoy, { id: radio.sourceId });
    expect(await kept()).toEqual({ released: 2, convoy: 1, mediator: 0 });
    expect(await table()).toEqual({ total: 4, rows: 4, claims: 3 });

    // An edit keeps the link live; its stance moves to the other count.
    expect(await table({ stance: 'supports' })).toEqual({ total: 2, rows: 2, claims: 2 });
    await updateEvidence(team.store, {
      actor: team.owner,
      evidenceId: wire.evidenceId,
      expectedVersion: 1,
      fields: fields('qualifies', 3),
    });
    expect(await kept()).toEqual({ released: 2, convoy: 1, mediator: 0 });
    expect(await table({ stance: 'supports' })).toEqual({ total: 1, rows: 1, claims: 1 });
    expect(await table({ stance: 'qualifies' })).toEqual({ total: 1, rows: 1, claims: 1 });

    // A link to the trash and back.
    await trashEvidence(team.store, { actor: team.owner, evidenceId: second.evidenceId });
    expect(await kept()).toEqual({ released: 2, convoy: 0, mediator: 0 });
    expect(await table()).toEqual({ total: 4, rows: 4, claims: 3 });
    await restoreEvidence(team.store, { actor: team.owner, evidenceId: second.evidenceId });
    expect(await kept()).toEqual({ released: 2, convoy: 1, mediator: 0 });

    // A source to the trash takes its links on every claim, a trashed claim's too; back again.
    await trashClaim(team.store, { actor: team.owner, claimId: claimIds.convoy });
    await trashSource(team.store, { actor: team.owner, sourceId: radio.sourceId });
    expect(await kept()).toEqual({ released: 1, convoy: 0, mediator: 0 });
    expect(await table()).toEqual({ total: 2, rows: 2, claims: 2 });
    await restoreSource(team.store, { actor: team.owner, sourceId: radio.sourceId });
    expect(await kept()).toEqual({ released: 2, convoy: 1, mediator: 0 });
    await restoreClaim(team.store, { actor: team.owner, claimId: claimIds.convoy });
    expect(await table()).toEqual({ total: 4, rows: 4, claims: 3 });

    // A link trashed while its source is in the trash stays out when the source comes back.
    await trashEvidence(team.store, { actor: team.owner, evidenceId: radio.evidenceId });
    await trashSource(team.store, { actor: team.owner, sourceId: radio.sourceId });
    await restoreSource(team.store, { actor: team.owner, sourceId: radio.sourceId });
    expect(await kept()).toEqual({ released: 1, convoy: 1, mediator: 0 });
    expect(await table()).toEqual({ total: 3, rows: 3, claims: 3 });
  });

  it('are not used where a filter keeps only some links: those are counted', async () => {
    const wire = await link(claimIds.released, { name: 'Sahel Wire' });
    await link(claimIds.released, { name: 'Radio Agadez' }, 'contradicts');
    await link(claimIds.convoy, { id: wire.sourceId }, 'contradicts');
    // Two claims have a contradicting link, one each.
    expect(await table({ stance: 'contradicts' })).toEqual({ total: 2, rows: 2, claims: 2 });
    expect(await table({ source: wire.sourceId })).toEqual({ total: 2, rows: 2, claims: 2 });
    expect(await table({ status: 'draft' })).toEqual({ total: 4, rows: 4, claims: 3 });
  });

  it('are carried over by the migration (and by a recount) with the same numbers', async () => {
    await link(claimIds.released, { name: 'Sahel Wire' });
    const radio = await link(claimIds.released, { name: 'Radio Agadez' });
    await link(claimIds.mediator, { id: radio.sourceId }, 'mentions');
    const gone = await link(claimIds.convoy, { id: radio.sourceId });
    await trashEvidence(team.store, { actor: team.owner, evidenceId: gone.evidenceId });
    const before = await kept();
    expect(before).toEqual({ released: 2, convoy: 0, mediator: 1 });

    // The migration's statement, on this engine, over the existing rows.
    const carry = migrationStatement(
      { sqlite: '0021_table_kept_values.sql', postgres: '0012_table_kept_values.sql' },
      'SET evidence_links',
    );
    expect(carry).toMatch(/UPDATE claims SET evidence_links/);
    // And the one of each stance's count.
    const byStance = migrationStatement(
      { sqlite: '0023_stance_links.sql', postgres: '0014_stance_links.sql' },
      'SET supports_links',
    );
    const zero = () =>
      team.store.transaction((tx) =>
        tx.update(claims).set({
          evidenceLinks: 0,
          supportsLinks: 0,
          contradictsLinks: 0,
          qualifiesLinks: 0,
          mentionsLinks: 0,
        }),
      );
    await zero();
    expect((await team.store.db.select({ n: claims.evidenceLinks }).from(claims)).map((r) => r.n)).toEqual([
      0, 0, 0,
    ]);
    await team.store.transaction(async (tx) => {
      await tx.run(sql.raw(carry));
      await tx.run(sql.raw(byStance));
    });
    expect(await kept()).toEqual(before);

    await zero();
    await team.store.transaction((tx) => recountAllEvidenceLinks(tx));
    expect(await kept()).toEqual(before);
  });
});
