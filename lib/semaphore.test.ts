import { describe, expect, it } from 'vitest';
import { BusyError, createSemaphore } from './semaphore';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createSemaphore', () => {
  it('runs at most `max` tasks at once, queues up to `maxQueue`, refuses beyond', async () => {
    const sem = createSemaphore({ max: 2, maxQueue: 1 });
    const gates = [deferred(), deferred(), deferred()];
    let peak = 0;
    let active = 0;
    const task = (i: number) => () => {
      active++;
      peak = Math.max(peak, active);
      return gates[i]!.promise.then(() => {
        active--;
        return i;
      });
    };
    const runs = [sem.run(task(0)), sem.run(task(1)), sem.run(task(2))];
    expect(sem.stats()).toEqual({ running: 2, queued: 1 });
    expect(sem.saturated()).toBe(true);
    await expect(sem.run(async () => 'never')).rejects.toBeInstanceOf(BusyError);
    gates.forEach((g) => g.resolve());
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(peak).toBe(2);
    expect(sem.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('frees its slot when a task fails', async () => {
    const sem = createSemaphore({ max: 1, maxQueue: 0 });
    await expect(sem.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await sem.run(async () => 'ok')).toBe('ok');
  });

  const table: { max: number; maxQueue: number; tasks: number; refused: number }[] = [
    { max: 1, maxQueue: 0, tasks: 3, refused: 2 },
    { max: 2, maxQueue: 2, tasks: 6, refused: 2 },
    { max: 4, maxQueue: 8, tasks: 10, refused: 0 },
  ];
  it.each(table)(
    'max $max, queue $maxQueue: $tasks at once → $refused refused',
    async ({ max, maxQueue, tasks, refused }) => {
      const sem = createSemaphore({ max, maxQueue });
      const gate = deferred();
      const results = Array.from({ length: tasks }, () =>
        sem
          .run(() => gate.promise)
          .then(
            () => 'ok',
            (e: unknown) => e,
          ),
      );
      gate.resolve();
      const settled = await Promise.all(results);
      expect(settled.filter((r) => r instanceof BusyError)).toHaveLength(refused);
    },
  );
});
