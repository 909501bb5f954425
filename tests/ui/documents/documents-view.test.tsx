// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { computeResults } from "../../../src/domain/compute-results.ts";
import { maluku2020Sample } from "../../../src/domain/templates/index.ts";
import { loadCoordinatorMessages } from "../../../src/i18n/translate.ts";
import { DocumentsView } from "../../../src/ui/coordinator/DocumentsView.tsx";
import { seedCoordinatorStore } from "../../helpers/coordinator-store.ts";

const sample = maluku2020Sample();

beforeAll(async () => {
  await loadCoordinatorMessages();
  seedCoordinatorStore(sample);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const open = (section: string) => fireEvent.click(screen.getByRole("button", { name: section }));

describe("documents view (Maluku 2020 sample)", () => {
  it("starts on moderation and lists the panel's outliers or says there is nothing", () => {
    render(<DocumentsView editionId={sample.edition.id} />);
    const list = screen.getByTestId("moderation");
    const results = computeResults(sample);
    expect(within(list).queryAllByTestId("moderation-outlier")).toHaveLength(results.outliers.length);
  });

  it("prints the Berita Acara as a draft with the opening in words", () => {
    render(<DocumentsView editionId={sample.edition.id} />);
    open("Berita Acara");
    expect(screen.getByTestId("ba-opening").textContent).toMatch(
      /^Pada hari ini, Selasa, tanggal tiga, bulan November, tahun dua ribu dua puluh, bertempat di/,
    );
    expect(screen.getByTestId("publication-line").textContent).toBe("DRAF — belum diterbitkan");
    expect(screen.getByTestId("ba-group-Lokus 2019 (Aksi 5–8)").textContent).not.toContain("Kota Ambon");
  });

  it("prints every district's letter, one page each, or just the one chosen", () => {
    render(<DocumentsView editionId={sample.edition.id} />);
    open("Surat umpan balik");
    expect(document.querySelectorAll("article.doc-page")).toHaveLength(sample.participants.length);
    fireEvent.change(screen.getByLabelText("Surat untuk"), { target: { value: sample.participants[0]?.id } });
    expect(document.querySelectorAll("article.doc-page")).toHaveLength(1);
    // Seven full letters are a few thousand elements: slow in jsdom, not in a browser.
  }, 30_000);

  it("charts each ranking group: totals sorted and a dot plot per aksi, observer left out", () => {
    render(<DocumentsView editionId={sample.edition.id} />);
    open("Grafik hasil");
    const results = computeResults(sample);
    const charts = screen.getByTestId("results-charts");
    results.groups.forEach((g, i) => {
      const expected = results.participants
        .filter((p) => p.rankingGroup === g.group && !p.observer && p.total !== null)
        .sort((a, b) => (b.total as number) - (a.total as number))
        .map((p) => p.participantId);
      const chart = screen.queryByTestId(`group-totals-${i}`);
      // A group of observers only (Kota Ambon's) has nobody to chart.
      if (expected.length === 0) expect(chart).toBeNull();
      else {
        const bars = within(chart as HTMLElement)
          .getAllByTestId(/^bar-/)
          .map((b) => b.getAttribute("data-testid")?.slice(4));
        expect(bars).toEqual(expected);
      }
    });
    expect(results.groups.some((g) => g.ranked.length === 0)).toBe(true);
    expect(charts.textContent).not.toContain("Kota Ambon");
    expect(charts.querySelectorAll("[data-testid^='dot-plot-']").length).toBeGreaterThan(0);
  });

  it("shows peer learning per indicator", () => {
    render(<DocumentsView editionId={sample.edition.id} />);
    open("Belajar bersama");
    expect(screen.getByTestId("peer-learning").querySelectorAll("[data-testid^='peer-']").length).toBeGreaterThan(0);
  });

  it("downloads a CSV with BOM and ';' and an XLSX built on click", async () => {
    const files: { name: string; blob: Blob }[] = [];
    const created = new Map<string, Blob>();
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      const url = `blob:${created.size}`;
      created.set(url, blob as Blob);
      return url;
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      files.push({ name: this.download, blob: created.get(this.href) as Blob });
    });
    render(<DocumentsView editionId={sample.edition.id} />);
    open("Ekspor");
    fireEvent.click(screen.getByRole("button", { name: "Unduh CSV (titik koma, Excel Indonesia)" }));
    expect(files[0]?.name).toMatch(/Lokus-2019-Aksi-5-8\.csv$/);
    const csv = new Uint8Array(await (files[0] as { blob: Blob }).blob.arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv);
    expect(text.split("\r\n")[0]).toContain(";");
    fireEvent.click(screen.getByRole("button", { name: "Unduh XLSX" }));
    await waitFor(() => expect(files).toHaveLength(2));
    expect(files[1]?.name).toMatch(/\.xlsx$/);
    const bytes = new Uint8Array(await (files[1] as { blob: Blob }).blob.arrayBuffer());
    // An XLSX is a zip archive: "PK".
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
  });
});
