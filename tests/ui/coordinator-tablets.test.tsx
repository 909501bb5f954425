// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { scoreKey as keyOf } from "../../src/domain/keys.ts";
import { emptySchedule } from "../../src/domain/schedule.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import type { BoardResponse } from "../../src/protocol/coordination.ts";
import type { AuditEntryInfo, AuditResponse } from "../../src/protocol/wire.ts";
import { appStore } from "../../src/state/app-store.ts";
import { dayStore } from "../../src/state/edition-day.ts";
import { AuditView } from "../../src/ui/coordinator/AuditView.tsx";
import { LiveBoard } from "../../src/ui/coordinator/LiveBoard.tsx";
import { ProgressView } from "../../src/ui/coordinator/ProgressView.tsx";
import { coordinatorStore } from "../../src/state/coordinator.ts";
import { seedCoordinatorStore } from "../helpers/coordinator-store.ts";

const sample = maluku2020Sample();
const editionId = sample.edition.id;
const [first, second] = sample.members.filter((m) => m.assignments.length > 0);
if (!first || !second) throw new Error("the sample needs two scoring members");
const participant = sample.participants[0];
if (!participant) throw new Error("the sample needs a participant");
const NOW = Date.now();

const board = (): BoardResponse => ({
  editionId,
  state: "open",
  etag: "abc",
  generatedAt: NOW,
  grid: { memberIds: [first.id, second.id], cells: {} } as unknown as BoardResponse["grid"],
  currentParticipantId: null,
  devices: [
    {
      id: "d_baiq",
      name: "Tablet Bu Baiq",
      editionId,
      memberId: first.id,
      createdAt: NOW - 3_600_000,
      revokedAt: null,
      lastSeq: 12,
      lastSeenAt: NOW - 60_000,
      pendingCount: 3,
      pendingAt: NOW - 5 * 60_000,
      attendance: "room",
      refused: 2,
    },
    {
      id: "d_old",
      name: "Perangkat Chrome",
      editionId,
      memberId: second.id,
      createdAt: NOW - 3_600_000,
      revokedAt: null,
      lastSeq: 4,
      lastSeenAt: NOW - 120_000,
      attendance: "remote",
      refused: 0,
    },
  ],
});

const indicator = sample.rubric.components[0]?.indicators[0];
if (!indicator) throw new Error("the sample needs an indicator");
const scoreKey = (memberId: string) => keyOf(editionId, participant.id, indicator.id, memberId);

const audit: AuditEntryInfo[] = [
  {
    id: 1,
    at: NOW - 600_000,
    actorKind: "device",
    actorId: first.id,
    deviceId: "d_baiq",
    table: "scores",
    key: scoreKey(first.id),
    field: "grade",
    old: null,
    new: { level: null, points: 80 },
    mutationId: "m1",
    version: 3,
  },
  {
    id: 2,
    at: NOW - 500_000,
    actorKind: "device",
    actorId: first.id,
    deviceId: "d_baiq",
    table: "scores",
    key: scoreKey(first.id),
    field: "grade",
    old: null,
    new: { grade: { level: null, points: 64 } },
    mutationId: "m2",
    version: null,
    refusedReason: "sheet-finalised",
  },
  {
    id: 3,
    at: NOW - 400_000,
    actorKind: "device",
    actorId: second.id,
    deviceId: "d_old",
    table: "scores",
    key: scoreKey(second.id),
    field: "grade",
    old: null,
    new: { grade: { level: null, points: 50 } },
    mutationId: "m3",
    version: null,
    refusedReason: "not-assigned",
  },
];

beforeAll(async () => {
  await loadCoordinatorMessages();
});

