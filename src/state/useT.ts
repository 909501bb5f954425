import { translator, type Translate } from "../i18n/translate.ts";
import { useAppStore } from "./app-store.ts";

/** The translator for the current UI language; re-renders the caller when the language changes. */
export const useT = (): Translate => {
  const locale = useAppStore((state) => state.locale);
  return translator(locale);
};
