/* A language the user picks while the app is still restoring its last session wins over the remembered one. */
import "fake-indexeddb/auto";
import { afterEach, expect, it } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { setLocale, startApp, stopApp } from "../../src/state/index.ts";
import { openStorage } from "../../src/storage/index.ts";

afterEach(() => stopApp());

it("a language chosen before the restore finished survives it, and the next launch, with the session intact", async () => {
  const name = `panelis-locale-race-${Date.now()}`;
  const { edition, rubric, participants, members } = ntb2021Sample();
  const memberId = members.find((m) => m.assignments.length > 0)?.id ?? null;
  const seed = await openStorage({ name });
  await seed.putEditionBundle({ edition, rubric, participants, members });
  await seed.setSession({ editionId: edition.id, memberId, locale: "id" });
  seed.close();

  appStore.setState(initialAppState());
  // Storage opens only after the user has tapped "English": the slow tablet's cold start.
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const starting = startApp({
    storageName: name,
    openStorageFn: async (options) => {
      await gate;
      return openStorage(options);
    },
  });
  await setLocale("en");
  expect(appStore.getState().locale).toBe("en");
  release();
  await starting;
  expect(appStore.getState().locale).toBe("en");
  expect(appStore.getState().session?.editionId).toBe(edition.id);

  stopApp();
  appStore.setState(initialAppState());
  await startApp({ storageName: name });
  expect(appStore.getState().locale).toBe("en");
  expect(appStore.getState().session).toMatchObject({ editionId: edition.id, memberId });
});
