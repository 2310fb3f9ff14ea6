import { describe, expect, it } from 'vitest';
import { FIXTURE_CLAIMS } from './fixtures';
import { evidenceRows } from './rows';
import {
  DEFAULT_COLUMNS,
  displayRow,
  groupRows,
  sortRows,
  tableViewSchema,
  topRows,
  viewToParams,
  type DisplayRow,
} from './table-view';

const rows: DisplayRow[] = FIXTURE_CLAIMS.flatMap(evidenceRows).map(displayRow);

describe('the evidence table view', () => {
  it('has one row per claim × evidence link, claims without evidence included', () => {
    const expected = FIXTURE_CLAIMS.reduce((n, c) => n + Math.max(1, c.evidence.length), 0);
    expect(rows).toHaveLength(expected);
    const bare = FIXTURE_CLAIMS.find((c) => c.evidence.length === 0)!;
    expect(rows.filter((r) => r.claimId === bare.id).map((r) => r.cells.source)).toEqual(['']);
  });

  it('writes ratings as reliability and credibility together, and assessments as ICD 203 labels', () => {
    const rated = rows.find((r) => r.cells.credibility)!;
    expect(rated.cells.credibility).toMatch(/^[A-F][1-6]$/);
    const assessed = rows.find((r) => r.cells.assessments)!;
    expect(assessed.cells.assessments).toMatch(/: .+ \(\d+–\d+%\) · (low|moderate|high) confidence/);
  });

  it.each([
    ['statement', 'asc'],
    ['statement', 'desc'],
    ['source', 'asc'],
    ['credibility', 'desc'],
  ] as const)('sorts by %s %s, blanks last', (key, dir) => {
    const sorted = sortRows(rows, key, dir).map((r) => r.cells[key]);
    const filled = sorted.filter(Boolean);
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const expected = [...filled].sort((a, b) => collator.compare(a, b) * (dir === 'asc' ? 1 : -1));
    expect(filled).toEqual(expected);
    expect(sorted.slice(filled.length).every((v) => v === '')).toBe(true);
  });

  it('sorts quantities by value, not as text', () => {
    const quantities = sortRows(rows, 'quantity', 'asc')
      .map((r) => r.quantityValue)
      .filter((v): v is number => v !== null);
    expect(quantities).toEqual([...quantities].sort((a, b) => a - b));
    expect(new Set(quantities).size).toBeGreaterThan(1);
  });

  it.each(['asc', 'desc'] as const)(
    'sorts likelihood · confidence by the middle assessment, not by the analyst named first (%s)',
    (dir) => {
      const sorted = sortRows(rows, 'assessments', dir);
      const values = sorted.map((r) => r.assessmentValue);
      const filled = values.filter((v): v is number => v !== null);
      expect(filled).toEqual([...filled].sort((a, b) => (dir === 'asc' ? a - b : b - a)));
      expect(new Set(filled).size).toBeGreaterThan(1);
      // Blank (no assessment) last in either direction, and only there.
      expect(values.slice(filled.length).every((v) => v === null)).toBe(true);
      expect(sorted.slice(filled.length).every((r) => r.cells.assessments === '')).toBe(true);
    },
  );

  it('groups by topic with claims without a topic under their own label', () => {
    const groups = groupRows(rows, 'topic');
    expect(groups.map((g) => g.label)).toEqual(
      [...groups.map((g) => g.label)].sort((a, b) => a!.localeCompare(b!)),
    );
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(rows.length);
    expect(groups.some((g) => g.label === 'No topic')).toBe(true);
    expect(groupRows(rows, undefined)).toEqual([{ label: null, rows }]);
  });

  it.each([
    [{}, { view: 'evidence', dir: 'asc', cols: DEFAULT_COLUMNS, rows: 250 }],
    [
      {
        view: 'claims',
        sort: 'quantity',
        dir: 'desc',
        group: 'topic',
        cols: 'source,statement,bogus',
        rows: '50',
      },
      {
        view: 'claims',
        sort: 'quantity',
        dir: 'desc',
        group: 'topic',
        cols: ['source', 'statement'],
        rows: 50,
      },
    ],
    [
      { view: 'pivot', sort: 'nope', group: 'colour', cols: 'bogus', rows: '51' },
      { view: 'evidence', dir: 'asc', cols: DEFAULT_COLUMNS, rows: 250 },
    ],
    [{ rows: '1000' }, { view: 'evidence', dir: 'asc', cols: DEFAULT_COLUMNS, rows: 1000 }],
    [{ rows: 'all' }, { view: 'evidence', dir: 'asc', cols: DEFAULT_COLUMNS, rows: 250 }],
    [{ rows: '100000' }, { view: 'evidence', dir: 'asc', cols: DEFAULT_COLUMNS, rows: 250 }],
  ])('reads the view %j from the URL', (params, expected) => {
    expect(tableViewSchema.parse(params)).toEqual(expected);
  });

  it('writes only what differs from the defaults back to the URL', () => {
    expect(viewToParams(tableViewSchema.parse({}))).toEqual({});
    expect(
      viewToParams(
        tableViewSchema.parse({ sort: 'source', dir: 'desc', cols: 'statement,source', rows: '100' }),
      ),
    ).toEqual({
      sort: 'source',
      dir: 'desc',
      cols: 'statement,source',
      rows: '100',
    });
    expect(viewToParams(tableViewSchema.parse({ rows: '250' }))).toEqual({});
  });

  // Many rows: the fixture's rows again and again, their statements and quantities varied.
  const many: DisplayRow[] = Array.from({ length: 2_500 }, (_, n) => {
    const base = rows[n % rows.length]!;
    const value = (n * 7919) % 1000;
    return {
      ...base,
      cells: {
        ...base.cells,
        statement: n % 11 === 0 ? '' : `${base.cells.statement} (${(n * 104729) % 2500})`,
        quantity: n % 5 === 0 ? '' : `${value} persons`,
      },
      quantityValue: n % 5 === 0 ? null : value,
    };
  });

  it.each([
    ['statement', 'asc', 100],
    ['statement', 'desc', 100],
    ['quantity', 'asc', 37],
    ['quantity', 'desc', 1_000],
    ['credibility', 'asc', 250],
    ['statement', 'asc', 5_000],
  ] as const)('keeps the first rows of all rows by %s %s (limit %i)', (key, dir, limit) => {
    const top = topRows(key, dir, limit);
    for (const row of many) top.add(row);
    expect(top.rows()).toEqual(sortRows(many, key, dir).slice(0, limit));
  });

  it('keeps the first rows as they come when the table is not sorted', () => {
    const top = topRows(undefined, 'asc', 300);
    for (const row of many) top.add(row);
    expect(top.rows()).toEqual(many.slice(0, 300));
    const none = topRows('statement', 'asc', 0);
    for (const row of many.slice(0, 10)) none.add(row);
    expect(none.rows()).toEqual([]);
  });
});
