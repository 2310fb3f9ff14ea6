import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with Argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('Pétronin was released in 2020');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'Pétronin was released in 2020')).toBe(true);
    expect(await verifyPassword(hash, 'Petronin was released in 2020')).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
  });

  it('answers false for an unknown account or a damaged hash, without throwing', async () => {
    expect(await verifyPassword(undefined, 'anything at all')).toBe(false);
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything at all')).toBe(false);
  });
});

describe('the cap on concurrent Argon2 work', () => {
  it('queues a bounded number and refuses the rest at once with a typed "busy" error', async () => {
    const { argon2Gate, isServerBusy } = await import('./password');
    const { availableParallelism } = await import('node:os');
    const capacity = availableParallelism() + 32; // running + queued, by default
    const results = await Promise.allSettled(
      Array.from({ length: capacity + 5 }, (_, i) => hashPassword(`password number ${i}`)),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    expect(refused.every((r) => isServerBusy((r as PromiseRejectedResult).reason))).toBe(true);
    expect(argon2Gate.stats()).toEqual({ running: 0, queued: 0 });
  }, 60_000);
});
