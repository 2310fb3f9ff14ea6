import type { ReactNode } from 'react';

/**
 * A plain data table with a labelled header row. A column named '' is an actions column: it gets
 * the screen-reader name "Actions".
 */
export function DataTable({
  label,
  columns,
  children,
}: {
  label?: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <table className="w-full text-left text-sm" aria-label={label}>
      <thead className="text-xs tracking-wide text-slate-500 uppercase">
        <tr>
          {columns.map((c, i) => (
            <th key={`${c}-${i}`} className="pb-2 font-medium">
              {c || <span className="sr-only">Actions</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
