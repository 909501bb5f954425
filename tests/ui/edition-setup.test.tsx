// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { appStore } from "../../src/state/app-store.ts";
import { coordinatorStore, logout } from "../../src/state/coordinator.ts";
import { closeDraft, setupStore, startEditing, startFromTemplate } from "../../src/state/edition-setup.ts";
import { SetupView } from "../../src/ui/coordinator/setup/SetupView.tsx";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeAll(() => loadCoordinatorMessages());

beforeEach(() => {
  appStore.setState({ locale: "id" });
  coordinatorStore.setState({ token: "tok" });
});

afterEach(() => {
  cleanup();
  closeDraft();
  logout();
  vi.unstubAllGlobals();
});

const ntb = () => {
  startFromTemplate({
    provinceCode: "52",
    provinceName: "Nusa Tenggara Barat",
    year: 2021,
    aksiInScope: [5],
    id: "ntb-21",
  });
};

// Queries by text, not by role: role queries compute every accessible name, which is slow on a whole rubric.
const button = (text: string | RegExp, within: HTMLElement | Document = document) =>
  [...within.querySelectorAll("button")].find((b) =>
    typeof text === "string"
      ? b.textContent === text || b.getAttribute("aria-label") === text
      : text.test(b.textContent ?? ""),
  ) as HTMLElement;
/** Inputs by their visible label, in document order (label → `for` → input); also fast on a whole rubric. */
const fields = (text: string, root: ParentNode = document): HTMLInputElement[] =>
  [...root.querySelectorAll("label")]
    .filter((l) => l.textContent === text)
    .map((l) => document.getElementById(l.htmlFor) as HTMLInputElement);
const tab = (name: string) => fireEvent.click(button(new RegExp(`^${name}`)));
/** The NTB template's rubric tab, with a server that accepts anything. */
const openRubric = () => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => json({})),
  );
  ntb();
  render(<SetupView />);
  tab("Rubrik");
};
const save = () => fireEvent.click(button("Simpan edisi"));

describe("rubric editor validation", () => {
  it("refuses weights that do not total 100, names the field, and sends nothing", async () => {
    const fetch = vi.fn(async () => json({}));
    vi.stubGlobal("fetch", fetch);
    ntb();
    render(<SetupView />);
    tab("Rubrik");
    fireEvent.input(fields("Bobot")[0] as HTMLElement, { target: { value: "50" } });
    expect(screen.getByTestId("weight-total").textContent).toBe("Jumlah bobot: 90 dari 100");
    save();
    await screen.findByTestId("error-summary");
    expect(screen.getByTestId("error-rubric.weights").textContent).toBe("jumlahnya 90, harus tepat 100");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("puts a duplicate code, an empty descriptor and a band gap and overlap next to their fields", async () => {
    openRubric();
    const doc = screen.getByTestId("component-doc-review");
    const codes = fields("Kode", doc);
    fireEvent.input(codes[1] as HTMLElement, { target: { value: (codes[0] as HTMLInputElement).value } });
    fireEvent.input(fields("Deskripsi", doc)[0] as HTMLElement, { target: { value: " " } });
    const paparan = screen.getByTestId("component-paparan");
    const firstCriterion = within(paparan).getByTestId("indicator-P1");
    // The sample bands are 86–100, 71–85, 56–70, 0–55: 80–100 overlaps 75–85, and 56–60 leaves 61–74 without a band.
    const froms = fields("Dari", firstCriterion);
    const tos = fields("Sampai", firstCriterion);
    fireEvent.input(froms[1] as HTMLElement, { target: { value: "75" } });
    fireEvent.input(tos[2] as HTMLElement, { target: { value: "60" } });
    fireEvent.input(froms[0] as HTMLElement, { target: { value: "80" } });
    save();
    await screen.findByTestId("error-summary");
    const code1 = (codes[0] as HTMLInputElement).value;
    expect(screen.getByTestId("error-rubric.components.0.indicators.1.code").textContent).toBe(
      `kode indikator ${code1} muncul lebih dari sekali dalam komponen ini`,
    );
    expect(screen.getByTestId("error-rubric.components.0.indicators.0.levels.0.descriptor.id").textContent).toBe(
      "wajib diisi",
    );
    expect(codes[1]?.getAttribute("aria-invalid")).toBe("true");
    const bandErrors = [...firstCriterion.querySelectorAll("li")].map((li) => li.textContent);
    expect(bandErrors).toContain("tumpang tindih dengan rentang 75–85");
    expect(bandErrors).toContain("nilai 61–74 tidak masuk rentang mana pun");
    // The summary names each field in words, so it can be found from the top of the page.
    expect(screen.getByTestId("error-summary").textContent).toContain("komponen 1 › indikator 2 › kode");
  });

  it("shows an indicator's text whole in a text area, and marks it when it is emptied", async () => {
    openRubric();
    const text = fields(
      "Teks indikator",
      screen.getByTestId("component-doc-review"),
    )[0] as unknown as HTMLTextAreaElement;
    expect(text.tagName).toBe("TEXTAREA");
    expect(text.rows).toBe(2);
    expect(text.value.length).toBeGreaterThan(40);
    fireEvent.input(text, { target: { value: "" } });
    save();
    await screen.findByTestId("error-summary");
    expect(screen.getByTestId("error-rubric.components.0.indicators.0.text.id").textContent).toBe("wajib diisi");
    expect(text.getAttribute("aria-invalid")).toBe("true");
  });

  it("in English the same errors are worded in English", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json({})),
    );
    appStore.setState({ locale: "en" });
    ntb();
    render(<SetupView />);
    tab("Rubric");
    fireEvent.input(fields("Weight")[1] as HTMLElement, { target: { value: "10" } });
    fireEvent.click(button("Save edition"));
    expect((await screen.findByTestId("error-rubric.weights")).textContent).toBe("add up to 90, must be exactly 100");
  });
});

