/**
 * One source of truth for each vocabulary: a vocabulary's values are listed once, in its home
 * module (./vocabulary, ./scales, ./permissions); everything else imports the list, or derives a
 * type, a zod enum or a label map from it. This test reads the source tree and fails when a
 * vocabulary's full list of values is written out again as literals anywhere else:
 * - an array literal (a list, a zod enum, a loop over the values),
 * - a union or a tuple of literal types (`'exact' | 'fuzzy' | 'orphaned'`, `['text', 'html']`),
 * - the keys of an object literal or of a type / interface (a label map, a counter), unless the
 *   object is declared with a type (`Record<Vocabulary, …>`, an interface): the compiler then
 *   holds its keys to that type, and the type is checked here itself,
 * - the string values of an object literal (a second copy of a scale's labels),
 * - a chain of comparisons (`s === 'accepted' || s === 'rejected' || s === 'disputed'`).
 * A list that also holds other values counts (e.g. roles spelled out among other callers), and so
 * does a list of string pairs or options (`[['draft', 'Draft'], …]`, `[{ id: 'exact', name: … }]`).
 * A test's expected value (the argument of `expect(…).toEqual(…)` and the like) may spell values
 * out: it pins them on purpose, as lib/quantity.test.ts pins the scales' exact labels.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROLE_LABELS, ROLES } from './permissions';
import { sourceTree } from './source-tree.testing';
import {
  CLAIM_KIND_KEYS,
  CLAIM_KINDS,
  CONFIDENCES,
  CREDIBILITY,
  LIKELIHOOD_KEYS,
  LIKELIHOODS,
  RELIABILITY,
  RELIABILITY_CODES,
  SOURCE_KINDS,
  STANCES,
} from './scales';
import {
  ADJUDICATION_OUTCOMES,
  ANCHOR_STATUSES,
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  DECISION_OUTCOMES,
  NOTIFICATION_KINDS,
  PASTE_FORMATS,
  REVISION_FORMATS,
  SOURCE_FORMATS,
} from './vocabulary';

/** The home modules: the only files that may spell a vocabulary out. */
const HOMES = ['lib/vocabulary.ts', 'lib/scales.ts', 'lib/permissions.ts'];
const SELF = 'lib/vocabulary.test.ts';

const VOCABULARIES: { name: string; values: readonly string[] }[] = [
  { name: 'CLAIM_STATUSES', values: CLAIM_STATUSES },
  { name: 'CLAIM_STATUS_LABELS', values: Object.values(CLAIM_STATUS_LABELS) },
  { name: 'ANCHOR_STATUSES', values: ANCHOR_STATUSES },
  { name: 'PASTE_FORMATS', values: PASTE_FORMATS },
  { name: 'SOURCE_FORMATS', values: SOURCE_FORMATS },
  { name: 'REVISION_FORMATS', values: REVISION_FORMATS },
  { name: 'ADJUDICATION_OUTCOMES', values: ADJUDICATION_OUTCOMES },
  { name: 'DECISION_OUTCOMES', values: DECISION_OUTCOMES },
  { name: 'NOTIFICATION_KINDS', values: NOTIFICATION_KINDS },
  { name: 'RELIABILITY_CODES', values: RELIABILITY_CODES },
  { name: 'RELIABILITY labels', values: Object.values(RELIABILITY) },
  { name: 'CREDIBILITY labels', values: Object.values(CREDIBILITY) },
  { name: 'LIKELIHOOD_KEYS', values: LIKELIHOOD_KEYS },
  { name: 'LIKELIHOODS labels', values: LIKELIHOODS.map((l) => l.label) },
  { name: 'CONFIDENCES', values: CONFIDENCES },
  { name: 'STANCES', values: STANCES },
  { name: 'CLAIM_KIND_KEYS', values: CLAIM_KIND_KEYS },
  { name: 'CLAIM_KINDS labels', values: Object.values(CLAIM_KINDS) },
  { name: 'SOURCE_KINDS', values: SOURCE_KINDS },
  { name: 'ROLES', values: ROLES },
  { name: 'ROLE_LABELS', values: Object.values(ROLE_LABELS) },
];

interface Found {
  line: number;
  what: string;
  values: Set<string>;
}

