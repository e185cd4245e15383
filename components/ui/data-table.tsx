import type { ReactNode } from "react";
import { TableScroll } from "./table-scroll";

export type Column<T> = {
  /** Header text; an empty string for a column of buttons. */
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers: right-aligned, tabular figures. */
  numeric?: boolean;
  /** Extra classes for this column's cells (e.g. "font-medium", "whitespace-nowrap"). */
  className?: string;
};

export type DataTableProps<T> = {
  /** The table's accessible name (tests and screen readers find it by this). */
  label: string;
  columns: Column<T>[];
  rows: T[];
  /** A row's React key; by default its `id`, else its position. */
  rowKey?: (row: T, index: number) => string | number;
  /**
   * "normal": a list that fills a page (own border, shaded header); "card": inside a card (no border of its
   * own, tighter sides); "compact": dense rows in forms and previews.
   */
  density?: "normal" | "card" | "compact";
  /** Drawn without its own border (always so for density "card"). */
  bare?: boolean;
  /** Shaded header row (by default for density "normal"). */
  shadedHeader?: boolean;
  rowClassName?: (row: T) => string | undefined;
  /** The first column names its row (a row header for screen readers). */
  rowHeader?: boolean;
  /** Shown below the rows, e.g. a "next page" link. */
  footer?: ReactNode;
};

function defaultRowKey(row: unknown, index: number): string | number {
  const id = (row as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? id : index;
}

/**
 * The tables of migbench: a bordered box that scrolls sideways inside its card at phone widths (the first
 * column, which names the row, stays in view), a header of
 * small capitals, right-aligned numbers and a hover tint — written once instead of in every page.
 * A server component; cells are rendered where the table is used.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey = defaultRowKey,
  density = "normal",
  bare = density === "card",
  shadedHeader = density === "normal",
  rowClassName,
  rowHeader = false,
  footer,
}: DataTableProps<T>) {
  const pad = {
    normal: "px-4 py-2",
    card: "px-3 py-2",
    compact: "px-3 py-1.5",
  }[density];
  const cellClass = (c: Column<T>) => [pad, c.numeric ? "num text-right" : "", c.className ?? ""].join(" ").trim();
  return (
    <TableScroll className={bare ? "bg-white" : "rounded-lg border border-slate-200 bg-white"}>
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        <thead
          className={`${shadedHeader ? "bg-slate-50 " : ""}text-left text-xs font-medium uppercase tracking-wide text-slate-500`}
        >
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={[pad, c.numeric ? "text-right" : ""].join(" ").trim()}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className={rowClassName?.(row) ?? "hover:bg-slate-50"}>
              {columns.map((c, i) =>
                rowHeader && i === 0 ? (
                  <th key={i} scope="row" className={`${cellClass(c)} text-left font-medium`}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={i} className={cellClass(c)}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {footer}
    </TableScroll>
  );
}

/** A cell's main text and, under it, a smaller grey line (a user's name, a worker's process). */
export function CellWithDetail({
  main,
  detail,
  children,
}: {
  main: ReactNode;
  detail?: ReactNode;
  /** Anything after them (a badge). */
  children?: ReactNode;
}) {
  return (
    <>
      <span className="font-medium">{main}</span>
      {detail ? <span className="block text-xs text-slate-500">{detail}</span> : null}
      {children}
    </>
  );
}
