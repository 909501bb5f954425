import { AKSI_NAMES, ALL_AKSI } from "../../../domain/templates/index.ts";
import type { AksiNumber, Edition, EditionMode } from "../../../domain/types.ts";
import { setAksiInScope, updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { pickText, useApp, useT } from "../../../state/index.ts";
import { FieldMessages, invalidProps } from "./FieldMessages.tsx";

const MODES: EditionMode[] = ["offline", "online", "hybrid"];
const MODE_LABEL = {
  offline: "setup.modeOffline",
  online: "setup.modeOnline",
  hybrid: "setup.modeHybrid",
} as const;

const value = (e: Event) => (e.currentTarget as HTMLInputElement).value;

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
    <div class="field">
      <label for={`edition-${key}`}>{t(label)}</label>
      <input
        id={`edition-${key}`}
        type={type as "text"}
        value={edition[key]}
        onInput={(e) => patch({ [key]: value(e) })}
        {...invalidProps(errors, `edition.${key}`)}
      />
      <FieldMessages errors={errors} path={`edition.${key}`} />
    </div>
  );
  const toggleAksi = (aksi: AksiNumber, on: boolean) =>
    setAksiInScope(on ? [...edition.aksiInScope, aksi] : edition.aksiInScope.filter((a) => a !== aksi));
  return (
    <section class="panel" aria-labelledby="details-title">
      <h3 id="details-title">{t("setup.detailsHeading")}</h3>
      <div class="field">
        <label for="edition-title">{t("setup.title")}</label>
        <input
          id="edition-title"
          value={edition.title.id}
          onInput={(e) => patch({ title: { ...edition.title, id: value(e) } })}
          {...invalidProps(errors, "edition.title.id")}
        />
        <FieldMessages errors={errors} path="edition.title.id" />
      </div>
      <div class="field-row">
        <div class="field">
          <span class="label">{t("setup.province")}</span>
          <p data-testid="edition-province">
            {edition.provinceCode} {edition.provinceName}
          </p>
        </div>
        <div class="field">
          <label for="edition-year">{t("setup.year")}</label>
          <input
            id="edition-year"
            type="number"
            inputMode="numeric"
            value={edition.year}
            onInput={(e) => patch({ year: Number(value(e)) })}
            {...invalidProps(errors, "edition.year")}
          />
          <FieldMessages errors={errors} path="edition.year" />
        </div>
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
