import { translator, type Translate } from "../i18n/translate.ts";
import { useApp } from "./useApp.ts";

/** The translator for the current UI language; re-renders the caller when the language changes. */
export const useT = (): Translate => {
  const locale = useApp((state) => state.locale);
  return translator(locale);
};
