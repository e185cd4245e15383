/**
 * A chart's numbers as a table, folded under it: the chart's text alternative, and what a reader copies.
 * `rows` are already formatted, with units.
 */
export function ChartData({ label, columns, rows }: { label: string; columns: string[]; rows: string[][] }) {
  if (!rows.length) return null;
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer select-none text-sky-700 hover:underline">Data table</summary>
      <div className="table-scroll mt-2">
        <table aria-label={`${label}: data`} className="min-w-full divide-y divide-slate-200">
          <thead className="text-left font-medium text-slate-500">
            <tr>
              {columns.map((c, i) => (
                <th key={c} scope="col" className={`px-2 py-1 ${i ? "text-right" : ""}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) =>
                  i ? (
                    <td key={i} className="num px-2 py-1 text-right">
                      {cell}
                    </td>
                  ) : (
                    <th key={i} scope="row" className="px-2 py-1 text-left font-normal">
                      {cell}
                    </th>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
