// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { updateDraft } from "../../src/state/edition-setup.ts";
import { PanelMatrix } from "../../src/ui/coordinator/setup/PanelMatrix.tsx";
import { ParticipantsPicker } from "../../src/ui/coordinator/setup/ParticipantsPicker.tsx";
import { SettingsForm } from "../../src/ui/coordinator/setup/SettingsForm.tsx";
import { draft, ntbDraftPerTest } from "./setup-draft.ts";

ntbDraftPerTest();
const check = (label: string) => fireEvent.click(screen.getByLabelText(label));
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe("participants from the region list", () => {
  it("adds all of NTB with Kemendagri codes and a group, marks an observer, and removes one", () => {
    render(<ParticipantsPicker />);
    type("Kelompok peringkat untuk peserta yang ditambahkan", "Lokus 2021");
    fireEvent.click(screen.getByText("Tambah semua kabupaten/kota provinsi ini (10)"));
    expect(draft().participants.map((p) => `${p.regionCode} ${p.name} ${p.kind}`)).toContain("5271 Kota Mataram kota");
    expect(draft().participants).toHaveLength(10);
    expect(new Set(draft().participants.map((p) => p.rankingGroup))).toEqual(new Set(["Lokus 2021"]));
    check("Kota Mataram sebagai peninjau");
    expect(draft().participants.find((p) => p.regionCode === "5271")?.role).toBe("observer");
    check("5272 Kota Bima");
    expect(draft().participants.map((p) => p.regionCode)).not.toContain("5272");
  });
});

describe("assignment matrix", () => {
  const twoMembers = () => {
    updateDraft((d) => ({
      ...d,
      participants: ["5201", "5202", "5271"].map((code, i) => ({
        id: `p-${code}`,
        editionId: d.edition.id,
        regionCode: code,
        name: ["Lombok Barat", "Lombok Tengah", "Kota Mataram"][i] as string,
        kind: i === 2 ? ("kota" as const) : ("kabupaten" as const),
        rankingGroup: "G",
        role: i === 2 ? ("observer" as const) : ("assessed" as const),
      })),
    }));
    render(<PanelMatrix />);
    fireEvent.click(screen.getByText("Tambah anggota"));
    fireEvent.click(screen.getByText("Tambah anggota"));
  };

  it("a cell assigns the component for every assessed participant; exceptions add the observer or drop one", () => {
    twoMembers();
    const [first] = draft().members;
    fireEvent.input(document.getElementById("member-0-name") as HTMLElement, { target: { value: "Bu Baiq" } });
    fireEvent.input(document.getElementById("member-1-name") as HTMLElement, { target: { value: "Pak Lalu" } });
    check("Bu Baiq menilai Paparan");
    const baiq = () => draft().members.find((m) => m.id === first?.id);
    expect(baiq()?.assignments).toEqual([{ componentId: "paparan", participantIds: ["p-5201", "p-5202"] }]);
    const cell = (screen.getByLabelText("Bu Baiq menilai Paparan") as HTMLElement).closest("td");
    expect(cell?.getAttribute("data-cell")).toBe("all");
    fireEvent.click(screen.getByLabelText("Peserta yang dinilai Bu Baiq untuk Paparan"));
    fireEvent.click(screen.getByLabelText("Lombok Tengah"));
    expect(baiq()?.assignments[0]?.participantIds).toEqual(["p-5201"]);
    expect(cell?.getAttribute("data-cell")).toBe("some");
    expect((screen.getByLabelText("Bu Baiq menilai Paparan") as HTMLInputElement).indeterminate).toBe(true);
    fireEvent.click(screen.getByLabelText(/Kota Mataram/));
    expect(baiq()?.assignments[0]?.participantIds).toEqual(["p-5201", "p-5271"]);
    // Pak Lalu is untouched by all of this.
    expect(draft().members[1]?.assignments).toEqual([]);
    check("Bu Baiq menilai Paparan");
    expect(baiq()?.assignments).toEqual([{ componentId: "paparan", participantIds: ["p-5201", "p-5202"] }]);
  });

  it("the 'all members' row ticks a component for the whole panel, shows a mixed panel, and clears it", () => {
    twoMembers();
    fireEvent.input(document.getElementById("member-0-name") as HTMLElement, { target: { value: "Bu Baiq" } });
    fireEvent.input(document.getElementById("member-1-name") as HTMLElement, { target: { value: "Pak Lalu" } });
    const all = () => screen.getByLabelText("Semua anggota menilai Paparan") as HTMLInputElement;
    check("Bu Baiq menilai Paparan");
    expect(all().checked).toBe(false);
    expect(all().indeterminate).toBe(true);
    fireEvent.click(all());
    const assessed = [{ componentId: "paparan", participantIds: ["p-5201", "p-5202"] }];
    expect(draft().members.map((m) => m.assignments)).toEqual([assessed, assessed]);
    expect(all().checked).toBe(true);
    expect(all().indeterminate).toBe(false);
    // Other components are untouched.
    expect(
      (screen.getByLabelText("Semua anggota menilai Pameran / verifikasi lapangan") as HTMLInputElement).checked,
    ).toBe(false);
    fireEvent.click(all());
    expect(draft().members.map((m) => m.assignments)).toEqual([[], []]);
  });

  it("removing a participant removes it from every assignment", () => {
    twoMembers();
    fireEvent.input(document.getElementById("member-0-name") as HTMLElement, { target: { value: "Bu Baiq" } });
    check("Bu Baiq menilai Paparan");
    updateDraft((d) => ({ ...d, participants: d.participants.filter((p) => p.id !== "p-5201") }));
    expect(draft().members[0]?.assignments).toEqual([{ componentId: "paparan", participantIds: ["p-5202"] }]);
  });
});

