import { useMemo, useState } from "preact/hooks";
import { ALL_AKSI } from "../../../domain/templates/index.ts";
import type { AksiNumber } from "../../../domain/types.ts";
import { useCoordinator } from "../../../state/coordinator.ts";
import { startCopyOf, startFromTemplate } from "../../../state/edition-setup.ts";
import { pickText, useApp, useT } from "../../../state/index.ts";
import { regionList } from "./region-list.ts";

type Props = { onStarted: () => void };

/** Start an edition: from the 8-aksi template for a province, or as a copy of an earlier edition. */
export const NewEditionForm = ({ onStarted }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const editions = useCoordinator((s) => s.editions);
  const provinces = useMemo(regionList, []);
  const [mode, setMode] = useState<"template" | "copy">("template");
  const [provinceCode, setProvinceCode] = useState("");
  const [year, setYear] = useState(new Date().getFullYear());
  const [aksi, setAksi] = useState<AksiNumber[]>([...ALL_AKSI]);
  const [sourceId, setSourceId] = useState("");
  const province = provinces.find((p) => p.code === provinceCode);
  const ready = mode === "template" ? province !== undefined && aksi.length > 0 : sourceId !== "";
  const submit = async (event: Event) => {
    event.preventDefault();
    if (mode === "template" && province) {
      startFromTemplate({ provinceCode: province.code, provinceName: province.name, year, aksiInScope: aksi });
      onStarted();
    } else if (mode === "copy" && (await startCopyOf(sourceId, year))) onStarted();
  };
  return (
    <form class="panel" aria-labelledby="new-edition-title" onSubmit={submit}>
      <h3 id="new-edition-title">{t("setup.newHeading")}</h3>
      <fieldset class="field">
        <legend>{t("setup.startFrom")}</legend>
        <div class="check-grid">
          <label class="check">
            <input type="radio" name="new-mode" checked={mode === "template"} onChange={() => setMode("template")} />
            {t("setup.fromTemplate")}
          </label>
          <label class="check">
            <input
              type="radio"
              name="new-mode"
              checked={mode === "copy"}
              disabled={editions.length === 0}
              onChange={() => setMode("copy")}
            />
            {t("setup.fromCopy")}
          </label>
        </div>
      </fieldset>
      {mode === "template" ? (
        <>
          <div class="field">
            <label for="new-province">{t("setup.province")}</label>
            <select
              id="new-province"
              value={provinceCode}
              onChange={(e) => setProvinceCode((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{t("setup.chooseProvince")}</option>
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} {p.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset class="field">
            <legend>{t("setup.aksiInScope")}</legend>
            <div class="check-grid">
              {ALL_AKSI.map((a) => (
                <label class="check" key={a}>
                  <input
                    type="checkbox"
                    checked={aksi.includes(a)}
                    onChange={(e) =>
                      setAksi(
                        (e.currentTarget as HTMLInputElement).checked ? [...aksi, a] : aksi.filter((x) => x !== a),
                      )
                    }
                  />
                  {t("setup.aksiN", { n: a })}
                </label>
              ))}
            </div>
          </fieldset>
        </>
      ) : (
        <div class="field">
          <label for="new-source">{t("setup.copySource")}</label>
          <select
            id="new-source"
            value={sourceId}
            onChange={(e) => setSourceId((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t("setup.chooseEdition")}</option>
            {editions.map((e) => (
              <option key={e.id} value={e.id}>
                {e.year} · {pickText(e.title, locale)}
              </option>
            ))}
          </select>
          <p class="muted">{t("setup.copyHelp")}</p>
        </div>
      )}
      <div class="field">
        <label for="new-year">{t("setup.year")}</label>
        <input
          id="new-year"
          type="number"
          inputMode="numeric"
          value={year}
          onInput={(e) => setYear(Number((e.currentTarget as HTMLInputElement).value))}
        />
      </div>
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={!ready}>
          {t("setup.start")}
        </button>
      </div>
    </form>
  );
};
