import type { Member } from "../../domain/types.ts";
import { useT } from "../../state/index.ts";

/** The header row of a participants × members grid: one column per member with the role under the name. */
export const MemberHeaderRow = ({ members }: { members: readonly Member[] }) => {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{t("coord.participant")}</th>
        {members.map((m) => (
          <th scope="col" key={m.id}>
            {m.name}
            <span class="muted block">{t(`role.${m.role}`)}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
};
