import { useMemo, useState } from "preact/hooks";
import { ALL_AKSI } from "../../../domain/templates/index.ts";
import type { AksiNumber } from "../../../domain/types.ts";
import { useCoordinator } from "../../../state/coordinator.ts";
import { startCopyOf, startFromTemplate } from "../../../state/edition-setup.ts";
import { pickText, useApp, useT } from "../../../state/index.ts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { regionList } from "./region-list.ts";

type Props = { onStarted: () => void };

type Missing = "province" | "aksi" | "source";

const MISSING_FOCUS: Record<Missing, string> = { province: "new-province", aksi: "new-aksi-1", source: "new-source" };

const missingFor = (mode: "template" | "copy", hasProvince: boolean, aksiCount: number, sourceId: string) =>
  mode === "copy" ? (sourceId === "" ? "source" : null) : !hasProvince ? "province" : aksiCount === 0 ? "aksi" : null;

const MissingError = ({ text }: { text: string }) => (
  <p class="field-error" role="alert">
    {text}
  </p>
);

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
  // What the last press of "Mulai menyusun" found missing: the button stays enabled and says why instead of
  // sitting greyed out with no reason a new coordinator could see.
  const [missing, setMissing] = useState<Missing | null>(null);
  const province = provinces.find((p) => p.code === provinceCode);
  const submit = async (event: Event) => {
    event.preventDefault();
    const gap = missingFor(mode, province !== undefined, aksi.length, sourceId);
    setMissing(gap);
    if (gap !== null) {
      document.getElementById(MISSING_FOCUS[gap])?.focus();
      return;
    }
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
            <input
              type="radio"
              name="new-mode"
              checked={mode === "template"}
              onChange={() => {
                setMode("template");
                setMissing(null);
              }}
            />
            {t("setup.fromTemplate")}
          </label>
          <label class="check">
            <input
              type="radio"
              name="new-mode"
              checked={mode === "copy"}
              disabled={editions.length === 0}
              onChange={() => {
                setMode("copy");
                setMissing(null);
              }}
            />
            {t("setup.fromCopy")}
          </label>
        </div>
      </fieldset>
      {mode === "template" ? (
        <>
          <SelectField
            id="new-province"
            label={t("setup.province")}
            value={provinceCode}
            onValue={(code) => {
              setProvinceCode(code);
              setMissing(null);
            }}
            placeholder={t("setup.chooseProvince")}
            options={provinces.map((p) => [p.code, `${p.code} ${p.name}`])}
          >
            {missing === "province" ? <MissingError text={t("setup.needProvince")} /> : null}
          </SelectField>
          <fieldset class="field">
            <legend>{t("setup.aksiInScope")}</legend>
            <div class="check-grid">
              {ALL_AKSI.map((a) => (
                <label class="check" key={a}>
                  <input
                    id={`new-aksi-${a}`}
                    type="checkbox"
                    checked={aksi.includes(a)}
                    onChange={(e) => {
                      setAksi(
                        (e.currentTarget as HTMLInputElement).checked ? [...aksi, a] : aksi.filter((x) => x !== a),
                      );
                      setMissing(null);
                    }}
                  />
                  {t("setup.aksiN", { n: a })}
                </label>
              ))}
            </div>
            {missing === "aksi" ? <MissingError text={t("setup.needAksi")} /> : null}
          </fieldset>
        </>
      ) : (
        <SelectField
          id="new-source"
          label={t("setup.copySource")}
          value={sourceId}
          onValue={(id) => {
            setSourceId(id);
            setMissing(null);
          }}
          placeholder={t("setup.chooseEdition")}
          options={editions.map((e) => [e.id, `${e.year} · ${pickText(e.title, locale)}`])}
        >
          <p class="muted">{t("setup.copyHelp")}</p>
          {missing === "source" ? <MissingError text={t("setup.needSource")} /> : null}
        </SelectField>
      )}
      <TextField
        id="new-year"
        label={t("setup.year")}
        value={year}
        onValue={(v) => setYear(Number(v))}
        input={{ type: "number", inputMode: "numeric" }}
      />
      <div class="toolbar">
        <button type="submit" class="button button-primary">
          {t("setup.start")}
        </button>
      </div>
    </form>
  );
};