beforeEach(() => {
  localStorage.clear();
  seedCoordinatorStore(sample);
  coordinatorStore.setState({ devices: board().devices.map(({ attendance: _a, refused: _r, ...d }) => d) });
  appStore.setState({ locale: "id" });
  dayStore.setState({ board: null, audit: null, auditPreset: null, schedule: emptySchedule(editionId) });
  // The server as the coordinator's laptop reaches it.
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const body = url.includes("/board")
        ? board()
        : url.includes("/audit")
          ? ({ entries: audit, cursor: 3, more: false } satisfies AuditResponse)
          : {};
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("registered tablets on the progress tab", () => {
  it("say how many changes each sent, in words, and do not repeat the member's name a default name carries", async () => {
    coordinatorStore.setState({
      devices: [
        ...coordinatorStore.getState().devices,
        {
          id: "d_default",
          name: `Tablet ${first.name}`,
          editionId,
          memberId: first.id,
          createdAt: NOW,
          revokedAt: null,
          lastSeq: 0,
          lastSeenAt: null,
        },
      ],
    });
    render(<ProgressView />);
    expect(await screen.findByText(`Tablet Bu Baiq · ${first.name} · 12 perubahan terkirim`)).toBeTruthy();
    expect(screen.getByText(`Tablet ${first.name} · 0 perubahan terkirim`)).toBeTruthy();
    expect(screen.queryByText(/urutan terakhir/)).toBeNull();
    // A final sheet's count and its pill read as two words, not "11/11final".
    const finalCell = screen.getAllByRole("cell").find((c) => c.querySelector(".pill-done"));
    expect(finalCell?.textContent).toMatch(/^\d+\/\d+ final/);
  });
});

describe("tablets on the live board", () => {
  it("shows each member's tablets by name with pending changes as last reported, its age, and refused changes", async () => {
    render(<LiveBoard editionId={editionId} />);
    const baiq = await screen.findByTestId("tablet-d_baiq");
    // The observer's row says what it is, as on Kemajuan, rather than only "not assigned" in every cell.
    const observer = sample.participants.find((p) => p.role === "observer");
    expect(screen.getByRole("rowheader", { name: new RegExp(observer?.name ?? "—") }).textContent).toContain(
      "Peninjau",
    );
    expect(baiq.textContent).toContain("Tablet Bu Baiq");
    expect(within(baiq).getByTestId("tablet-pending").textContent).toBe(
      "3 perubahan menunggu di tablet · dilaporkan 5 menit yang lalu",
    );
    expect(within(baiq).getByRole("link", { name: "2 perubahan ditolak server" })).toBeTruthy();
    const old = screen.getByTestId("tablet-d_old");
    expect(within(old).getByTestId("tablet-pending").textContent).toMatch(/belum dilaporkan/);
    expect(within(old).queryByRole("link")).toBeNull();
    expect(old.textContent).toContain("Tidak ada perubahan yang ditolak");
  });

  it("in English, one pending change is singular", async () => {
    appStore.setState({ locale: "en" });
    const { loadLocale } = await import("../../src/i18n/translate.ts");
    await loadLocale("en");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        const b = board();
        const [d] = b.devices;
        if (d) Object.assign(d, { pendingCount: 1, refused: 1 });
        return new Response(JSON.stringify(b), { status: 200 });
      }),
    );
    render(<LiveBoard editionId={editionId} />);
    const baiq = await screen.findByTestId("tablet-d_baiq");
    expect(within(baiq).getByTestId("tablet-pending").textContent).toBe(
      "1 change waiting on the tablet · reported 5 minutes ago",
    );
    expect(within(baiq).getByRole("link", { name: "1 change refused by the server" })).toBeTruthy();
  });

  it("the refused link opens the audit screen on that tablet's refused changes, in plain words", async () => {
    render(<LiveBoard editionId={editionId} />);
    fireEvent.click(await screen.findByRole("link", { name: "2 perubahan ditolak server" }));
    expect(appStore.getState().route).toMatchObject({ name: "coordinator", editionId, tab: "audit" });
    cleanup();
    render(<AuditView editionId={editionId} />);
    const table = await screen.findByTestId("audit-table");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    expect((screen.getByLabelText("Tablet") as HTMLSelectElement).value).toBe("d_baiq");
    expect(
      (screen.getByRole("checkbox", { name: /Hanya perubahan yang ditolak server/ }) as HTMLInputElement).checked,
    ).toBe(true);
    const row = within(table).getAllByRole("row")[1] as HTMLElement;
    expect(row.textContent).toContain("Ditolak server");
    expect(row.textContent).toContain("Alasan: lembar sudah final (perlu dibuka kembali)");
    expect(row.textContent).toContain(`yang dikirim: Nilai ${indicator.code}: 64`);
  });
});

describe("the audit screen's refused filter", () => {
  it("lists refused changes among the others, marked, and filters to them", async () => {
    render(<AuditView editionId={editionId} />);
    const table = await screen.findByTestId("audit-table");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(4));
    expect(within(table).getAllByText("Ditolak server")).toHaveLength(2);
    expect(table.textContent).toContain("penilai tidak ditugaskan untuk daerah atau komponen ini");
    fireEvent.click(screen.getByRole("checkbox", { name: /Hanya perubahan yang ditolak server/ }));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(3));
    expect(screen.getByRole("status").textContent).toMatch(/2/);
    fireEvent.change(screen.getByLabelText("Tablet"), { target: { value: "d_old" } });
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    expect(table.textContent).toContain("penilai tidak ditugaskan");
  });
});
