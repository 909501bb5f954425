// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { buildBeritaAcara } from "../../../src/domain/berita-acara.ts";
import { buildFeedbackLetters } from "../../../src/domain/feedback-letter.ts";
import { moderationItems } from "../../../src/domain/moderation.ts";
import { appStore } from "../../../src/state/app-store.ts";
import { formatLongDate } from "../../../src/i18n/translate.ts";
import { BeritaAcaraDocument } from "../../../src/ui/documents/BeritaAcaraDocument.tsx";
import { FeedbackLetters } from "../../../src/ui/documents/FeedbackLetters.tsx";
import { ModerationList } from "../../../src/ui/documents/ModerationList.tsx";
import { publicationContent } from "../../../src/domain/publication.ts";
import { letterScenario, resultsOf } from "../../fixtures/letter-scenario.ts";
import { publishedPerFile } from "./letters-harness.ts";

const bundle = letterScenario();
const results = resultsOf(bundle);
const edition = { title: bundle.edition.title, provinceName: "Maluku", year: 2021, isSample: true };
const publication = publishedPerFile(bundle, results);

const renderLetters = (showNames = false, participantId?: string) =>
  render(
    <FeedbackLetters
      letters={buildFeedbackLetters({ bundle, results, showNames })}
      edition={edition}
      publication={publication()}
      tieBreakCount={0}
      participantId={participantId}
    />,
  );

describe("feedback letters", () => {
  it("prints one page per district in one job, each with the published version", () => {
    renderLetters();
    const pages = document.querySelectorAll("article.doc-page");
    expect([...pages].map((p) => p.getAttribute("data-testid"))).toEqual([
      "letter-A",
      "letter-B",
      "letter-C",
      "letter-OBS",
    ]);
    expect(within(pages[0] as HTMLElement).getByTestId("publication-line").textContent).toContain(
      publication().contentHash.slice(0, 12),
    );
  });

  it("shows the next level's descriptor as the target of an indicator scored B", () => {
    renderLetters(false, "A");
    const row = screen.getByTestId("indicator-1.1");
    expect(row.textContent).toContain("B — Tingkat B (contoh)");
    expect(within(row).getByTestId("target").textContent).toBe("A — Tingkat A (contoh)");
    expect(within(screen.getByTestId("indicator-2.1")).getByTestId("target").textContent).toBe(
      "Sudah di tingkat tertinggi",
    );
  });

  it("gives rank and percentile in the group, and keeps panel notes anonymous unless asked", () => {
    renderLetters(false, "A");
    expect(screen.getByTestId("standing").textContent).toBe(
      "Nilai akhir 84,50: peringkat 1 dari 3 daerah di kelompok Lokus 2019, persentil 83.",
    );
    const page = screen.getByTestId("letter-A");
    expect(within(page).getByTestId("strengths").textContent).toBe("Komitmen bupati kuat (contoh)");
    expect(page.textContent).not.toContain("Panelis m1");
    cleanup();
    renderLetters(true, "A");
    expect(screen.getByTestId("strengths").textContent).toContain("— Panelis m1 (contoh), Panelis m2 (contoh)");
  });

  it("draws the aksi dot plot with the cohort median tick and middle half, the district highlighted", () => {
    renderLetters(false, "B");
    const plot = screen.getByTestId("dot-plot-1");
    // Aksi 1 of the cohort: A 75, B 50, C 25 → median 50, middle half 37.5–62.5.
    expect(plot.querySelector("title")?.textContent).toBe(
      "Aksi 1: nilai 3 daerah; median 50,00, separuh tengah 37,50–62,50",
    );
    const x = (v: number) => 14 + (v / 100) * (320 - 28);
    expect(Number(within(plot).getByTestId("median-tick").getAttribute("x1"))).toBeCloseTo(x(50), 6);
    expect(Number(within(plot).getByTestId("middle-half").getAttribute("x"))).toBeCloseTo(x(37.5), 6);
    expect(within(plot).getByTestId("dot-B").getAttribute("class")).toContain("chart-dot-highlight");
    // The letter says what the marks mean, naming the district its own dot stands for.
    const legend = screen.getByTestId("dot-plot-legend");
    expect(legend.textContent).toBe(
      "Kabupaten Bdaerah lain di kelompokmedian kelompokseparuh tengah kelompok (kuartil 1–3)",
    );
    expect(legend.querySelector("circle.chart-dot-highlight")).not.toBeNull();
  });

  it("sorts the totals bar from highest, and the observer's letter draws it beside the cohort", () => {
    renderLetters(false, "OBS");
    const bars = screen.getAllByTestId(/^bar-/).map((b) => b.getAttribute("data-testid"));
    expect(bars).toEqual(["bar-OBS", "bar-A", "bar-B", "bar-C"]);
    expect(screen.getByTestId("standing").textContent).toContain("peninjau");
  });

  it("switches to English", () => {
    appStore.setState({ locale: "en" });
    renderLetters(false, "A");
    expect(screen.getByTestId("standing").textContent).toBe(
      "Total 84.50: rank 1 of 3 in group Lokus 2019, percentile 83.",
    );
  });
});