describe("settings", () => {
  it("each rule explains its effect, and the explanation follows the choice", () => {
    render(<SettingsForm />);
    expect(screen.getByTestId("rollup-help").textContent).toBe(
      "Setiap aksi berbobot sama dalam komponen, berapa pun jumlah indikatornya.",
    );
    fireEvent.change(screen.getByLabelText("Cara agregasi"), { target: { value: "per-indicator" } });
    expect(draft().edition.settings.rollUp).toBe("per-indicator");
    expect(screen.getByTestId("rollup-help").textContent).toContain("Setiap indikator berbobot sama");
    fireEvent.change(screen.getByLabelText("Penggabungan nilai panelis"), { target: { value: "trimmed-mean" } });
    type("Jumlah dibuang di tiap ujung (k)", "2");
    expect(draft().edition.settings.combine).toEqual({ method: "trimmed-mean", k: 2 });
    expect(screen.getByTestId("combine-help").textContent).toBe(
      "2 nilai tertinggi dan 2 terendah dibuang sebelum dirata-rata.",
    );
    type("Desimal yang ditampilkan", "1");
    // The example is a number as the coordinator reads it: decimal comma in Indonesian.
    expect(screen.getByText(/mis\. 81,6\./)).toBeTruthy();
  });

  it("builds an ordered tie-break chain and reorders it", () => {
    render(<SettingsForm />);
    const add = () => screen.getByLabelText("Tambah penentu") as HTMLSelectElement;
    const option = (text: string) => [...add().options].find((o) => o.textContent === text)?.value ?? "";
    fireEvent.change(add(), { target: { value: option("Paparan") } });
    fireEvent.change(add(), { target: { value: option("Aksi 5") } });
    expect(draft().edition.settings.tieBreak).toEqual([
      { kind: "component", componentId: "paparan" },
      { kind: "aksi", aksi: 5 },
    ]);
    fireEvent.click(screen.getByLabelText("Naikkan Aksi 5"));
    expect(draft().edition.settings.tieBreak[0]).toEqual({ kind: "aksi", aksi: 5 });
  });

  it("letter values feed the level scaling explanation's inputs and awards can be added per category", () => {
    render(<SettingsForm />);
    type("A", "5");
    expect(draft().edition.settings.letterValues.A).toBe(5);
    fireEvent.click(screen.getByText("Tambah Paling inspiratif"));
    expect(draft().edition.settings.awards).toContainEqual({ kind: "nomination-count", category: "inspiratif" });
    expect(screen.getByText("Paling inspiratif: daerah dengan nominasi terbanyak")).toBeTruthy();
  });
});
