import { describe, expect, it } from 'vitest';
import { MAX_PROCESSES, parseProcessCount, restartDelay } from './processes.mjs';

describe('parseProcessCount (WARRANT_PROCESSES)', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    ['  ', 1],
    ['1', 1],
    ['2', 2],
    [' 4 ', 4],
    [String(MAX_PROCESSES), MAX_PROCESSES],
    ['auto', 2],
    ['AUTO', 2],
  ])('reads %j as %i process(es) (on 2 cores)', (value, count) => {
    expect(parseProcessCount(value, 2)).toEqual({ count });
  });

  it('caps "auto" at the most it allows', () => {
    expect(parseProcessCount('auto', 256)).toEqual({ count: MAX_PROCESSES });
  });

  it.each(['0', '-1', '2.5', '1e2', 'two', '65', '0x2', '3 processes'])(
    'refuses %j with a message naming it',
    (value) => {
      const parsed = parseProcessCount(value, 2);
      expect(parsed.count).toBeUndefined();
      expect(parsed.error).toContain('WARRANT_PROCESSES must be a whole number from 1 to 64');
      expect(parsed.error).toContain(`"${value.trim()}"`);
    },
  );
});

describe('restartDelay', () => {
  it.each([
    [0, 0],
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [6, 16_000],
    [7, 30_000],
    [50, 30_000],
  ])('after %i young deaths in a row waits %i ms', (deaths, ms) => {
    expect(restartDelay(deaths)).toBe(ms);
  });
});
