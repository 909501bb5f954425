/*
 * First-run content. Invariant: seeding happens only into an empty database (no
 * edition), so a restart never duplicates or overwrites a coordinator's work.
 * NTB 2021 is seeded without scores, so panelists' tablets start with blank
 * sheets; Maluku 2020 comes with its labelled made-up scores so a coordinator
 * can explore rankings, awards and agreement statistics at once.
 */
import { SYSTEM_ACTORS } from "../domain/audit-wording.ts";
import { maluku2020Sample, ntb2021Sample } from "../domain/templates/index.ts";
import type { JoinCodeResponse } from "../protocol/wire.ts";
import { issueJoinCode } from "./enrolment.ts";
import { importBundle } from "./editions.ts";
import type { Store } from "./store/store-types.ts";

export type SeedResult = { seeded: boolean; editionId: string | null; joinCodes: JoinCodeResponse[] };

export const seedIfEmpty = async (store: Store, now: number): Promise<SeedResult> => {
  if ((await store.editions.count()) > 0) return { seeded: false, editionId: null, joinCodes: [] };
  const { edition, rubric, participants, members } = ntb2021Sample();
  await importBundle(
    store,
    { edition, rubric, participants, members },
    { kind: "system", id: SYSTEM_ACTORS.seed },
    now,
  );
  await importBundle(store, maluku2020Sample(), { kind: "system", id: SYSTEM_ACTORS.seed }, now);
  const joinCodes: JoinCodeResponse[] = [];
  for (const m of members)
    if (m.role !== "coordinator") joinCodes.push(await issueJoinCode(store, edition.id, m.id, now));
  return { seeded: true, editionId: edition.id, joinCodes };
};