const literalText = (node: ts.Node): string | undefined =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;

const nameText = (name: ts.PropertyName | undefined): string | undefined =>
  name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    ? name.text
    : undefined;

/**
 * Whether an object literal is declared with a type that fixes its keys (`: T` or `satisfies T`),
 * other than a `Record<string, …>`, which holds any key.
 */
function hasDeclaredKeys(node: ts.ObjectLiteralExpression): boolean {
  const fixes = (type: ts.TypeNode | undefined) =>
    !!type &&
    !(
      ts.isTypeReferenceNode(type) &&
      type.typeName.getText() === 'Record' &&
      type.typeArguments?.[0]?.kind === ts.SyntaxKind.StringKeyword
    );
  let parent = outside(node);
  while (ts.isAsExpression(parent)) parent = outside(parent);
  if (ts.isSatisfiesExpression(parent)) return fixes(parent.type);
  return ts.isVariableDeclaration(parent) && fixes(parent.type);
}

const MATCHERS = new Set([
  'toEqual',
  'toStrictEqual',
  'toMatchObject',
  'toBe',
  'toContain',
  'toContainEqual',
]);

/** Whether the node is (inside) the expected value of a test's assertion. */
function inExpectation(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      MATCHERS.has(n.expression.name.text) &&
      /^expect\b/.test(n.expression.expression.getText())
    )
      return true;
  }
  return false;
}

/**
 * The literals of an array's elements; for a list of string pairs or options
 * (`['draft', 'Draft']`, `{ id: 'exact', name: 'exact' }`), the first string of each. Rows of a
 * test's table of cases (more columns, or other values) are not lists of a vocabulary.
 */
function elementLiterals(node: ts.ArrayLiteralExpression): (string | undefined)[] {
  const pairFirst = (items: (string | undefined)[]) =>
    items.length === 2 && items.every((i) => i !== undefined) ? items[0] : undefined;
  return node.elements.map((e) => {
    if (ts.isArrayLiteralExpression(e)) return pairFirst(e.elements.map(literalText));
    if (ts.isObjectLiteralExpression(e))
      return pairFirst(
        e.properties.map((p) => (ts.isPropertyAssignment(p) ? literalText(p.initializer) : undefined)),
      );
    return literalText(e);
  });
}

/** The string literals compared in one chain of `||` / `&&`. */
function comparedLiterals(node: ts.BinaryExpression, out: Set<string>): void {
  for (const side of [node.left, node.right]) {
    let inner: ts.Expression = side;
    while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
    if (ts.isBinaryExpression(inner)) {
      const op = inner.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
        comparedLiterals(inner, out);
      } else if (
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken
      ) {
        for (const operand of [inner.left, inner.right]) {
          const text = literalText(operand);
          if (text !== undefined) out.add(text);
        }
      }
    }
  }
}

/** The nearest ancestor that is not a pair of parentheses. */
function outside(node: ts.Node): ts.Node {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
  return parent;
}

const isLogical = (node: ts.Node): boolean =>
  ts.isBinaryExpression(node) &&
  (node.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
    node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken);

