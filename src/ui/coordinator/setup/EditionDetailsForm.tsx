import { AKSI_NAMES, ALL_AKSI } from "../../../domain/templates/index.ts";
import type { AksiNumber, Edition, EditionMode } from "../../../domain/types.ts";
import { setAksiInScope, updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { pickText, useApp, useT } from "../../../state/index.ts";
import { CheckedTextField, FieldMessages } from "./FieldMessages.tsx";

const MODES: EditionMode[] = ["offline", "online", "hybrid"];
const MODE_LABEL = {
  offline: "setup.modeOffline",
  online: "setup.modeOnline",
  hybrid: "setup.modeHybrid",
} as const;

/** Title, province, years, aksi in scope, mode, dates and venue of the edition being set up. */
export const EditionDetailsForm = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const edition = useSetup((s) => s.draft?.edition);
  const errors = useSetup((s) => s.errors);
  if (!edition) return null;
  const patch = (p: Partial<Edition>) => updateDraft((d) => ({ ...d, edition: { ...d.edition, ...p } }));
  const text = (
    key: "venue" | "periodAssessed" | "startDate" | "endDate",
    label: Parameters<typeof t>[0],
    type: "text" | "date" = "text",
  ) => (
    <CheckedTextField
      id={`edition-${key}`}
      label={t(label)}
      value={edition[key]}
      onValue={(v) => patch({ [key]: v })}
      input={{ type }}
      errors={errors}
      path={`edition.${key}`}
    />
  );
  const toggleAksi = (aksi: AksiNumber, on: boolean) =>
    setAksiInScope(on ? [...edition.aksiInScope, aksi] : edition.aksiInScope.filter((a) => a !== aksi));
  return (
    <section class="panel" aria-labelledby="details-title">
      <h3 id="details-title">{t("setup.detailsHeading")}</h3>
      <CheckedTextField
        id="edition-title"
        label={t("setup.title")}
        value={edition.title.id}
        onValue={(v) => patch({ title: { ...edition.title, id: v } })}
        errors={errors}
        path="edition.title.id"
      />
      <div class="field-row">
        <div class="field">
          <span class="label">{t("setup.province")}</span>
          <p data-testid="edition-province">
            {edition.provinceCode} {edition.provinceName}
          </p>
        </div>
        <CheckedTextField
          id="edition-year"
          label={t("setup.year")}
          value={edition.year}
          onValue={(v) => patch({ year: Number(v) })}
          input={{ type: "number", inputMode: "numeric" }}
          errors={errors}
          path="edition.year"
        />
        {text("periodAssessed", "setup.periodAssessed")}
      </div>
      <fieldset class="field">
        <legend>{t("setup.aksiInScope")}</legend>
        <div class="check-grid">
          {ALL_AKSI.map((aksi) => (
            <label class="check" key={aksi}>
              <input
                type="checkbox"
                checked={edition.aksiInScope.includes(aksi)}
                onChange={(e) => toggleAksi(aksi, (e.currentTarget as HTMLInputElement).checked)}
              />
              {t("setup.aksiN", { n: aksi })} · {pickText(AKSI_NAMES[aksi], locale)}
            </label>
          ))}
        </div>
        <FieldMessages errors={errors} path="edition.aksiInScope" />
      </fieldset>
      <fieldset class="field">
        <legend>{t("setup.mode")}</legend>
        <div class="check-grid">
          {MODES.map((mode) => (
            <label class="check" key={mode}>
              <input
                type="radio"
                name="edition-mode"
                checked={edition.mode === mode}
                onChange={() => patch({ mode })}
              />
              {t(MODE_LABEL[mode])}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field-row">
        {text("startDate", "setup.startDate", "date")}
        {text("endDate", "setup.endDate", "date")}
      </div>
      {text("venue", "setup.venue")}
    </section>
  );
};
