/*
 * The Maluku 2020 scenario of issue 11, through the screens only: six locus
 * districts in two cohorts plus Kota Ambon as observer, three members — one
 * scoring offline on a tablet the whole session, one remote and online, one in
 * the room who recuses from one district. The expected ranks and awards are
 * computed in this file from the scores it types, with the rules the edition
 * shows (A=4 … D=1 over the maximum, mean per aksi, mean of members, weights).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { documentReviewComponent } from "../../src/domain/templates/eight-aksi.ts";
import { addMembers, createCoordinatorAccount } from "./helpers/coordinator.ts";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import {
  expectNoSeriousAxeViolations,
  openTab,
  pdfPageTexts,
  printFirstPageToPng,
  waitForServiceWorkerControl,
  joinThroughLink,
} from "./helpers/page.ts";
import { type PanelisServer, startPanelisServer } from "./helpers/server.ts";

type District = { name: string; group: string; letters: [string, string, string]; paparan: number };
type Letter = "A" | "B" | "C" | "D";

const G1 = "Lokus 2019";
const G2 = "Lokus 2020";
/** Letters for indicators 8.1–8.3 (document review, member A) and the base paparan points (member B; C adds 4). */
const DISTRICTS: District[] = [
  { name: "Maluku Tengah", group: G1, letters: ["A", "B", "A"], paparan: 80 },
  { name: "Kepulauan Aru", group: G1, letters: ["B", "B", "C"], paparan: 70 },
  { name: "Seram Bagian Barat", group: G1, letters: ["A", "A", "B"], paparan: 75 },
  { name: "Maluku Barat Daya", group: G2, letters: ["C", "B", "B"], paparan: 60 },
  { name: "Seram Bagian Timur", group: G2, letters: ["B", "A", "A"], paparan: 85 },
  { name: "Maluku Tenggara", group: G2, letters: ["D", "C", "B"], paparan: 65 },
];
const OBSERVER = "Kota Ambon";
const RECUSED = "Kepulauan Aru";
const CODES = ["8.1", "8.2", "8.3"] as const;
const CRITERIA = ["P1", "P2", "P3", "P4", "P5", "P6", "P7"] as const;
/** Offsets around each member's base: they sum to zero, so each member's paparan is their base. */
const OFFSETS_B = [0, 2, -2, 4, -4, 1, -1];
const OFFSETS_C = [1, -1, 3, -3, 0, 2, -2];
const MEMBERS = [
  { key: "A", name: "Ir. Maria Pattiasina", agency: "Bappeda Provinsi Maluku", role: "ketua" },
  { key: "B", name: "dr. Abdul Rahman Tuasikal", agency: "Dinas Kesehatan Provinsi Maluku", role: "anggota" },
  { key: "C", name: "Ronald Sahetapy", agency: "Perwakilan BKKBN Provinsi Maluku", role: "anggota" },
] as const;
const REOPEN_REASON = "Bukti indikator 8.1 perlu diperiksa ulang";
const CORRECTED = "Maluku Tenggara";