/** Every list of literals the file writes out, in the forms listed at the top. */
function literalLists(fileName: string, text: string): Found[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: Found[] = [];
  const add = (node: ts.Node, what: string, values: (string | undefined)[]) => {
    const set = new Set(values.filter((v): v is string => v !== undefined));
    if (set.size > 1 && !inExpectation(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what, values: set });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node)) {
      add(node, 'array', elementLiterals(node));
    } else if (ts.isUnionTypeNode(node) || ts.isTupleTypeNode(node)) {
      add(
        node,
        ts.isUnionTypeNode(node) ? 'union type' : 'tuple type',
        (ts.isUnionTypeNode(node) ? node.types : node.elements).map((t) =>
          ts.isLiteralTypeNode(t) ? literalText(t.literal) : undefined,
        ),
      );
    } else if (ts.isObjectLiteralExpression(node)) {
      if (!hasDeclaredKeys(node)) {
        add(
          node,
          'object keys',
          node.properties.map((p) =>
            ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p)
              ? nameText(p.name)
              : undefined,
          ),
        );
      }
      add(
        node,
        'object values',
        node.properties.map((p) => (ts.isPropertyAssignment(p) ? literalText(p.initializer) : undefined)),
      );
    } else if (ts.isTypeLiteralNode(node) || ts.isInterfaceDeclaration(node)) {
      add(
        node,
        'type members',
        node.members.map((m) => nameText(m.name)),
      );
    } else if (ts.isBinaryExpression(node) && isLogical(node) && !isLogical(outside(node))) {
      const set = new Set<string>();
      comparedLiterals(node, set);
      add(node, 'comparisons', [...set]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `file:line: VOCABULARY (form)` for each full list of a vocabulary found in the text. */
function duplicates(fileName: string, text: string): string[] {
  const out: string[] = [];
  // Most files name no vocabulary in full: skip parsing them.
  if (!VOCABULARIES.some((v) => v.values.every((value) => text.includes(value)))) return out;
  for (const list of literalLists(fileName, text)) {
    for (const v of VOCABULARIES) {
      if (v.values.every((value) => list.values.has(value))) {
        out.push(`${fileName}:${list.line}: ${v.name} (${list.what})`);
      }
    }
  }
  return out;
}

describe('one source of truth for each vocabulary', () => {
  it('recognises each form of a written-out list', () => {
    const sample = [
      `const a = ['draft', 'in_review', 'accepted', 'rejected', 'disputed'] as const;`,
      `type S = 'exact' | 'fuzzy' | 'orphaned';`,
      `const f = PASTE.filter(Boolean) as ['text', 'markdown', 'html'];`,
      `const words: Record<string, string> = { text: 'Text', markdown: 'Markdown', html: 'HTML' };`,
      `interface Counts { exact: number; fuzzy: number; orphaned: number }`,
      `const labels = { a: 'low', b: 'moderate', c: 'high' };`,
      `const decided = s === 'accepted' || s === 'rejected' || (s === 'disputed' && x);`,
      `const callers = ['anonymous', 'owner', 'reviewer', 'editor', 'viewer'];`,
      `const options = [['low', 'Low'], ['moderate', 'Moderate'], ['high', 'High']];`,
      `const rows = [['low', 1, true], ['moderate', 2, true], ['high', 3, false]];`,
      `select([{ id: 'exact', name: 'Exact' }, { id: 'fuzzy', name: 'Fuzzy' }, { id: 'orphaned', name: 'Gone' }]);`,
    ].join('\n');
    expect(duplicates('sample.ts', sample)).toEqual([
      'sample.ts:1: CLAIM_STATUSES (array)',
      'sample.ts:1: ADJUDICATION_OUTCOMES (array)',
      'sample.ts:2: ANCHOR_STATUSES (union type)',
      'sample.ts:3: PASTE_FORMATS (tuple type)',
      'sample.ts:4: PASTE_FORMATS (object keys)',
      'sample.ts:5: ANCHOR_STATUSES (type members)',
      'sample.ts:6: CONFIDENCES (object values)',
      'sample.ts:7: ADJUDICATION_OUTCOMES (comparisons)',
      'sample.ts:8: ROLES (array)',
      'sample.ts:9: CONFIDENCES (array)',
      'sample.ts:11: ANCHOR_STATUSES (array)',
    ]);
  });

  it('lets a map declared with its keys’ type, and a test’s expected value, list every value', () => {
    const sample = [
      `const a: Record<AnchorStatus, string> = { exact: 'green', fuzzy: 'amber', orphaned: 'red' };`,
      `const b = { exact: 0, fuzzy: 0, orphaned: 0 } satisfies Record<AnchorStatus, number>;`,
      `const c = ['exact', 'fuzzy'];`,
      `expect(counts).toEqual({ exact: 1, fuzzy: 0, orphaned: 2 });`,
    ].join('\n');
    expect(duplicates('sample.ts', sample)).toEqual([]);
  });

  it('finds no vocabulary written out outside its home module', () => {
    const files = sourceTree(['app', 'components', 'db', 'lib', 'scripts', 'bench', 'e2e']).filter(
      ({ file }) => !HOMES.includes(file) && file !== SELF,
    );
    expect(files.map((f) => f.file)).toContain('db/schema.ts');
    const found = files.flatMap(({ file, text }) => duplicates(file, text));
    expect(found).toEqual([]);
  });
});
