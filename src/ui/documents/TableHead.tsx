import { type MessageKey, useT } from "../../state/index.ts";

/** A document table's header row; a leading `#` on a key right-aligns that numeric column. */
export const TableHead = ({ columns }: { columns: readonly (MessageKey | `#${MessageKey}` | null)[] }) => {
  const t = useT();
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          column === null ? null : column.startsWith("#") ? (
            <th key={column} scope="col" class="num">
              {t(column.slice(1) as MessageKey)}
            </th>
          ) : (
            <th key={column} scope="col">
              {t(column as MessageKey)}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
};
