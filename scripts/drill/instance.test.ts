import { describe, expect, it } from 'vitest';
import { drillReport, markerOf } from './instance';

describe('the drill report', () => {
  it.each([1, 200, 1200])(
    'holds each of its %i markers exactly once (a quote found twice is refused)',
    (n) => {
      const report = drillReport(n);
      for (const i of [0, 1, 2, 9, 10, 11, 99, 100, 101, n - 1]) {
        if (i >= n) continue;
        expect(report.split(markerOf(i)).length - 1).toBe(1);
      }
    },
  );
});