describe("Berita Acara", () => {
  it("a group of observers only shows who attended, not an empty ranking table", () => {
    const apart = {
      ...bundle,
      participants: bundle.participants.map((p) => (p.role === "observer" ? { ...p, rankingGroup: "Peninjau" } : p)),
    };
    const apartResults = resultsOf(apart);
    render(
      <BeritaAcaraDocument
        ba={buildBeritaAcara(apart, { ...publication(), content: publicationContent(apart, apartResults) })}
      />,
    );
    const observers = screen.getByTestId("ba-group-Peninjau");
    expect(within(observers).queryByRole("table")).toBeNull();
    expect(observers.textContent).toContain("Peninjau, tidak diperingkat: Kabupaten OBS");
    expect(within(screen.getByTestId("ba-group-Lokus 2019")).getByRole("table")).toBeTruthy();
  });

  it("opens with the day and date in words and lists results, awards and signatures", () => {
    render(<BeritaAcaraDocument ba={buildBeritaAcara(bundle, publication())} />);
    expect(screen.getByTestId("ba-opening").textContent).toMatch(
      /^Pada hari ini, Senin, tanggal sembilan belas, bulan Juli, tahun dua ribu dua puluh satu, bertempat di Aula Bappeda/,
    );
    const group = screen.getByTestId("ba-group-Lokus 2019");
    expect(
      within(group)
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(["1Kabupaten A81A84,50", "2Kabupaten B81B65,50", "3Kabupaten C81C46,50"]);
    expect(group.textContent).toContain("Peninjau, tidak diperingkat: Kabupaten OBS");
    expect(screen.getByTestId("ba-awards").textContent).toContain("Aplikasi pemantauan desa (contoh)");
    expect(screen.getByTestId("ba-signatures").querySelectorAll(".doc-signature")).toHaveLength(3);
    expect(screen.getByRole("button", { name: "Cetak" })).toBeTruthy();
    expect(screen.getByText(/Data contoh/)).toBeTruthy();
  });

  it("writes dates as an official letter does, without a padded day", () => {
    expect(formatLongDate("id", "2020-11-03")).toBe("Selasa, 3 November 2020");
    expect(formatLongDate("id", "2021-07-19")).toBe("Senin, 19 Juli 2021");
    expect(formatLongDate("en", "2020-11-03")).toBe("Tuesday, 3 November 2020");
  });

  it("prints when the Print button is pressed", () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    render(<BeritaAcaraDocument ba={buildBeritaAcara(bundle, publication())} />);
    fireEvent.click(screen.getByRole("button", { name: "Cetak" }));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });
});

describe("moderation list", () => {
  it("lists outliers and low agreement, and opens the member's sheet", () => {
    const onOpenSheet = vi.fn();
    const onOpenComponent = vi.fn();
    render(
      <ModerationList
        items={moderationItems({
          outliers: [
            { participantId: "A", componentId: "pap", memberId: "m2", value: 40, othersMean: 80, difference: -40 },
          ],
          agreement: results.agreement.map((a) =>
            a.componentId === "pap" ? { ...a, alpha: { ...a.alpha, value: 0.5, band: "poor" as const } } : a,
          ),
        })}
        participantName={(id) => `Kabupaten ${id}`}
        memberName={(id) => `Panelis ${id}`}
        componentName={(id) => (id === "pap" ? "Paparan" : id)}
        decimals={2}
        onOpenSheet={onOpenSheet}
        onOpenComponent={onOpenComponent}
      />,
    );
    expect(screen.getByTestId("moderation-outlier").textContent).toContain(
      "Panelis m2 memberi Kabupaten A 40,00 pada Paparan: 40,00 poin di bawah rata-rata panelis lain (80,00).",
    );
    expect(screen.getByTestId("moderation-agreement").textContent).toContain("Kesepakatan Paparan buruk: α = 0,500");
    fireEvent.click(screen.getByRole("button", { name: "Buka lembar Panelis m2 untuk Kabupaten A" }));
    expect(onOpenSheet).toHaveBeenCalledWith("m2", "A");
    fireEvent.click(screen.getByRole("button", { name: "Lihat nilai Paparan" }));
    expect(onOpenComponent).toHaveBeenCalledWith("pap");
  });
});
