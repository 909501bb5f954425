// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import type { JoinCodeListResponse, JoinCodeResponse } from "../../src/protocol/wire.ts";
import { appStore } from "../../src/state/app-store.ts";
import { coordinatorStore, refreshEdition } from "../../src/state/coordinator.ts";
import { JoinSheet } from "../../src/ui/coordinator/setup/JoinSheet.tsx";
import { seedCoordinatorStore } from "../helpers/coordinator-store.ts";

const sample = ntb2021Sample();
const editionId = sample.edition.id;
const [ketua, anggota, third] = sample.members.filter((m) => m.assignments.length > 0);
const code = (memberId: string, value: string): JoinCodeResponse => ({
  code: value,
  joinUrl: `/#/join/${value}`,
  editionId,
  memberId,
  expiresAt: Date.UTC(2026, 11, 9, 8, 0),
  maxUses: 1,
});

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

beforeAll(() => loadCoordinatorMessages());
beforeEach(() => {
  appStore.setState({ locale: "id" });
  seedCoordinatorStore(sample);
  coordinatorStore.setState({ joinCodes: {}, devices: [] });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the join sheet after the coordinator's laptop reloads", () => {
  it("shows the codes that still work from the server, and says who has joined already", async () => {
    const listed: JoinCodeListResponse = { codes: [code(ketua?.id ?? "", "UR8-MEB")] };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        if (url.includes("/join-codes")) return json(listed);
        if (url.includes("/devices"))
          return json({
            devices: [
              {
                id: "d1",
                name: "Tablet Pak Made",
                editionId,
                memberId: anggota?.id,
                createdAt: 0,
                revokedAt: null,
                lastSeq: 3,
                lastSeenAt: null,
              },
            ],
          });
        if (url.includes("/data")) return json(coordinatorStore.getState().data);
        return json(coordinatorStore.getState().bundle);
      }),
    );
    await refreshEdition(editionId);
    render(<JoinSheet />);
    const ketuaCard = await screen.findByTestId(`join-card-${ketua?.id}`);
    await waitFor(() => expect(within(ketuaCard).getByText("UR8-MEB")).toBeTruthy());
    expect(within(ketuaCard).getByText(/#\/join\/UR8-MEB$/)).toBeTruthy();
    expect(screen.getByTestId(`join-card-${anggota?.id}`).textContent).toContain(
      "Sudah bergabung: Tablet Pak Made. Kode baru hanya perlu untuk tablet pengganti.",
    );
    expect(screen.getByTestId(`join-card-${third?.id}`).textContent).toContain("Belum ada kode yang berlaku.");
  });
});
