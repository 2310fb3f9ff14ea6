import { describe, expect, it } from 'vitest';
import { compareVersions, floorViolations, runtimePackages, unexcusedFindings } from './audit.mjs';

describe('compareVersions', () => {
  it.each([
    ['16.4.6', '16.4.6', 0],
    ['16.4.5', '16.4.6', -1],
    ['16.10.0', '16.9.9', 1],
    ['4.24.15', '4.24.2', 1],
    ['3.30.4', '3.30', 1],
    ['3.4.0-rc.1', '3.4.0', -1],
    ['3.4.0', '3.4.0-rc.1', 1],
    ['12.8.0', '12.11.1', -1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

const policy = {
  floors: { next: '16.4.6', '@tiptap/*': '3.30.4' },
  forbidden: ['xlsx'],
  exceptions: [
    { package: 'glob-lib', advisory: 'GHSA-aaaa', reason: 'only in a build step', until: '2027-01-31' },
    { package: 'old-lib', reason: 'expired', until: '2026-01-01' },
  ],
};

describe('unexcusedFindings', () => {
  const report = {
    vulnerabilities: {
      'glob-lib': {
        severity: 'high',
        via: [
          { url: 'https://github.com/advisories/GHSA-aaaa' },
          { url: 'https://github.com/advisories/GHSA-bbbb' },
        ],
      },
      'old-lib': { severity: 'critical', via: [{ url: 'https://github.com/advisories/GHSA-cccc' }] },
      'minor-lib': { severity: 'moderate', via: [{ url: 'https://github.com/advisories/GHSA-dddd' }] },
      'wrapper-lib': { severity: 'high', via: ['glob-lib'] },
    },
  };

  it('keeps high and critical findings that no live exception covers', () => {
    expect(unexcusedFindings(report, policy, '2026-12-04')).toEqual([
      'glob-lib (high): https://github.com/advisories/GHSA-bbbb',
      'old-lib (critical): https://github.com/advisories/GHSA-cccc',
      'wrapper-lib (high): (through glob-lib)',
    ]);
  });

  it('drops an exception once its date has passed', () => {
    expect(unexcusedFindings(report, policy, '2027-02-01')).toContain(
      'glob-lib (high): https://github.com/advisories/GHSA-aaaa',
    );
  });

  it('finds nothing in a clean report', () => {
    expect(unexcusedFindings({ vulnerabilities: {} }, policy, '2026-12-04')).toEqual([]);
  });
});

describe('floors', () => {
  const lock = {
    packages: {
      '': { name: 'warrant' },
      'node_modules/next': { version: '16.4.6' },
      'node_modules/@tiptap/core': { version: '3.29.0' },
      'node_modules/a/node_modules/@tiptap/pm': { version: '3.31.0' },
      'node_modules/xlsx': { version: '0.18.5' },
      'node_modules/vitest': { version: '4.1.12', dev: true },
    },
  };

  it('lists every runtime copy, nested ones included, and leaves dev packages out', () => {
    expect(runtimePackages(lock)).toEqual([
      ['next', '16.4.6'],
      ['@tiptap/core', '3.29.0'],
      ['@tiptap/pm', '3.31.0'],
      ['xlsx', '0.18.5'],
    ]);
  });

  it('names a package under its floor and a forbidden one', () => {
    expect(floorViolations(runtimePackages(lock), policy)).toEqual([
      '@tiptap/core 3.29.0 is older than 3.30.4, the first without a known advisory',
      'xlsx must not be installed',
    ]);
  });
});
