/**
 * A counting semaphore with a bounded queue, for expensive work (Argon2) in one process: at most
 * `max` tasks run at once, at most `maxQueue` wait; beyond that `run` refuses at once with a
 * BusyError instead of piling up memory and latency.
 */

export class BusyError extends Error {
  constructor() {
    super('The server is busy. Try again in a few seconds.');
    this.name = 'BusyError';
  }
}

export interface Semaphore {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** True when a new task would be refused. */
  saturated(): boolean;
  stats(): { running: number; queued: number };
}

export function createSemaphore({ max, maxQueue }: { max: number; maxQueue: number }): Semaphore {
  let running = 0;
  const queue: (() => void)[] = [];

  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running--;
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < max) running++;
      else if (queue.length < maxQueue) await new Promise<void>((resolve) => queue.push(resolve));
      else throw new BusyError();
      try {
        return await task();
      } finally {
        release();
      }
    },
    saturated: () => running >= max && queue.length >= maxQueue,
    stats: () => ({ running, queued: queue.length }),
  };
}