describe("rubric version diff before saving", () => {
  it("shows the changed weight and how many scores would need review, and saves only on confirm", async () => {
    const sample = ntb2021Sample();
    const requests: { url: string; body: unknown }[] = [];
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      const body = init?.body ? JSON.parse(String(init.body)) : null;
      requests.push({ url, body });
      return json({ ...body, rubric: { ...body.rubric, version: 2 }, version: 8, created: false, recordsApplied: 0 });
    });
    const doc = sample.rubric.components[0];
    const first = doc?.indicators[0];
    if (!doc || !first) throw new Error("sample changed");
    const scoreOnD = {
      key: `k1`,
      editionId: sample.edition.id,
      participantId: sample.participants[0]?.id ?? "",
      componentId: doc.id,
      indicatorId: first.id,
      memberId: sample.members[0]?.id ?? "",
      level: "D",
      points: null,
      note: "",
      rubricVersion: 1,
      stamps: {},
      version: 1,
    };
    coordinatorStore.setState({
      editionId: sample.edition.id,
      data: {
        editionId: sample.edition.id,
        version: 7,
        scores: [scoreOnD],
        sheets: [],
        nominations: [],
        needsReview: [],
      },
    });
    startEditing({ ...sample, version: 7 });
    render(<SetupView />);
    tab("Rubrik");
    // 60/20/20 → 50/30/20, and indicator 1 loses level D (one existing score sits on D).
    fireEvent.input(fields("Bobot")[0] as HTMLElement, { target: { value: "50" } });
    fireEvent.input(fields("Bobot")[1] as HTMLElement, { target: { value: "30" } });
    const ind = within(screen.getByTestId("component-doc-review")).getByTestId(`indicator-${first.code}`);
    fireEvent.click(button("Hapus Level D", ind));
    save();
    const dialog = await screen.findByTestId("diff-dialog");
    const items = [...dialog.querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toContain("Bobot Reviu dokumen (web monitoring Bangda): 60 → 50");
    expect(items).toContain("Bobot Paparan: 20 → 30");
    expect(items).toContain(`Level indikator ${first.code}: A, B, C, D → A, B, C`);
    expect(within(dialog).getByTestId("diff-needs-review").textContent).toBe(
      "Nilai yang perlu ditinjau ulang setelah disimpan: 1",
    );
    expect(requests).toHaveLength(0);
    fireEvent.click(button("Simpan versi baru", dialog));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]?.body).toMatchObject({ baseVersion: 7 });
    await vi.waitFor(() => expect(setupStore.getState().baseVersion).toBe(8));
  });

  it("when another coordinator saved first, keeps my draft, shows theirs, and re-applies over it", async () => {
    const sample = ntb2021Sample();
    const theirs = { ...sample, version: 9, participants: sample.participants.slice(0, 9) };
    const posts: unknown[] = [];
    vi.stubGlobal("fetch", async (_url: string, init?: RequestInit) => {
      if (init?.method === "POST") {
        const body = JSON.parse(String(init.body));
        posts.push(body);
        if (body.baseVersion === 7)
          return json(
            { error: { code: "edition-stale", message: "Edisi sudah diubah", details: { currentVersion: 9 } } },
            409,
          );
        return json({ ...body, version: 10, created: false, recordsApplied: 0 });
      }
      return json(theirs);
    });
    startEditing({ ...sample, version: 7 });
    render(<SetupView />);
    tab("Rincian");
    fireEvent.input(fields("Tempat")[0] as HTMLElement, { target: { value: "Aula Bappeda NTB" } });
    save();
    const stale = await screen.findByTestId("stale-panel");
    expect(stale.textContent).toContain("versi 9");
    expect((fields("Tempat")[0] as HTMLElement as HTMLInputElement).value).toBe("Aula Bappeda NTB");
    fireEvent.click(button(/Terapkan perubahan saya/, stale));
    await vi.waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]).toMatchObject({ baseVersion: 9, edition: { venue: "Aula Bappeda NTB" } });
  });
});