// --- the expected results, by hand -------------------------------------------------------------
const LETTER_VALUE: Record<string, number> = { A: 4, B: 3, C: 2, D: 1 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pointsB = (d: District) => OFFSETS_B.map((o) => d.paparan + o);
const pointsC = (d: District) => OFFSETS_C.map((o) => d.paparan + 4 + o);
const reviu = (d: District) => mean(d.letters.map((l) => ((LETTER_VALUE[l] ?? 0) / 4) * 100));
const paparan = (d: District) => (d.name === RECUSED ? mean(pointsB(d)) : mean([mean(pointsB(d)), mean(pointsC(d))]));
const total = (d: District) => 0.6 * reviu(d) + 0.4 * paparan(d);
const ranked = (group: string) => DISTRICTS.filter((d) => d.group === group).sort((a, b) => total(b) - total(a));
const shown = (n: number) =>
  new Intl.NumberFormat("id-ID", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

// --- the scenario ------------------------------------------------------------------------------
const setUpEdition = async (page: Page) => {
  await page.getByRole("button", { name: "Edisi baru" }).click();
  await page.getByLabel("Provinsi").selectOption("81");
  for (const aksi of [1, 2, 3, 4, 5, 6, 7]) await page.getByLabel(`Aksi ${aksi}`, { exact: true }).uncheck();
  await page.getByLabel("Tahun pelaksanaan").fill("2020");
  await page.getByRole("button", { name: "Mulai menyusun" }).click();
  await page.getByLabel("Tempat").fill("Ruang rapat Bappeda Provinsi Maluku, Ambon");
  await page.getByLabel("Tanggal mulai").fill("2020-08-10");
  await page.getByLabel("Tanggal selesai").fill("2020-08-10");
  await page.getByRole("radio", { name: "Hibrida" }).check();

  // Rubric: document review (aksi 8) 60, paparan 40, no pameran this year.
  await openTab(page, "Rubrik");
  await page.getByRole("button", { name: "Hapus Pameran / verifikasi lapangan" }).click();
  await page.locator("#c1-weight").fill("40");
  await expect(page.getByTestId("weight-total")).toContainText("100");

  await openTab(page, "Peserta");
  const pick = async (name: string, group: string) => {
    await page.getByLabel("Kelompok peringkat untuk peserta yang ditambahkan").fill(group);
    await page
      .getByTestId("region-list")
      .getByLabel(new RegExp(`^\\d{4} ${name}$`))
      .check();
  };
  for (const d of DISTRICTS) await pick(d.name, d.group);
  await pick(OBSERVER, "Peninjau");
  await page.getByLabel(`${OBSERVER} sebagai peninjau`).check();
  await expect(page.getByTestId("participants-table").locator("tbody tr")).toHaveCount(7);

  await openTab(page, "Panel");
  await addMembers(page, MEMBERS);
  await page.getByLabel(`${MEMBERS[0].name} menilai Reviu dokumen (web monitoring Bangda)`).check();
  await page.getByLabel(`${MEMBERS[1].name} menilai Paparan`).check();
  await page.getByLabel(`${MEMBERS[2].name} menilai Paparan`).check();

  // One winner per ranking group.
  await openTab(page, "Pengaturan");
  // A field inside a field group is as tall as its label and control, not 240 px of empty box.
  const addTieBreak = await page
    .locator("#tie-add")
    .evaluate((select) => select.parentElement?.getBoundingClientRect().height ?? 0);
  expect(addTieBreak).toBeLessThan(120);
  await page.locator("#award-0-n").fill("1");

  await page.getByRole("button", { name: "Simpan edisi" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Tersimpan di server.");
  await page.getByRole("button", { name: "Buka penilaian" }).click();
  await page.getByTestId("confirm-state").getByRole("button", { name: "Buka penilaian" }).click();
  await expect(page.getByTestId("edition-state")).toContainText("dibuka");

  // Hybrid: B follows from elsewhere, A and C are in the room.
  await openTab(page, "Jadwal");
  await page.getByLabel(`Kehadiran ${MEMBERS[1].name}`).selectOption("remote");
  await page.getByRole("button", { name: "Simpan jadwal" }).click();
  await expect(page.getByRole("button", { name: "Simpan jadwal" })).toBeDisabled();

  await openTab(page, "Lembar gabung");
  await page.getByRole("button", { name: "Buat kode untuk 3 anggota" }).click();
  await page.getByRole("button", { name: "Ya, buat kode baru" }).click();
  const cards = page.getByTestId("join-cards").locator("article");
  await expect(cards).toHaveCount(3);
  const links = new Map<string, string>();
  for (const m of MEMBERS)
    links.set(m.key, (await cards.filter({ hasText: m.name }).locator(".join-link").textContent()) ?? "");
  return links;
};

const enrol = async (context: BrowserContext, link: string): Promise<Page> => {
  const page = context.pages()[0] ?? (await context.newPage());
  await joinThroughLink(page, link);
  await waitForServiceWorkerControl(page);
  return page;
};

const openDistrict = async (page: Page, name: string) => {
  await page.locator("[data-testid^=assignment-]", { hasText: name }).locator("a").click();
  await expect(page.getByTestId("sheet-progress")).toBeVisible();
};

const backToList = async (page: Page) => {
  await page
    .getByRole("link", { name: "Kembali ke daftar" })
    .or(page.getByRole("button", { name: "Kembali ke daftar" }))
    .first()
    .click();
  await expect(page.locator("[data-testid^=assignment-]").first()).toBeVisible();
};

const finalise = async (page: Page) => {
  await page.getByRole("button", { name: "Finalkan lembar penilaian" }).click();
  await page.getByRole("button", { name: "Ya, finalkan" }).click();
  await expect(page.getByText(/sudah final dan hanya bisa dibaca/).first()).toBeVisible();
};

const scoreLetters = async (page: Page, d: District) => {
  await openDistrict(page, d.name);
  for (const [i, code] of CODES.entries()) {
    const letter = d.letters[i] ?? "A";
    const card = page.getByTestId(`indicator-${code}`);
    await card.locator("label.level", { has: page.locator(`input[value="${letter}"]`) }).click();
    await expect(card.locator(`input[value="${letter}"]`)).toBeChecked();
  }
  await finalise(page);
  await backToList(page);
};

const scorePoints = async (page: Page, d: District, points: number[]) => {
  await openDistrict(page, d.name);
  for (const [i, code] of CRITERIA.entries()) {
    const input = page.getByTestId(`points-${code}`);
    await input.fill(String(points[i]));
    await input.press("Tab");
  }
  await expect(page.getByTestId("indicator-P7").locator("[data-status=saved]")).toBeVisible();
  await finalise(page);
  await backToList(page);
};

const recuse = async (page: Page, d: District) => {
  await openDistrict(page, d.name);
  await page.getByRole("button", { name: "Nyatakan konflik kepentingan" }).click();
  await page.getByLabel("Alasan").fill("Kerabat kepala daerah");
  await page.getByRole("button", { name: "Nyatakan konflik", exact: true }).click();
  await backToList(page);
};

/** The coordinator reopens a final sheet from *Kemajuan*, with the reason the tablet will show. */
const reopen = async (page: Page, member: string, district: string, reason: string) => {
  await openTab(page, "Kemajuan");
  await page.getByRole("button", { name: `Buka kembali lembar ${member} untuk ${district}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Alasan membuka kembali").fill(reason);
  await dialog.getByRole("button", { name: "Buka kembali" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
};

/** Member A sees the coordinator's reason on the reopened sheet, changes one letter and finalises again. */
const correctOnTablet = async (page: Page, d: District, index: number, letter: Letter) => {
  await page.getByRole("button", { name: "Sinkronkan sekarang" }).click();
  await openDistrict(page, d.name);
  await expect(page.getByText(`Dibuka kembali oleh koordinator: ${REOPEN_REASON}`)).toBeVisible({ timeout: 30_000 });
  const code = CODES[index] ?? "8.1";
  const card = page.getByTestId(`indicator-${code}`);
  await card.locator("label.level", { has: page.locator(`input[value="${letter}"]`) }).click();
  await expect(card.locator(`input[value="${letter}"]`)).toBeChecked();
  d.letters[index] = letter;
  await finalise(page);
  await backToList(page);
  await allSent(page);
};

const expectTotal = async (page: Page, d: District) => {
  await openTab(page, "Hasil");
  await expect(
    page.getByTestId(`ranking-${d.group}`).locator("tr", { hasText: d.name }).locator("td").last(),
  ).toHaveText(shown(total(d)), { timeout: 20_000 });
};

const allSent = (page: Page) =>
  expect(page.getByTestId("sync-pending")).toHaveText("Semua perubahan terkirim", { timeout: 60_000 });

test("Maluku 2020: a hybrid panel with an offline tablet and a recusal ends with ranks, awards, printed documents and a published snapshot", async () => {
  test.setTimeout(900_000);
  const dataDir = mkdtempSync(join(tmpdir(), "panelis-e2e-maluku-"));
  const profiles = [newProfileDir(), newProfileDir(), newProfileDir(), newProfileDir(), newProfileDir()];
  const contexts: BrowserContext[] = [];
  let server: PanelisServer | null = null;
  try {
    server = await startPanelisServer(join(dataDir, "panelis.db"));
    for (const dir of profiles.slice(0, 4)) contexts.push(await launchProfile(dir));
    const [coordinator, tabletA, laptopB, tabletC] = contexts as [
      BrowserContext,
      BrowserContext,
      BrowserContext,
      BrowserContext,
    ];
    const page = coordinator.pages()[0] ?? (await coordinator.newPage());
    await createCoordinatorAccount(page, server.setupUrl, "rahasia-bappeda-maluku");
    const links = await setUpEdition(page);

    // A enrols in the hall and then scores the whole session without a network.
    const pageA = await enrol(tabletA, links.get("A") ?? "");
    await tabletA.setOffline(true);
    for (const d of DISTRICTS) await scoreLetters(pageA, d);

    // B scores remotely, online; C in the room, recused from one district.
    const pageB = await enrol(laptopB, links.get("B") ?? "");
    const pageC = await enrol(tabletC, links.get("C") ?? "");
    for (const d of DISTRICTS) await scorePoints(pageB, d, pointsB(d));
    for (const d of DISTRICTS)
      if (d.name === RECUSED) await recuse(pageC, d);
      else await scorePoints(pageC, d, pointsC(d));
    await allSent(pageB);
    await allSent(pageC);

    // The offline tablet comes back: everything it holds arrives.
    await tabletA.setOffline(false);
    await allSent(pageA);

    // Results equal the hand computation; Kota Ambon is listed, never ranked.
    await openTab(page, "Hasil");
    for (const group of [G1, G2]) {
      const rows = page.getByTestId(`ranking-${group}`).locator("tbody tr");
      const expected = ranked(group);
      await expect(rows).toHaveCount(expected.length, { timeout: 20_000 });
      for (const [i, d] of expected.entries()) {
        await expect(rows.nth(i).locator("td").first()).toHaveText(String(i + 1));
        await expect(rows.nth(i).locator("th")).toContainText(d.name);
        await expect(rows.nth(i).locator("td").last()).toHaveText(shown(total(d)));
      }
      await expect(page.getByTestId(`ranking-${group}`)).not.toContainText("Ambon");
    }
    await expect(page.getByTestId("observers")).toContainText("Ambon");
    const awards = page.getByTestId("awards");
    for (const group of [G1, G2])
      await expect(awards.locator("li", { hasText: group })).toHaveText(
        `Terbaik 1–1, ${group}: 1. ${ranked(group)[0]?.name}`,
      );
    await expectNoSeriousAxeViolations(page);

    // The letter for Maluku Tengah names level A of indicator 8.2 (scored B) as the target.
    const indicator82 = documentReviewComponent([8]).indicators.find((i) => i.code === "8.2");
    const targetA = indicator82?.levels.find((l) => l.letter === "A")?.descriptor.id ?? "";
    expect(targetA).not.toBe("");
    await openTab(page, "Dokumen dan ekspor");
    // The charts and peer learning print as documents too: the edition line and the pages, none of the app.
    for (const [view, heading] of [
      ["Grafik hasil", G1],
      ["Belajar bersama", "Belajar bersama"],
    ] as const) {
      await page.getByRole("button", { name: view, exact: true }).click();
      const file = join(dataDir, `${view}.pdf`);
      await printFirstPageToPng(page, file, `maluku-${view.replace(" ", "-")}-a4`, [heading, "Maluku"]);
      const first = pdfPageTexts(file)[0] ?? "";
      for (const chrome of ["Papan kemajuan", "Muat ulang data", "Keluar"]) expect(first).not.toContain(chrome);
    }
    await page.getByRole("button", { name: "Berita Acara" }).click();
    const ba = page.getByTestId("berita-acara");
    // 10 August 2020 was a Monday: the customary opening spells the day and date in words.
    await expect(ba.getByTestId("ba-opening")).toContainText(
      "Senin, tanggal sepuluh, bulan Agustus, tahun dua ribu dua puluh",
    );
    for (const group of [G1, G2])
      await expect(ba.getByTestId(`ba-group-${group}`)).toContainText(ranked(group)[0]?.name ?? "");
    await expectNoSeriousAxeViolations(page);
    await printFirstPageToPng(page, join(dataDir, "berita-acara.pdf"), "maluku-berita-acara-a4", [
      "Senin",
      "Agustus",
      "Maluku",
    ]);
    // "Tim Penilai" prints on the same page as the signatures under it (the chair signs first), never alone at a foot.
    const chair = await ba
      .getByTestId("ba-signatures")
      .locator(".doc-sign-name")
      .first()
      .evaluate((name) => name.firstChild?.textContent ?? "");
    expect(chair).not.toBe("");
    const closingPage = pdfPageTexts(join(dataDir, "berita-acara.pdf")).find((text) => text.includes("Tim Penilai"));
    expect(closingPage).toContain("Demikian berita acara");
    // This edition's Berita Acara does not happen to end near a page foot, so the page check above passes either
    // way; the rule that keeps the closing block on one page is checked as the printer sees it.
    expect(await ba.getByTestId("ba-closing").evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
    expect(closingPage).toContain(chair.replace(/\s+/g, " ").trim());
    // A group's heading never ends a page without its table: in the PDF no page's text ends with a group heading,
    // and (as for the closing block, since this document may not put one near a foot) the printer's rule is read.
    const lastLines = execFileSync("pdftotext", ["-layout", join(dataDir, "berita-acara.pdf"), "-"])
      .toString()
      .split("\f")
      .map((pageText) => pageText.trim().split("\n").at(-1)?.trim() ?? "");
    for (const line of lastLines) expect(line).not.toMatch(/^Kelompok /);
    await page.emulateMedia({ media: "print" });
    const groupHeading = ba.getByTestId(`ba-group-${G1}`).locator("h4");
    expect(await groupHeading.evaluate((h) => getComputedStyle(h).breakAfter)).toBe("avoid");
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: "Surat umpan balik" }).click();
    const malukuTengah = await page.locator("#letter-for option", { hasText: "Maluku Tengah" }).getAttribute("value");
    await page.getByLabel("Surat untuk").selectOption(malukuTengah ?? "");
    await expect(page.locator("article[data-testid^=letter-]")).toHaveCount(1);
    await expect(page.getByTestId(`letter-${malukuTengah}`)).toContainText(targetA);
    await expectNoSeriousAxeViolations(page);
    await printFirstPageToPng(page, join(dataDir, "letter.pdf"), "maluku-feedback-letter-a4", ["Maluku Tengah"]);
    // The method note (the letter's fine print) prints whole on one page: heading and every line together.
    const letterPages = pdfPageTexts(join(dataDir, "letter.pdf"));
    const agreementLines = (text: string) => text.split("Kesepakatan panel").length - 1;
    const methodPage = letterPages.find((text) => text.includes("Catatan metode")) ?? "";
    expect(agreementLines(methodPage)).toBeGreaterThan(0);
    expect(agreementLines(methodPage)).toBe(agreementLines(letterPages.join(" ")));
    await page.emulateMedia({ media: "print" });
    const method = page.getByTestId(`letter-${malukuTengah}`).getByTestId("letter-method");
    expect(await method.evaluate((el) => getComputedStyle(el).breakInside)).toBe("avoid");
    await page.emulateMedia({ media: "screen" });

    // Moderation: the coordinator reopens A's sheet with a reason; the tablet shows it; A corrects 8.1.
    const corrected = DISTRICTS.find((d) => d.name === CORRECTED) as District;
    await reopen(page, MEMBERS[0].name, CORRECTED, REOPEN_REASON);
    await correctOnTablet(pageA, corrected, 0, "C");
    await expectTotal(page, corrected);
    const publishedTotal = shown(total(corrected));

    // Close and publish version 1; the observer link shows it without signing in.
    await page.getByTestId("edition-state").getByRole("button", { name: "Tutup penilaian" }).click();
    await page.getByTestId("confirm-state").getByRole("button", { name: "Tutup penilaian" }).click();
    await expect(page.getByTestId("edition-state")).toContainText("ditutup");
    await openTab(page, "Dokumen dan ekspor");
    await page.getByRole("button", { name: "Penerbitan" }).click();
    await page.getByTestId("publish-panel").getByRole("button", { name: "Terbitkan" }).click();
    await page.getByTestId("confirm-publish").getByRole("button", { name: "Terbitkan" }).click();
    await expect(page.getByTestId("publish-result")).toHaveText("Versi 1 diterbitkan.");
    const hash = (await page.getByTestId("published-version").locator("code").textContent()) ?? "";
    const observerRow = page.getByTestId("link-observer");
    await observerRow.getByRole("button", { name: "Buat tautan" }).click();
    const link = await observerRow.getByLabel(/Alamat tautan untuk/).inputValue();
    expect(link).toContain("#/published/");
    const observer = await launchProfile(profiles[4] as string);
    contexts.push(observer);
    const reader = observer.pages()[0] ?? (await observer.newPage());
    await reader.goto(link);
    await expect(reader.getByTestId("published-meta")).toContainText("Versi 1", { timeout: 30_000 });
    await expect(reader.getByTestId("published-page")).toContainText(hash);
    const readerRow = reader.getByTestId(`group-table-${corrected.group}`).locator("tr", { hasText: CORRECTED });
    await expect(readerRow).toContainText(publishedTotal);
    await expect(reader.getByTestId("published-page")).toContainText(OBSERVER);
    await expectNoSeriousAxeViolations(reader);

    // A later correction (the edition opened again, the sheet reopened, 8.2 raised) changes the live results only.
    await page.getByTestId("edition-state").getByRole("button", { name: "Buka penilaian" }).click();
    await page.getByTestId("confirm-state").getByRole("button", { name: "Buka penilaian" }).click();
    await expect(page.getByTestId("edition-state")).toContainText("dibuka");
    await reopen(page, MEMBERS[0].name, CORRECTED, REOPEN_REASON);
    await correctOnTablet(pageA, corrected, 1, "B");
    await expectTotal(page, corrected);
    expect(shown(total(corrected))).not.toBe(publishedTotal);
    await reader.reload();
    await expect(reader.getByTestId("published-meta")).toContainText("Versi 1", { timeout: 30_000 });
    await expect(readerRow).toContainText(publishedTotal);
    await expect(readerRow).not.toContainText(shown(total(corrected)));
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await server?.stop();
    for (const p of profiles) removeProfileDir(p);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
