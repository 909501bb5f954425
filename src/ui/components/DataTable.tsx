import type { ComponentChildren } from "preact";

/** A column header: a plain label (also its key), or a label with its own key, numeric alignment or visually hidden text. */
export type Column = string | ColumnSpec;
type ColumnSpec = { key?: string; label: string; numeric?: boolean; hidden?: boolean };

type Props = {
  /** The table's class: "matrix" for editing grids, "results" for figures. */
  variant: "matrix" | "results";
  columns: readonly Column[];
  testId?: string;
  /** The rows (`<tr>`s). */
  children: ComponentChildren;
};

/** A table in a horizontally scrolling box with one header row of column headers; the caller writes the rows. */
export const DataTable = ({ variant, columns, testId, children }: Props) => (
  <div class="table-scroll">
    <table class={variant} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => {
            const spec: ColumnSpec = typeof column === "string" ? { label: column } : column;
            const { key, label, numeric, hidden } = spec;
            return (
              <th scope="col" key={key ?? label} class={numeric ? "num" : undefined}>
                {hidden ? <span class="visually-hidden">{label}</span> : label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);
