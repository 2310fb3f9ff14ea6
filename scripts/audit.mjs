#!/usr/bin/env node
/**
 * The dependency check of CI: `npm audit --omit=dev --audit-level=high`, failing on a finding that
 * is not an accepted exception (scripts/audit-policy.json). When the registry's advisory service
 * cannot be reached (some mirrors answer 405), the check falls back to the policy's floors: the
 * oldest version of each runtime package that has no known high advisory, and packages that must
 * never be installed. It says which of the two it ran.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERIOUS = new Set(['high', 'critical']);

/** -1, 0 or 1, comparing dotted numeric versions; a prerelease sorts before its release. */
export function compareVersions(a, b) {
  const parse = (v) => {
    const [core, pre] = String(v).split('-', 2);
    return { parts: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre: pre ?? null };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** An exception applies while its `until` date (YYYY-MM-DD) has not passed. */
function activeExceptions(policy, today) {
  return (policy.exceptions ?? []).filter((e) => !e.until || e.until >= today);
}

/**
 * The serious findings of `npm audit --json` output that no active exception covers. An exception
 * names the package and, optionally, one advisory (its GHSA id or URL).
 */
export function unexcusedFindings(report, policy, today) {
  const exceptions = activeExceptions(policy, today);
  const findings = [];
  for (const [name, vuln] of Object.entries(report.vulnerabilities ?? {})) {
    if (!SERIOUS.has(vuln.severity)) continue;
    const advisories = (vuln.via ?? []).filter((v) => typeof v === 'object');
    const ids = advisories.length
      ? advisories.map((a) => a.url ?? a.source ?? a.title)
      : [`(through ${vuln.via})`];
    for (const id of ids) {
      const excused = exceptions.some(
        (e) => e.package === name && (!e.advisory || String(id).includes(e.advisory)),
      );
      if (!excused) findings.push(`${name} (${vuln.severity}): ${id}`);
    }
  }
  return findings;
}

/** Runtime packages of a package-lock (v2/v3) as [name, version] pairs, every copy. */
export function runtimePackages(lock) {
  const out = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!key || entry.dev || !entry.version) continue;
    out.push([key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length), entry.version]);
  }
  return out;
}

/** Offline check: every installed copy meets its floor, and no forbidden package is present. */
export function floorViolations(packages, policy) {
  const problems = [];
  const floors = Object.entries(policy.floors ?? {});
  for (const [name, version] of packages) {
    if ((policy.forbidden ?? []).includes(name)) problems.push(`${name} must not be installed`);
    for (const [pattern, floor] of floors) {
      const matches = pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
      if (matches && compareVersions(version, floor) < 0) {
        problems.push(`${name} ${version} is older than ${floor}, the first without a known advisory`);
      }
    }
  }
  return problems;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const policy = JSON.parse(readFileSync(path.join(root, 'scripts', 'audit-policy.json'), 'utf8'));
  const today = new Date().toISOString().slice(0, 10);
  const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report = null;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = null;
  }
  if (report && report.vulnerabilities) {
    const findings = unexcusedFindings(report, policy, today);
    if (findings.length) {
      console.error('npm audit: high or critical advisories in runtime dependencies:');
      for (const f of findings) console.error(`  - ${f}`);
      console.error(
        'Upgrade, or record an accepted exception in scripts/audit-policy.json (see docs/security.md).',
      );
      process.exit(1);
    }
    console.log('npm audit: no unexcused high or critical advisory in runtime dependencies.');
    return;
  }
  const why = report?.message ?? report?.error?.summary ?? (run.stderr || 'no answer').split('\n')[0];
  console.log(
    `npm audit could not reach the advisory service (${why}); checking the policy's floors instead.`,
  );
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const packages = runtimePackages(lock);
  const problems = floorViolations(packages, policy);
  if (problems.length) {
    console.error('Dependency floors not met:');
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(
    `Dependency floors met: ${packages.length} runtime packages checked against ${Object.keys(policy.floors ?? {}).length} floors.`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
