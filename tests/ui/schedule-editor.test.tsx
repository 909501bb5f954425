// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { emptySchedule, participantsInOrder } from "../../src/domain/schedule.ts";
import type { EditionSchedule } from "../../src/domain/types.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { ScheduleEditor } from "../../src/ui/coordinator/setup/ScheduleEditor.tsx";

const sample = maluku2020Sample();
const editionId = sample.edition.id;
const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

beforeAll(() => loadCoordinatorMessages());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A server that starts with no saved order and keeps what is PUT. */
const fakeServer = () => {
  const saved: EditionSchedule[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    if (init?.method === "PUT" && url.endsWith("/schedule")) {
      const schedule = JSON.parse(String(init.body)) as EditionSchedule;
      saved.push(schedule);
      return json({ schedule });
    }
    if (url.endsWith("/schedule")) return json({ schedule: emptySchedule(editionId) });
    throw new Error(`unexpected ${init?.method ?? "GET"} ${url}`);
  });
  return saved;
};

describe("the schedule before any order is saved", () => {
  it("saves the proposed order as shown, without a row having to be moved first", async () => {
    const saved = fakeServer();
    render(<ScheduleEditor editionId={editionId} participants={sample.participants} members={sample.members} />);
    await screen.findByTestId("schedule-proposal");
    expect(screen.getByRole("button", { name: "Peserta berikutnya" })).toHaveProperty("disabled", true);
    const save = screen.getByRole("button", { name: "Simpan jadwal" });
    expect(save).toHaveProperty("disabled", false);
    fireEvent.click(save);
    await waitFor(() => expect(saved).toHaveLength(1));
    const shown = participantsInOrder(sample.participants, emptySchedule(editionId)).map((p) => p.id);
    expect(saved[0]?.slots.map((s) => [s.participantId, s.order])).toEqual(shown.map((id, i) => [id, i + 1]));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Peserta berikutnya" })).toHaveProperty("disabled", false),
    );
    expect(screen.queryByTestId("schedule-proposal")).toBeNull();
  });
});
