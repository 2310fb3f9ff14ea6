import { describe, expect, it } from 'vitest';
import { compareLedger, type Attempt, type FoundClaim } from './ledger';

const attempt = (client: number, seq: number, outcome: Attempt['outcome'], extra: Partial<Attempt> = {}) => ({
  statement: `client ${client} write ${seq}`,
  client,
  seq,
  sentAt: seq,
  outcome,
  status: outcome === 'acknowledged' ? 201 : outcome === 'refused' ? 500 : undefined,
  id: outcome === 'acknowledged' ? `id-${client}-${seq}` : undefined,
  ...extra,
});
const found = (client: number, seq: number, id = `id-${client}-${seq}`): FoundClaim => ({
  id,
  statement: `client ${client} write ${seq}`,
});

// Client 1 wrote 1 and 2 (acknowledged) and 3 (no answer: the server died meanwhile).
const LEDGER: Attempt[] = [
  attempt(1, 1, 'acknowledged'),
  attempt(1, 2, 'acknowledged'),
  attempt(1, 3, 'unanswered'),
  attempt(2, 1, 'acknowledged'),
  attempt(2, 2, 'refused'),
];

describe('compareLedger', () => {
  it.each([
    {
      case: 'everything acknowledged is there, the write in flight was not committed',
      claims: [found(1, 1), found(1, 2), found(2, 1)],
      problems: [],
    },
    {
      case: 'the write in flight was committed before the crash (allowed)',
      claims: [found(1, 1), found(1, 2), found(1, 3, 'id-new'), found(2, 1)],
      problems: [],
    },
    {
      case: 'an acknowledged write is missing',
      claims: [found(1, 1), found(2, 1)],
      problems: ['missing: "client 1 write 2" (id-1-2, answered 201)'],
    },
    {
      case: 'an acknowledged write is there under another id',
      claims: [found(1, 1), found(1, 2, 'other'), found(2, 1)],
      problems: ['"client 1 write 2" is there as other, not as the acknowledged id-1-2'],
    },
    {
      case: 'a refused write was applied',
      claims: [found(1, 1), found(1, 2), found(2, 1), found(2, 2, 'x')],
      problems: ['refused with 500 yet present: "client 2 write 2"'],
    },
    {
      case: 'a claim nobody wrote',
      claims: [found(1, 1), found(1, 2), found(2, 1), { id: 'z', statement: 'client 9 write 1' }],
      problems: ['never written: "client 9 write 1"'],
    },
    {
      case: 'a write twice',
      claims: [found(1, 1), found(1, 2), found(1, 2, 'id-1-2b'), found(2, 1)],
      problems: ['present 2 times: "client 1 write 2"'],
    },
  ])('$case', ({ claims, problems }) => {
    const v = compareLedger(LEDGER, claims);
    expect([...v.lost, ...v.phantoms, ...v.gaps]).toEqual(problems);
    expect(v.ok).toBe(problems.length === 0);
    expect(v.required).toBe(3);
  });

  it('finds a gap: a later write of a client without an earlier one (not one moment)', () => {
    const v = compareLedger(LEDGER, [found(1, 1), found(1, 3, 'late'), found(2, 1)], (a) => a.seq === 1);
    expect(v.lost).toEqual([]);
    expect(v.gaps).toEqual(['client 1: write 3 is there but not 2']);
    expect(v.ok).toBe(false);
  });

  it('requires only what the rule says (e.g. acknowledged before a backup began)', () => {
    const v = compareLedger(
      LEDGER,
      [found(1, 1), found(2, 1)],
      (a) => a.outcome === 'acknowledged' && a.seq === 1,
    );
    expect(v).toMatchObject({ required: 2, found: 2, ok: true });
  });
});
