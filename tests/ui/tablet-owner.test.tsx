// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { configure, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { appStore } from "../../src/state/app-store.ts";
import { chooseMember, loadSampleEdition, navigate } from "../../src/state/index.ts";
import { openStorage, practiceDbName } from "../../src/storage/index.ts";
import { App } from "../../src/ui/App.tsx";
import { appPerTest, openRealEdition, pendingIn } from "./helpers.ts";

// A shared, busy machine: give storage round trips time before a query gives up.
configure({ asyncUtilTimeout: 5000 });

const bundle = ntb2021Sample();
const OWNER = "ntb21-anggota-1";
const OTHER = "ntb21-anggota-2";

const outboxOf = pendingIn;

const app = appPerTest("owner");

describe("an enrolled tablet belongs to its member", () => {
  it("offers no switch and refuses to open another member's sheet", async () => {
    await openRealEdition(app.dbName(), OWNER, OWNER);
    render(<App />);
    await screen.findByText(/Tablet ini milik penilai ini/);
    expect(screen.queryByRole("button", { name: /Ganti penilai/ })).toBeNull();
    await chooseMember(OTHER);
    expect(appStore.getState().session?.memberId).toBe(OWNER);
    expect(await screen.findByText(/minta kode gabung baru/)).toBeTruthy();
    await chooseMember(null);
    expect(appStore.getState().session?.memberId).toBe(OWNER);
  });
});

describe("the sample edition is a practice space", () => {
  it("says Latihan everywhere, keeps practice scores apart and never in the outbox", async () => {
    await loadSampleEdition();
    await chooseMember(OTHER);
    render(<App />);
    expect(await screen.findByTestId("practice-badge")).toHaveProperty("textContent", "Latihan");
    const participantId = bundle.participants[0]?.id ?? "";
    navigate({ name: "score", participantId });
    await screen.findByRole("heading", { level: 1, name: /Lombok Barat/ }, { timeout: 5000 });
    expect(screen.getByTestId("practice-badge")).toBeTruthy();
    const input = screen.getByTestId("points-P1") as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.input(input, { target: { value: "77" } });
    fireEvent.blur(input);
    await within(screen.getByTestId("indicator-P1")).findByText(/Tersimpan di perangkat ini/);
    // Stored apart: the practice database has the score, no outbox entry anywhere.
    const practice = await openStorage({ name: practiceDbName(app.dbName()) });
    try {
      const data = await practice.loadMemberData(bundle.edition.id, OTHER);
      expect(data.scores.map((s) => s.points)).toEqual([77]);
      expect(await practice.listPending(100)).toEqual([]);
    } finally {
      practice.close();
    }
    expect(await outboxOf(app.dbName())).toEqual([]);
    const real = await openStorage({ name: app.dbName() });
    try {
      expect(await real.listEditions()).toEqual([]);
    } finally {
      real.close();
    }
    await waitFor(() => expect(appStore.getState().pending).toBe(0));
  });
});

describe("a change the server refused", () => {
  it("is listed as 'Tidak diterima server' with what was typed and why, marks the field, and is in the export", async () => {
    const { exportBackup } = await import("../../src/state/index.ts");
    await openRealEdition(app.dbName(), OWNER);
    render(<App />);
    const participantId = bundle.participants[0]?.id ?? "";
    navigate({ name: "score", participantId });
    await screen.findByRole("heading", { level: 1, name: /Lombok Barat/ }, { timeout: 5000 });
    const input = screen.getByTestId("points-P1") as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.input(input, { target: { value: "86,5" } });
    fireEvent.blur(input);
    await waitFor(async () => expect(await outboxOf(app.dbName())).toHaveLength(1));
    // The sync worker's side: the server refused it (the coordinator finalised the sheet meanwhile).
    const storage = await openStorage({ name: app.dbName() });
    try {
      const [pending] = await storage.listPending(10);
      await storage.markHandled([
        {
          mutationId: pending?.mutation.mutationId ?? "",
          status: "rejected",
          reasonCode: "sheet-finalised",
          reason: "Lembar sudah final",
          serverRecord: null,
        },
      ]);
    } finally {
      storage.close();
    }
    const list = await screen.findByTestId("refused-changes");
    expect(list.textContent).toContain("Tidak diterima server");
    expect(list.textContent).toContain("86,5");
    expect(list.textContent).toContain("Minta koordinator membukanya kembali");
    await waitFor(() => expect((screen.getByTestId("points-P1") as HTMLInputElement).value).toBe(""));
    expect(within(screen.getByTestId("indicator-P1")).getByTestId("refused-marker")).toBeTruthy();
    const file = JSON.parse((await exportBackup()).json) as { refused: { typed: unknown; reasonCode: string }[] };
    expect(file.refused).toEqual([
      expect.objectContaining({ typed: { grade: { level: null, points: 86.5 } }, reasonCode: "sheet-finalised" }),
    ]);
  });
});
