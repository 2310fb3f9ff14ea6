/**
 * The shape of the data layer, checked on the source tree (issue 12):
 * - no synchronous driver call (`.get()`, `.all()`, `.run()` on a query) outside the SQLite
 *   engine (db/engines/);
 * - no driver, Drizzle query API or raw SQL outside db/ (routes, actions, pages, lib, scripts and
 *   the bench go through data-layer functions and a store), and the driver's own connection
 *   (`store.connection`, a prepared statement) only in the engine and db/ tests;
 * - no process-wide database global (`getDb`, `setDb`);
 * - no SQLite-specific SQL in db/queries (it belongs to db/dialect.ts);
 * - no throw after a refusal's audit event in the same function: inside a transaction the throw
 *   would roll the event back (the function answers a verdict; its caller throws after COMMIT).
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceTree } from '@/lib/source-tree.testing';

const files = sourceTree(
  ['app', 'components', 'db', 'lib', 'scripts', 'bench', 'e2e'],
  ['instrumentation.ts', 'proxy.ts'],
);

const isTest = (f: string) => /\.test\.tsx?$/.test(f) || f.startsWith('e2e/');
const inEngine = (f: string) => f.startsWith('db/engines/');
const inDb = (f: string) => f.startsWith('db/');

/** `file:line: text` of each line matching `pattern` in the files `where` selects. */
function offenders(where: (file: string) => boolean, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    if (!where(file)) continue;
    text.split('\n').forEach((line, i) => {
      if (pattern.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))
        found.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('the data layer’s shape', () => {
  it('finds the source files it checks', () => {
    expect(files.some((f) => f.file === 'db/queries/claims.ts')).toBe(true);
    expect(files.length).toBeGreaterThan(200);
  });

  it('has no synchronous driver call outside the SQLite engine', () => {
    expect(offenders((f) => !inEngine(f) && !isTest(f), /\.(get|all|run)\(\)/)).toEqual([]);
  });

  it('has no process-wide database global', () => {
    expect(
      offenders((f) => f !== 'db/layering.test.ts', /\b(getDb|setDb|useFreshDatabase)\b|db\/client['"]/),
    ).toEqual([]);
  });

  it('keeps the driver, Drizzle queries and raw SQL inside db/', () => {
    const driver = /from ['"](better-sqlite3|drizzle-orm[^'"]*|pg)['"]|\$client\b/;
    expect(offenders((f) => !inDb(f) && !isTest(f), driver)).toEqual([]);
    // Tests outside db/ use data-layer functions and db/ test support, not the driver.
    expect(offenders((f) => !inDb(f) && isTest(f), /from ['"]better-sqlite3['"]|\$client\b/)).toEqual([]);
  });

  it('reaches the driver’s connection only in the engine and in db/ tests', () => {
    // `store.connection` is better-sqlite3's own handle; `.prepare('…')` is a driver statement.
    const connection = /\.connection\b|\.prepare\(\s*['"`]/;
    expect(offenders((f) => !inEngine(f) && !(inDb(f) && isTest(f)), connection)).toEqual([]);
  });

  it('opens the database only in the engine', () => {
    expect(
      offenders(
        (f) => !inEngine(f) && !isTest(f),
        /from ['"](better-sqlite3|pg)['"]|drizzle-orm\/(better-sqlite3|node-postgres|sqlite-proxy)/,
      ),
    ).toEqual([]);
  });

  it('writes no SQLite-specific SQL in db/queries (db/dialect.ts holds it)', () => {
    const sqliteOnly =
      /collate nocase|json_each|unixepoch|json_group_array|<> '\[\]'|= '\[\]'|escape '\\\\'|sql`0`/i;
    expect(offenders((f) => f.startsWith('db/queries/') && !isTest(f), sqliteOnly)).toEqual([]);
  });

  it('throws nothing after writing a refusal’s audit event in the same function', () => {
    const refusal = /\.(throttled|failed|refused|denied)$/;
    /** `auditRefusalOnce(…)`, or `audit(tx, { action: '….throttled' … })`. */
    const writesRefusal = (call: ts.CallExpression) => {
      const name = call.expression.getText();
      if (/(^|\.)auditRefusalOnce$/.test(name)) return true;
      if (!/(^|\.)audit$/.test(name)) return false;
      return call.arguments.some(
        (a) =>
          ts.isObjectLiteralExpression(a) &&
          a.properties.some(
            (p) =>
              ts.isPropertyAssignment(p) &&
              p.name.getText() === 'action' &&
              ts.isStringLiteral(p.initializer) &&
              refusal.test(p.initializer.text),
          ),
      );
    };
    const found: string[] = [];
    for (const { file, text } of files) {
      if (!inDb(file) || isTest(file) || !/\baudit/.test(text)) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          let written: ts.Node | undefined;
          // This function's own statements, not those of the functions inside it.
          const walk = (n: ts.Node) => {
            if (n !== node && ts.isFunctionLike(n)) return;
            if (ts.isCallExpression(n) && writesRefusal(n)) written ??= n;
            if (ts.isThrowStatement(n) && written)
              found.push(`${file}:${line(n)}: throws after the refusal audited at line ${line(written)}`);
            ts.forEachChild(n, walk);
          };
          walk(node);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});
