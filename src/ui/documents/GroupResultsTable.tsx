import type { GroupTable } from "../../domain/publication-view.ts";
import { formatNumber, useApp, useT } from "../../state/index.ts";
import { TableHead } from "./TableHead.tsx";

/** One ranking group's published table: rank, district, region code, total; observers and unranked last. */
export const GroupResultsTable = ({ table, decimals, id }: { table: GroupTable; decimals: number; id: string }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  return (
    <section class="panel" aria-labelledby={id} data-testid={`group-table-${table.group}`}>
      <h3 id={id}>{t("doc.published.groupTable", { group: table.group })}</h3>
      {/* On a phone the table scrolls in its box, so a keyboard must be able to reach and scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is keyboard-reachable (axe scrollable-region-focusable) */}
      <div class="table-scroll" tabIndex={0}>
        <table>
          <TableHead columns={["#doc.col.rank", "doc.col.name", "doc.col.code", "#doc.col.total"]} />
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.participantId}>
                <td class="num">{r.rank ?? t("doc.none")}</td>
                <td>{r.observer ? `${r.name} (${t("doc.ba.observerMark")})` : r.name}</td>
                <td>{r.regionCode}</td>
                <td class="num">{r.total === null ? t("doc.none") : formatNumber(locale, r.total, decimals)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};
