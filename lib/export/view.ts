/**
 * The evidence table exported as it is shown: the columns the analyst chose, in their order, the
 * rows in the table's order (its sort column, then as read), and its grouping (a first column
 * naming each row's group, groups in the page's order). "All columns" is the full CSV and workbook
 * (./rows.ts); this is the view.
 *
 * The table's order is over all rows, not the first page's: with a sort or a grouping the rows are
 * held (as their cells only) until the last is read; without either they stream.
 */
import type { Cell } from './neutralize';
import type { ExportSourceData } from './model';
import { evidenceRows } from './rows';
import {
  displayRow,
  groupRows,
  GROUPS,
  sortRows,
  TABLE_COLUMNS,
  type ColumnKey,
  type DisplayRow,
  type GroupKey,
} from './table-view';

export interface ViewExport {
  cols: ColumnKey[];
  sort?: ColumnKey;
  dir: 'asc' | 'desc';
  group?: GroupKey;
}

export function viewHeaders(view: ViewExport): string[] {
  return [...(view.group ? [GROUPS[view.group]] : []), ...view.cols.map((c) => TABLE_COLUMNS[c])];
}

/** The view's rows, each its cells in the view's columns (the group first when grouped). */
export async function* viewRows(
  data: Pick<ExportSourceData, 'claims'>,
  view: ViewExport,
): AsyncGenerator<Cell[]> {
  const cellsOf = (row: DisplayRow, group: string | null): Cell[] => [
    ...(group !== null ? [group] : []),
    ...view.cols.map((c) => row.cells[c] || null),
  ];
  if (!view.sort && !view.group) {
    for await (const claim of data.claims())
      for (const row of evidenceRows(claim)) yield cellsOf(displayRow(row), null);
    return;
  }
  // Only what the ordering needs is kept: the cells, the sort key and the group label.
  const held: DisplayRow[] = [];
  for await (const claim of data.claims()) {
    for (const row of evidenceRows(claim)) {
      const shown = displayRow(row);
      held.push({
        claimId: '',
        cells: Object.fromEntries(
          view.cols.concat(view.sort ? [view.sort] : []).map((c) => [c, shown.cells[c]]),
        ) as DisplayRow['cells'],
        quantityValue: shown.quantityValue,
        assessmentValue: shown.assessmentValue,
        group: view.group ? ({ [view.group]: shown.group[view.group] } as DisplayRow['group']) : shown.group,
      });
    }
  }
  for (const { label, rows } of groupRows(sortRows(held, view.sort, view.dir), view.group)) {
    for (const row of rows) yield cellsOf(row, label);
  }
}
