// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { computeResults } from "../../src/domain/compute-results.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import type { EditionBundle } from "../../src/domain/types.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { coordinatorStore } from "../../src/state/coordinator.ts";
import { BackupPanel } from "../../src/ui/coordinator/BackupPanel.tsx";
import { DocumentsView } from "../../src/ui/coordinator/DocumentsView.tsx";
import { ProgressView } from "../../src/ui/coordinator/ProgressView.tsx";
import { seedCoordinatorStore } from "../helpers/coordinator-store.ts";

/** The sample with one panelist's paparan far below the others', so moderation lists it. */
const withOutlier = (): EditionBundle => {
  const sample = maluku2020Sample();
  const numeric = sample.scores.filter((s) => s.points !== null);
  for (const target of numeric) {
    const scores = sample.scores.map((s) => (s.key === target.key ? { ...s, points: 0 } : s));
    const bundle = { ...sample, scores };
    if (computeResults(bundle).outliers.length > 0) return bundle;
  }
  throw new Error("no single score makes an outlier in the sample");
};

type Call = { method: string; url: string; body: unknown };
let calls: Call[] = [];
const reply = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json" } });

/** The coordinator API as the screens use it: refreshes get the seeded data back, writes are recorded. */
const stubApi = (answers: Record<string, unknown> = {}) =>
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const state = coordinatorStore.getState();
    const answer = Object.entries(answers).find(([suffix]) => url.endsWith(suffix));
    if (answer) return reply(answer[1]);
    if (url.endsWith("/data")) return reply(state.data);
    if (url.endsWith("/devices")) return reply({ devices: state.devices });
    if (url.endsWith("/editions")) return reply({ editions: state.editions });
    return reply({});
  });

const writes = () => calls.filter((c) => c.method !== "GET");

beforeAll(async () => {
  await loadCoordinatorMessages();
});

