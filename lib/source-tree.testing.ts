/**
 * Test support for the guards that read the source tree (db/layering.test.ts,
 * app/_server/errors.test.ts, lib/vocabulary.test.ts): the project's source files, with their
 * paths relative to the project's root (always with `/`) and their text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

const SKIP = new Set(['node_modules', '.next', 'data', 'test-results', 'playwright-report', '.git']);
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

export interface SourceFile {
  /** Relative to the project's root, with `/`. */
  file: string;
  text: string;
}

/** The source files below `dirs`, plus the single `files`, relative to the project's root. */
export function sourceTree(dirs: readonly string[], files: readonly string[] = []): SourceFile[] {
  return dirs
    .flatMap((d) => walk(path.join(PROJECT_ROOT, d)))
    .concat(files.map((f) => path.join(PROJECT_ROOT, f)))
    .map((full) => ({
      file: path.relative(PROJECT_ROOT, full).split(path.sep).join('/'),
      text: readFileSync(full, 'utf8'),
    }));
}
