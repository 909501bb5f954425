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
          <span lang={value}>{t(value === "id" ? "lang.id" : "lang.en")}</span>
        </label>
      ))}
    </fieldset>
  );
};