beforeEach(() => {
  calls = [];
  stubApi();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("reopening a final sheet", () => {
  it("asks for a reason and refuses an empty one; the reason goes to the server", async () => {
    const sample = maluku2020Sample();
    seedCoordinatorStore(sample);
    render(<ProgressView />);
    const reopen = screen.getAllByRole("button", { name: /^Buka kembali lembar / })[0] as HTMLElement;
    fireEvent.click(reopen);
    const dialog = screen.getByTestId("reopen-dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("Tuliskan alasannya.");
    fireEvent.input(within(dialog).getByLabelText("Alasan membuka kembali"), { target: { value: "   " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
    expect(writes()).toEqual([]);

    fireEvent.input(within(dialog).getByLabelText("Alasan membuka kembali"), {
      target: { value: " Nilai paparan salah ketik " },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Buka kembali" }));
    expect(screen.queryByTestId("reopen-dialog")).toBeNull();
    await waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({ method: "POST", body: { reason: "Nilai paparan salah ketik" } });
    expect(writes()[0]?.url).toMatch(/\/sheets\/[^/]+\/[^/]+\/reopen$/);
  });

  it("cancelling reopens nothing", () => {
    seedCoordinatorStore(maluku2020Sample());
    render(<ProgressView />);
    fireEvent.click(screen.getAllByRole("button", { name: /^Buka kembali lembar / })[0] as HTMLElement);
    fireEvent.click(within(screen.getByTestId("reopen-dialog")).getByRole("button", { name: "Batal" }));
    expect(screen.queryByTestId("reopen-dialog")).toBeNull();
    expect(writes()).toEqual([]);
  });
});

describe("revoking a tablet", () => {
  it("asks first; only the confirmation revokes", async () => {
    const sample = maluku2020Sample();
    seedCoordinatorStore(sample);
    const member = sample.members[0];
    coordinatorStore.setState({
      devices: [
        {
          id: "d_tab1",
          name: "Tablet 1",
          editionId: sample.edition.id,
          memberId: member?.id ?? "",
          createdAt: 0,
          revokedAt: null,
          lastSeq: 3,
          lastSeenAt: null,
        },
      ],
    });
    render(<ProgressView />);
    fireEvent.click(screen.getByRole("button", { name: "Cabut akses" }));
    const dialog = screen.getByTestId("revoke-dialog");
    expect(within(dialog).getByRole("heading").textContent).toBe("Cabut akses tablet Tablet 1?");
    fireEvent.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect(writes()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Cabut akses" }));
    fireEvent.click(within(screen.getByTestId("revoke-dialog")).getByRole("button", { name: "Cabut akses" }));
    await waitFor(() => expect(writes()).toMatchObject([{ method: "DELETE", url: "/api/v1/devices/d_tab1" }]));
  });
});

describe("moderation", () => {
  it("opens the outlier's sheet for that member and district, from where it can be reopened", () => {
    const bundle = withOutlier();
    seedCoordinatorStore(bundle);
    const outlier = computeResults(bundle).outliers[0];
    const member = bundle.members.find((m) => m.id === outlier?.memberId);
    const participant = bundle.participants.find((p) => p.id === outlier?.participantId);
    if (!member || !participant) throw new Error("outlier without member or participant");
    render(<DocumentsView editionId={bundle.edition.id} />);
    fireEvent.click(screen.getByRole("button", { name: `Buka lembar ${member.name} untuk ${participant.name}` }));
    const peek = screen.getByTestId("sheet-peek");
    expect(within(peek).getByRole("heading").textContent).toContain(member.name);
    expect(within(peek).getByRole("heading").textContent).toContain(participant.name);
    expect(within(peek).getAllByText("0").length).toBeGreaterThan(0);
    fireEvent.click(within(peek).getByRole("button", { name: "Buka kembali" }));
    expect(screen.getByTestId("reopen-dialog")).toBeTruthy();
  });
});

const pick = (label: string, content: string) => {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  Object.defineProperty(input, "files", { value: [new File([content], "berkas.json")], configurable: true });
  fireEvent.change(input);
};

describe("backups and tablet files", () => {
  it("restores a backup file and reports what was restored", async () => {
    seedCoordinatorStore(maluku2020Sample());
    stubApi({
      "/editions/restore": {
        editionId: "maluku-2020",
        records: { scores: 120, sheets: 30, nominations: 4 },
        auditEntries: 310,
        publications: 0,
      },
    });
    render(<BackupPanel />);
    pick("Pulihkan dari cadangan", JSON.stringify({ format: "panelis-edition-backup" }));
    expect((await screen.findByTestId("restore-result")).textContent).toBe(
      "Edisi maluku-2020 dipulihkan: 120 nilai, 30 lembar, 4 nominasi, 310 entri audit.",
    );
    expect(writes()).toMatchObject([{ method: "POST", body: { format: "panelis-edition-backup" } }]);
  });

  it("downloads the chosen edition's backup as a file", async () => {
    const sample = maluku2020Sample();
    seedCoordinatorStore(sample);
    coordinatorStore.setState({
      editions: [
        {
          id: "ed-a",
          title: { id: "Edisi A" },
          year: 2020,
          provinceCode: "81",
          provinceName: "Maluku",
          isSample: false,
          version: 1,
          state: "open",
        },
        {
          id: "ed-b",
          title: { id: "Edisi B" },
          year: 2021,
          provinceCode: "81",
          provinceName: "Maluku",
          isSample: false,
          version: 1,
          state: "open",
        },
      ],
    });
    stubApi({ "/backup": { format: "panelis-edition-backup", createdAt: "2026-12-01T05:00:00.000Z" } });
    const saved: string[] = [];
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL: () => {} }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    render(<BackupPanel />);
    fireEvent.change(screen.getByLabelText("Edisi"), { target: { value: "ed-b" } });
    fireEvent.click(screen.getByRole("button", { name: "Unduh cadangan" }));
    await waitFor(() => expect(saved).toEqual(["panelis-ed-b-2026-12-01.json"]));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(["GET /api/v1/editions/ed-b/backup"]);
    click.mockRestore();
  });

  it("says a file that is not JSON cannot be read, and sends nothing", async () => {
    seedCoordinatorStore(maluku2020Sample());
    render(<BackupPanel />);
    pick("Pulihkan dari cadangan", "{ bukan json");
    expect((await screen.findByRole("alert")).textContent).toBe("Berkas tidak dapat dibaca sebagai JSON.");
    expect(writes()).toEqual([]);
  });

  it("imports a tablet's file and shows applied, duplicate and refused counts with the reasons", async () => {
    const sample = maluku2020Sample();
    seedCoordinatorStore(sample);
    const member = sample.members[0];
    const participant = sample.participants[0];
    stubApi({
      "/rescue-import": {
        editionId: sample.edition.id,
        memberId: member?.id,
        deviceId: "d_tab1",
        counts: { applied: 2, duplicate: 1, refused: 1 },
        changes: [
          {
            mutationId: "m4",
            table: "scores",
            participantId: participant?.id,
            outcome: "refused",
            reasonCode: "not-assigned",
            reason: "Anda tidak ditugaskan menilai komponen ini untuk kabupaten/kota ini.",
          },
        ],
      },
    });
    render(<ProgressView />);
    pick("Impor berkas cadangan tablet", JSON.stringify({ format: "panelis-export" }));
    const report = await screen.findByTestId("rescue-report");
    expect(report.textContent).toContain(`Berkas ${member?.name}: 2 diterapkan, 1 sudah ada, 1 ditolak.`);
    expect(within(report).getByRole("listitem").textContent).toBe(
      `${participant?.name}: Anda tidak ditugaskan menilai komponen ini untuk kabupaten/kota ini.`,
    );
  });
});
