import { useMemo, useState } from "preact/hooks";
import { participantFromRegency, rankingGroupSuggestions, type Regency } from "../../../domain/regions.ts";
import type { Participant } from "../../../domain/types.ts";
import { updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { useT } from "../../../state/index.ts";
import { DataTable } from "../../components/DataTable.tsx";
import { TextField } from "../../components/Field.tsx";
import { FieldMessages, invalidProps } from "./FieldMessages.tsx";
import { regionList } from "./region-list.ts";

const setParticipants = (recipe: (ps: Participant[]) => Participant[]) =>
  updateDraft((d) => ({ ...d, participants: recipe(d.participants) }));

/** Participants picked from the official region list of the edition's province, with group and observer flag. */
export const ParticipantsPicker = () => {
  const t = useT();
  const edition = useSetup((s) => s.draft?.edition);
  const participants = useSetup((s) => s.draft?.participants ?? []);
  const errors = useSetup((s) => s.errors);
  const [group, setGroup] = useState("");
  const province = useMemo(() => regionList().find((p) => p.code === edition?.provinceCode), [edition?.provinceCode]);
  if (!edition) return null;
  const suggestions = rankingGroupSuggestions(participants, edition.year);
  const picked = new Set(participants.map((p) => p.regionCode));
  const add = (regencies: Regency[]) =>
    setParticipants((ps) => [
      ...ps,
      ...regencies
        .filter((r) => !ps.some((p) => p.regionCode === r.code))
        .map((r) => participantFromRegency(edition.id, r, group.trim())),
    ]);
  const toggle = (r: Regency, on: boolean) =>
    on ? add([r]) : setParticipants((ps) => ps.filter((p) => p.regionCode !== r.code));
  const patch = (id: string, p: Partial<Participant>) =>
    setParticipants((ps) => ps.map((x) => (x.id === id ? { ...x, ...p } : x)));
  return (
    <section class="panel" aria-labelledby="participants-title">
      <h3 id="participants-title">{t("setup.participantsHeading", { province: edition.provinceName })}</h3>
      <datalist id="group-suggestions">
        {suggestions.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <div class="field-row">
        <TextField
          id="new-group"
          label={t("setup.groupForNew")}
          value={group}
          onValue={setGroup}
          input={{ list: "group-suggestions" }}
        />
        <button type="button" class="button" disabled={!province} onClick={() => add(province?.regencies ?? [])}>
          {t("setup.addAll", { count: province?.regencies.length ?? 0 })}
        </button>
      </div>
      {province ? (
        <fieldset class="field">
          <legend>{t("setup.regionList", { province: `${province.code} ${province.name}` })}</legend>
          <div class="check-grid" data-testid="region-list">
            {province.regencies.map((r) => (
              <label class="check" key={r.code}>
                <input
                  type="checkbox"
                  checked={picked.has(r.code)}
                  onChange={(e) => toggle(r, (e.currentTarget as HTMLInputElement).checked)}
                />
                {r.code} {r.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p class="callout">{t("setup.unknownProvince")}</p>
      )}
      <FieldMessages errors={errors} path="participants" below />
      {participants.length === 0 ? (
        <p>{t("setup.noParticipants")}</p>
      ) : (
        <DataTable
          variant="matrix"
          testId="participants-table"
          columns={[
            t("setup.regionCode"),
            t("setup.participantName"),
            t("setup.rankingGroup"),
            t("setup.observer"),
            { label: t("setup.actions"), hidden: true },
          ]}
        >
          {participants.map((p, i) => (
            <tr key={p.id}>
              <td>{p.regionCode}</td>
              <th scope="row">{p.name}</th>
              <td>
                <input
                  aria-label={t("setup.groupOf", { name: p.name })}
                  list="group-suggestions"
                  value={p.rankingGroup}
                  onInput={(e) => patch(p.id, { rankingGroup: (e.currentTarget as HTMLInputElement).value })}
                  {...invalidProps(errors, `participants.${i}.rankingGroup`)}
                />
                <FieldMessages errors={errors} path={`participants.${i}.rankingGroup`} />
              </td>
              <td>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={p.role === "observer"}
                    onChange={(e) =>
                      patch(p.id, { role: (e.currentTarget as HTMLInputElement).checked ? "observer" : "assessed" })
                    }
                  />
                  <span class="visually-hidden">{t("setup.observerOf", { name: p.name })}</span>
                </label>
              </td>
              <td>
                <button
                  type="button"
                  class="button button-quiet"
                  aria-label={t("setup.remove", { item: p.name })}
                  onClick={() => setParticipants((ps) => ps.filter((x) => x.id !== p.id))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <p class="muted">{t("setup.observerHelp")}</p>
    </section>
  );
};
