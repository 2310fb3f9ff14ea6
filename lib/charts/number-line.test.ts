import { describe, expect, it } from 'vitest';
import { formatTick, numberScale } from './number-line';

describe('numberScale', () => {
  it.each([
    // Ransom figures: €50k beside €10M span a factor of 200 → logarithmic, one tick per power of ten.
    { values: [50_000, 2_500_000, 10_000_000], kind: 'log', ticks: [10_000, 100_000, 1_000_000, 10_000_000] },
    // €2.5M and €10M: a factor of 4 → linear from zero, round steps.
    { values: [2_500_000, 10_000_000], kind: 'linear', ticks: [0, 2e6, 4e6, 6e6, 8e6, 10e6] },
    // Prisoner counts close together.
    { values: [180, 206, 210], kind: 'linear', ticks: [0, 50, 100, 150, 200, 250] },
    // Exactly at the ratio stays linear; just above it does not.
    { values: [1, 20], kind: 'linear', ticks: [0, 5, 10, 15, 20] },
    { values: [1, 21], kind: 'log', ticks: [1, 10, 100] },
    // A zero or a negative value cannot be drawn on a log line.
    { values: [0, 1_000_000], kind: 'linear', ticks: [0, 200_000, 400_000, 600_000, 800_000, 1_000_000] },
    { values: [-3, 0.5], kind: 'linear', ticks: [-3, -2, -1, 0, 1] },
    // One value alone.
    { values: [7], kind: 'linear', ticks: [0, 2, 4, 6, 8] },
    { values: [0.1, 0.3], kind: 'linear', ticks: [0, 0.1, 0.2, 0.3] },
  ])('$values → $kind $ticks', ({ values, kind, ticks }) => {
    const scale = numberScale(values);
    expect(scale.kind).toBe(kind);
    expect(scale.ticks).toEqual(ticks);
    expect(scale.domain).toEqual([ticks[0], ticks.at(-1)]);
    for (const v of values) {
      expect(scale.position(v)).toBeGreaterThanOrEqual(0);
      expect(scale.position(v)).toBeLessThanOrEqual(1);
    }
  });

  it('places values in order, evenly per power of ten on a log line', () => {
    const log = numberScale([50_000, 10_000_000]);
    expect(log.position(10_000)).toBe(0);
    expect(log.position(10_000_000)).toBe(1);
    expect(log.position(100_000)).toBeCloseTo(1 / 3);
    expect(log.position(1_000_000)).toBeCloseTo(2 / 3);
    expect(log.position(50_000)).toBeLessThan(log.position(2_500_000));
    const linear = numberScale([2_500_000, 10_000_000]);
    expect(linear.position(2_500_000)).toBe(0.25);
    expect(linear.position(5_000_000)).toBe(0.5);
    // Outside the domain: clamped to the ends.
    expect(linear.position(20_000_000)).toBe(1);
    expect(linear.position(-1)).toBe(0);
  });

  it('follows a chosen ratio', () => {
    expect(numberScale([2_500_000, 10_000_000], { logRatio: 3 }).kind).toBe('log');
    expect(numberScale([]).kind).toBe('linear');
  });
});

describe('formatTick', () => {
  it.each([
    [50_000, '50k'],
    [2_500_000, '2.5M'],
    [10_000_000, '10M'],
    [1e9, '1B'],
    [0.25, '0.25'],
    [0, '0'],
    [-2000, '-2k'],
  ])('%s → %s', (value, label) => expect(formatTick(value)).toBe(label));
});
