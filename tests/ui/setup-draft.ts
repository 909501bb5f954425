/*
 * The set-up screens' tests start each test on a fresh NTB 2021 draft from the template
 * (Aksi 5–8), in Indonesian, with the coordinator's messages loaded.
 */
import { cleanup } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach } from "vitest";
import type { EditionSetup } from "../../src/domain/edition-copy.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { appStore } from "../../src/state/app-store.ts";
import { closeDraft, setupStore, startFromTemplate } from "../../src/state/edition-setup.ts";

export const ntbDraftPerTest = (): void => {
  beforeAll(() => loadCoordinatorMessages());
  beforeEach(() => {
    appStore.setState({ locale: "id" });
    startFromTemplate({
      provinceCode: "52",
      provinceName: "Nusa Tenggara Barat",
      year: 2021,
      aksiInScope: [5, 6, 7, 8],
      id: "ntb-21",
    });
  });
  afterEach(() => {
    cleanup();
    closeDraft();
  });
};

/** The draft being edited; throws when none is open. */
export const draft = (): EditionSetup => {
  const d = setupStore.getState().draft;
  if (!d) throw new Error("no draft");
  return d;
};
