import type { Locale } from "../../domain/types.ts";
import { setLocale, useApp, useT } from "../../state/index.ts";

const LOCALES: Locale[] = ["id", "en"];

export const LanguageSwitch = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  return (
    <fieldset class="lang-switch">
      <legend class="visually-hidden">{t("lang.label")}</legend>
      {LOCALES.map((value) => (
        <label key={value} class={`lang-option ${locale === value ? "is-active" : ""}`}>
          <input
            type="radio"
            name="ui-language"
            value={value}
            checked={locale === value}
            onChange={() => void setLocale(value)}
          />
          {/* A phone shows the short code; the full name stays the option's accessible name. */}
          <span lang={value} class="lang-long">
            {t(value === "id" ? "lang.id" : "lang.en")}
          </span>
          <span class="lang-short" aria-hidden="true">
            {t(value === "id" ? "lang.idShort" : "lang.enShort")}
          </span>
        </label>
      ))}
    </fieldset>
  );
};
