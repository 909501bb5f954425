import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { appStore } from "../../src/state/app-store.ts";
import { chooseEdition, chooseMember, reloadEditions } from "../../src/state/index.ts";
import { openStorage } from "../../src/storage/index.ts";

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
