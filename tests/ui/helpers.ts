import { cleanup } from "@testing-library/preact";
import { afterEach, beforeEach } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { appStore, initialAppState } from "../../src/state/app-store.ts";
import { chooseEdition, chooseMember, reloadEditions, startApp, stopApp } from "../../src/state/index.ts";
import { openStorage, type PanelisStorage } from "../../src/storage/index.ts";

let counter = 0;

/** Each test starts the app on a fresh database and stops it after: the setup every screen test shares. */
export const appPerTest = (label: string): { dbName: () => string } => {
  let name = "";
  beforeEach(async () => {
    counter += 1;
    name = `panelis-${label}-${counter}-${Date.now()}`;
    appStore.setState(initialAppState());
    await startApp({ storageName: name });
  });
  afterEach(() => {
    cleanup();
    stopApp();
  });
  return { dbName: () => name };
};

/** Storage whose opening waits until `release` is called: the moment Dexie is still loading on a tablet. */
export const gatedStorage = () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let opened = false;
  const openStorageFn = async (options: Parameters<typeof openStorage>[0]): Promise<PanelisStorage> => {
    await gate;
    opened = true;
    return openStorage(options);
  };
  return { openStorageFn, release, opened: () => opened };
};

/** The outbox rows still waiting to be sent in database `name`. */
export const pendingIn = async (name: string) => {
  const storage = await openStorage({ name });
  try {
    return await storage.listPending(1000);
  } finally {
    storage.close();
  }
};

/**
 * The NTB 2021 edition as a real (synced) edition on this tablet, the way a join code
 * leaves it — unlike the sample loader, which opens it as practice. With `enrolledAs`,
 * the tablet belongs to that member.
 */
export const openRealEdition = async (dbName: string, memberId: string, enrolledAs?: string) => {
  const { edition, rubric, participants, members } = ntb2021Sample();
  const storage = await openStorage({ name: dbName });
  try {
    await storage.putEditionBundle({ edition, rubric, participants, members });
    if (enrolledAs) await storage.setEnrolment({ editionId: edition.id, memberId: enrolledAs });
  } finally {
    storage.close();
  }
  if (enrolledAs) appStore.setState({ enrolment: { editionId: edition.id, memberId: enrolledAs } });
  await reloadEditions();
  await chooseEdition(edition.id);
  await chooseMember(memberId);
};
